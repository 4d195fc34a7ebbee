//! TLS to the team server, as `sslmode` asks: a throw-away server (`scripts/pg-cluster`)
//! listening on 127.0.0.1 with a certificate signed by a test authority made here with
//! `openssl` (its name: `localhost` only). Skipped, with a line, without PostgreSQL or
//! openssl outside CI.
#![cfg(feature = "postgres")]

use rolecall::store::pg::{self as store_pg, Environment};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A server with TLS on 127.0.0.1:`port`, stopped and removed on drop.
struct TlsServer {
    dir: PathBuf,
    port: u16,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = script().arg("stop").arg(&self.dir).output();
    }
}

fn script() -> Command {
    let mut command = Command::new("bash");
    command.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster"));
    command
}

fn skip(why: &str) -> Option<TlsServer> {
    assert!(std::env::var_os("CI").is_none_or(|v| v.is_empty()), "required under CI: {why}");
    eprintln!("skipped: {why}");
    None
}

fn run(command: &mut Command) {
    let out = command.output().expect("run a command");
    assert!(out.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// `command` as the server's owner (`postgres` when we are root).
fn as_owner(program: &Path) -> Command {
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } == 0 {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// A test authority, a server certificate for `localhost` it signs, and another
/// authority that signed nothing.
fn certificates(dir: &Path) {
    let openssl = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(dir));
    let subject = |cn: &str| format!("/CN={cn}");
    for ca in ["ca", "other-ca"] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            &format!("{ca}.key"),
            "-out",
            &format!("{ca}.crt"),
            "-subj",
            &subject(ca),
        ]);
    }
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        &subject("localhost"),
    ]);
    std::fs::write(dir.join("ext.cnf"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "server.crt",
        "-extfile",
        "ext.cnf",
    ]);
}

fn start() -> Option<TlsServer> {
    if Command::new("openssl").arg("version").output().is_err() {
        return skip("openssl not found");
    }
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("rolecall-pgtls-{}-{n}", std::process::id()));
    let out = script().arg("start").arg(&dir).output().expect("run scripts/pg-cluster");
    if out.status.code() == Some(3) {
        return skip(String::from_utf8_lossy(&out.stderr).trim());
    }
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = TlsServer { dir: dir.clone(), port };
    assert!(out.status.success(), "pg-cluster start: {}", String::from_utf8_lossy(&out.stderr));
    let socket_url = String::from_utf8_lossy(&out.stdout).trim().to_string();
    certificates(&dir);
    // The server's key must be its owner's and private.
    let key = dir.join("server.key");
    if unsafe { libc::getuid() } == 0 {
        run(Command::new("chown").args([
            "postgres:",
            key.to_str().unwrap(),
            dir.join("server.crt").to_str().unwrap(),
        ]));
    }
    run(Command::new("chmod").arg("0600").arg(&key));
    let mut admin = postgres::Client::connect(&socket_url, postgres::NoTls).unwrap();
    for statement in [
        "ALTER SYSTEM SET listen_addresses = '127.0.0.1'".to_string(),
        format!("ALTER SYSTEM SET port = {port}"),
        "ALTER SYSTEM SET ssl = on".to_string(),
        format!("ALTER SYSTEM SET ssl_cert_file = '{}'", dir.join("server.crt").display()),
        format!("ALTER SYSTEM SET ssl_key_file = '{}'", key.display()),
        "CREATE ROLE alice LOGIN PASSWORD 'alice-pw'".to_string(),
    ] {
        admin.batch_execute(&statement).unwrap();
    }
    drop(admin);
    let hba = dir.join("data/pg_hba.conf");
    let mut rules = std::fs::read_to_string(&hba).unwrap();
    rules.push_str("host all all 127.0.0.1/32 scram-sha-256\n");
    std::fs::write(&hba, rules).unwrap();
    let bin = String::from_utf8(script().arg("bin").output().unwrap().stdout).unwrap();
    run(as_owner(&Path::new(bin.trim()).join("pg_ctl"))
        .arg(format!("--pgdata={}", dir.join("data").display()))
        .arg(format!("--log={}", dir.join("server.log").display()))
        .args(["--wait", "--timeout=60", "restart"]));
    Some(server)
}

impl TlsServer {
    fn url(&self, host: &str, params: &str) -> String {
        format!("postgres://alice:alice-pw@{host}:{}/postgres?{params}", self.port)
    }

    fn ca(&self, name: &str) -> String {
        self.dir.join(format!("{name}.crt")).display().to_string()
    }
}

/// Whether the connection is encrypted, as the server sees it.
fn encrypted(client: &mut postgres::Client) -> bool {
    client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
}

fn connect(url: &str) -> Result<postgres::Client, String> {
    store_pg::connect_with(url, &Environment::default()).map_err(|e| e.to_string())
}

#[test]
fn sslmode_is_honoured_against_a_server_with_a_certificate() {
    let Some(server) = start() else { return };
    let ca = server.ca("ca");
    // The default (prefer) and require encrypt; disable does not.
    assert!(encrypted(&mut connect(&server.url("127.0.0.1", "")).unwrap()));
    assert!(encrypted(&mut connect(&server.url("127.0.0.1", "sslmode=require")).unwrap()));
    assert!(!encrypted(&mut connect(&server.url("127.0.0.1", "sslmode=disable")).unwrap()));
    // verify-full: the authority and the name must both match.
    let full = connect(&server.url("localhost", &format!("sslmode=verify-full&sslrootcert={ca}")));
    assert!(encrypted(&mut full.unwrap()));
    let wrong_name = connect(&server.url("127.0.0.1", &format!("sslmode=verify-full&sslrootcert={ca}")));
    let e = wrong_name.err().expect("a certificate for localhost does not name 127.0.0.1");
    assert!(e.contains("certificate"), "{e}");
    // verify-ca: the authority only.
    let by_ca = connect(&server.url("127.0.0.1", &format!("sslmode=verify-ca&sslrootcert={ca}")));
    assert!(encrypted(&mut by_ca.unwrap()));
    let other = server.ca("other-ca");
    for mode in ["verify-ca", "verify-full", "require"] {
        let url = server.url("localhost", &format!("sslmode={mode}&sslrootcert={other}"));
        let e = connect(&url).err().unwrap_or_else(|| panic!("{mode} with another authority connected"));
        assert!(e.contains("cannot connect") && e.contains("certificate"), "{mode}: {e}");
        assert!(!e.contains("alice-pw"), "the password is hidden: {e}");
    }
    // PGSSLMODE / PGSSLROOTCERT stand in for the URL's parameters.
    let env = Environment {
        sslmode: Some("verify-full".into()),
        sslrootcert: Some(other.clone()),
        ..Environment::default()
    };
    assert!(store_pg::connect_with(&server.url("localhost", ""), &env).is_err());
}

#[test]
fn require_refuses_a_server_without_tls() {
    let Some(server) = start() else { return };
    // The server offers no TLS on its Unix socket.
    let socket = server.dir.display().to_string().replace('/', "%2F");
    let plain = format!("postgres://alice:alice-pw@{socket}:{}/postgres", server.port);
    assert!(!encrypted(&mut connect(&plain).unwrap()), "prefer falls back to plain");
    let e = connect(&format!("{plain}?sslmode=require")).err().expect("require is refused");
    assert!(e.contains("cannot connect") && e.to_lowercase().contains("tls"), "{e}");
}
