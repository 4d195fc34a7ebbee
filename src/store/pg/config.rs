//! A connection URL to a `postgres::Config`, with libpq's defaults: what the URL leaves
//! out comes from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, then the password from
//! `PGPASSWORD` or the password file (`PGPASSFILE`, else `~/.pgpass`), as `psql` does.

use super::error::PgError;
use super::pgpass;
use super::tls::{self, TlsSettings};
use postgres::config::Host;
use std::path::PathBuf;

/// The environment a connection's defaults come from (a value, so tests need not touch
/// the process environment).
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `PGHOST`: a host name, or a socket directory when it starts with `/`.
    pub host: Option<String>,
    /// `PGPORT`.
    pub port: Option<String>,
    /// `PGUSER`.
    pub user: Option<String>,
    /// `PGDATABASE`.
    pub database: Option<String>,
    /// `PGPASSWORD`.
    pub password: Option<String>,
    /// The password file: `PGPASSFILE`, else `~/.pgpass`.
    pub passfile: Option<PathBuf>,
    /// The operating-system login, the last resort for the user name.
    pub os_user: Option<String>,
    /// `PGSSLMODE`.
    pub sslmode: Option<String>,
    /// `PGSSLROOTCERT`.
    pub sslrootcert: Option<String>,
    /// The home directory (`~/.postgresql/root.crt`).
    pub home: Option<PathBuf>,
}

impl Environment {
    /// Read the variables libpq reads.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let home = var("HOME").map(PathBuf::from);
        Environment {
            host: var("PGHOST"),
            port: var("PGPORT"),
            user: var("PGUSER"),
            database: var("PGDATABASE"),
            password: var("PGPASSWORD"),
            passfile: var("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|h| h.join(".pgpass"))),
            os_user: var("USER").or_else(|| var("LOGNAME")),
            sslmode: var("PGSSLMODE"),
            sslrootcert: var("PGSSLROOTCERT"),
            home,
        }
    }
}

/// Where libpq looks for the server's socket when no host is given (Debian's default).
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// Parse `url` (`postgres://user@host/db`, `postgresql://…`, a socket directory as
/// `%2Fpath` or `?host=/path`) and fill what it leaves out from `env`.
pub fn resolve(url: &str, env: &Environment) -> Result<postgres::Config, PgError> {
    Ok(resolve_tls(url, env)?.0)
}

/// [`resolve`], and the TLS the URL (or `PGSSLMODE`, `PGSSLROOTCERT`) asks for.
pub fn resolve_tls(url: &str, env: &Environment) -> Result<(postgres::Config, TlsSettings), PgError> {
    let (url, tls) = tls::split(url, env.sslmode.as_deref(), env.sslrootcert.as_deref())?;
    let url = url.as_str();
    let port = match &env.port {
        Some(p) => {
            Some(p.parse::<u16>().map_err(|_| PgError::Url(format!("PGPORT '{p}' is not a port number")))?)
        }
        None => None,
    };
    // The URL parser fills in 5432 for a host without a port; PGPORT must come first.
    let url = match port {
        Some(port) => with_default_port(url, port),
        None => url.to_string(),
    };
    let mut config: postgres::Config =
        url.parse().map_err(|e: postgres::Error| PgError::Url(first_line(&e.to_string())))?;
    if config.get_hosts().is_empty() {
        config.host(env.host.as_deref().unwrap_or(DEFAULT_SOCKET_DIR));
    }
    if config.get_ports().is_empty()
        && let Some(port) = port
    {
        config.port(port);
    }
    if config.get_user().is_none() {
        let user = env.user.clone().or_else(|| env.os_user.clone()).ok_or_else(|| {
            PgError::Url("no user name: put one in the URL (postgres://user@host/db) or set PGUSER".into())
        })?;
        config.user(&user);
    }
    if config.get_dbname().is_none() {
        // As libpq: the database defaults to the user's name.
        let db = env.database.clone().unwrap_or_else(|| config.get_user().unwrap_or_default().to_string());
        config.dbname(&db);
    }
    if config.get_password().is_none() {
        if let Some(password) = &env.password {
            config.password(password);
        } else if let Some(password) = password_from_file(&config, env) {
            config.password(password);
        }
    }
    config.ssl_mode(tls::client_mode(&tls));
    Ok((config, tls))
}

/// The password file's entry for the first host, port, database and user, if any.
fn password_from_file(config: &postgres::Config, env: &Environment) -> Option<String> {
    let path = env.passfile.as_ref()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        Host::Unix(dir) => dir.to_string_lossy().into_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let key = pgpass::Key {
        host: &host,
        port: &port,
        database: config.get_dbname().unwrap_or_default(),
        user: config.get_user().unwrap_or_default(),
    };
    pgpass::lookup(path, &key)
}

/// A `postgres://` URL with `:port` added to each host that has none (a key=value
/// string, or a URL naming `port=`, is returned as it is).
fn with_default_port(url: &str, port: u16) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hosts) = match authority.rsplit_once('@') {
        Some((user, hosts)) => (format!("{user}@"), hosts),
        None => (String::new(), authority),
    };
    if hosts.is_empty() || tail.contains("port=") {
        return url.to_string();
    }
    let has_port = |chunk: &str| match chunk.rfind(']') {
        Some(i) => chunk[i + 1..].starts_with(':'),
        None => chunk.contains(':'),
    };
    let hosts: Vec<String> =
        hosts.split(',').map(|h| if has_port(h) { h.to_string() } else { format!("{h}:{port}") }).collect();
    format!("{scheme}://{userinfo}{}{tail}", hosts.join(","))
}

/// The URL with any password replaced by `***`, for messages.
pub fn redacted(url: &str) -> String {
    let url = &hide_password_parameter(url);
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// `password=…` (a URL parameter or a key=value pair) with its value hidden.
fn hide_password_parameter(text: &str) -> String {
    let Some(start) = text.find("password=").map(|i| i + "password=".len()) else { return text.to_string() };
    let end = text[start..].find(['&', ' ']).map_or(text.len(), |i| start + i);
    format!("{}***{}", &text[..start], &text[end..])
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        Environment { os_user: Some("me".into()), ..Environment::default() }
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_the_environment() {
        let c = resolve("postgres://", &env()).unwrap();
        assert_eq!(c.get_user(), Some("me"));
        assert_eq!(c.get_dbname(), Some("me"), "the database defaults to the user, as libpq");
        assert!(matches!(c.get_hosts(), [Host::Unix(p)] if p.to_str() == Some(DEFAULT_SOCKET_DIR)));
        let e = Environment {
            user: Some("u".into()),
            database: Some("d".into()),
            port: Some("6543".into()),
            ..env()
        };
        let c = resolve("postgres://db.example", &e).unwrap();
        assert_eq!((c.get_user(), c.get_dbname(), c.get_ports()), (Some("u"), Some("d"), &[6543][..]));
        let c = resolve("postgres://a@db.example:7000/x", &e).unwrap();
        assert_eq!((c.get_user(), c.get_dbname(), c.get_ports()), (Some("a"), Some("x"), &[7000][..]));
    }

    #[test]
    fn the_password_in_the_url_wins_over_pgpassword() {
        let e = Environment { password: Some("env".into()), ..env() };
        assert_eq!(resolve("postgres://a:url@h/d", &e).unwrap().get_password(), Some(&b"url"[..]));
        assert_eq!(resolve("postgres://a@h/d", &e).unwrap().get_password(), Some(&b"env"[..]));
    }

    #[test]
    fn pgport_goes_to_each_host_without_a_port() {
        assert_eq!(with_default_port("postgres://u@a,b:9/d?x=1", 7), "postgres://u@a:7,b:9/d?x=1");
        assert_eq!(with_default_port("postgres://[::1]/d", 7), "postgres://[::1]:7/d");
        assert_eq!(with_default_port("postgres:///d?host=/s", 7), "postgres:///d?host=/s");
        assert_eq!(with_default_port("host=a user=b", 7), "host=a user=b");
    }

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(redacted("postgres://a:secret@h/d"), "postgres://a:***@h/d");
        assert_eq!(redacted("postgres://a@h/d"), "postgres://a@h/d");
        assert_eq!(redacted("postgres://h/d?password=secret&x=1"), "postgres://h/d?password=***&x=1");
    }
}
