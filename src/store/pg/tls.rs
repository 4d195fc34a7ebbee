//! TLS to the server, as libpq's `sslmode` and `sslrootcert` ask (rustls, no OpenSSL).
//!
//! - `disable`: never; `allow` and `prefer` (the default): when the server offers it;
//!   `require`: always, without checking the certificate (as libpq; with a root
//!   certificate given, as `verify-ca`);
//! - `verify-ca`: always, the certificate signed by a trusted root; `verify-full`: that
//!   and the certificate naming the host.
//!
//! The roots: the file `sslrootcert` names (`PGSSLROOTCERT`), else
//! `~/.postgresql/root.crt` when it exists, else (and for `sslrootcert=system`) the
//! public web roots. A Unix-socket connection never uses TLS (the server offers none).

use super::error::PgError;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it (libpq tries without first; here the same as prefer).
    Allow,
    /// TLS when the server offers it, certificate unchecked.
    #[default]
    Prefer,
    /// TLS always, certificate unchecked.
    Require,
    /// TLS always, certificate signed by a trusted root.
    VerifyCa,
    /// TLS always, certificate signed by a trusted root and naming the host.
    VerifyFull,
}

impl SslMode {
    /// Parse libpq's spelling.
    pub fn parse(text: &str) -> Result<SslMode, PgError> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(PgError::Url(format!(
                    "sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )));
            }
        })
    }
}

/// What TLS a connection asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsSettings {
    /// `sslmode`.
    pub mode: SslMode,
    /// `sslrootcert`: a PEM file of trusted roots, or `system`.
    pub root_cert: Option<String>,
}

/// Take `sslmode` and `sslrootcert` out of a URL's query (or a key=value string), which
/// the client library does not know, and return the rest with them. A value the URL
/// leaves out comes from `env_mode` / `env_root` (`PGSSLMODE`, `PGSSLROOTCERT`).
pub fn split(
    url: &str,
    env_mode: Option<&str>,
    env_root: Option<&str>,
) -> Result<(String, TlsSettings), PgError> {
    let mut mode = env_mode.map(str::to_string);
    let mut root = env_root.map(str::to_string);
    let mut take = |key: &str, value: String| match key {
        "sslmode" => {
            mode = Some(value);
            true
        }
        "sslrootcert" => {
            root = Some(value);
            true
        }
        _ => false,
    };
    let rest = if url.contains("://") {
        match url.split_once('?') {
            Some((base, query)) => {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|pair| {
                        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                        !take(key, percent_decode(value))
                    })
                    .collect();
                if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) }
            }
            None => url.to_string(),
        }
    } else {
        let kept: Vec<&str> = url
            .split_whitespace()
            .filter(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                !take(key.trim(), value.trim_matches('\'').to_string())
            })
            .collect();
        kept.join(" ")
    };
    let mode = match mode.as_deref() {
        Some(m) => SslMode::parse(m)?,
        None => SslMode::Prefer,
    };
    Ok((rest, TlsSettings { mode, root_cert: root.filter(|r| !r.is_empty()) }))
}

/// `%XX` escapes decoded (a path in a URL's query may be written `%2Fetc%2F…`).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The client library's mode for `settings` (whether to ask the server for TLS).
pub fn client_mode(settings: &TlsSettings) -> postgres::config::SslMode {
    match settings.mode {
        SslMode::Disable => postgres::config::SslMode::Disable,
        SslMode::Allow | SslMode::Prefer => postgres::config::SslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => postgres::config::SslMode::Require,
    }
}

/// The TLS connector for `settings`; `home` finds `~/.postgresql/root.crt`.
pub fn connector(settings: &TlsSettings, home: Option<&Path>) -> Result<MakeRustlsConnect, PgError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| PgError::Url(format!("TLS set-up failed: {e}")))?;
    let root_file = settings.root_cert.clone().or_else(|| {
        let default = home?.join(".postgresql/root.crt");
        default.is_file().then(|| default.to_string_lossy().into_owned())
    });
    let mode = match settings.mode {
        SslMode::Require if settings.root_cert.is_some() => SslMode::VerifyCa,
        mode => mode,
    };
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let roots = Arc::new(roots(root_file.as_deref())?);
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                .build()
                .map_err(|e| PgError::Url(format!("TLS set-up failed: {e}")))?;
            if mode == SslMode::VerifyFull {
                webpki
            } else {
                Arc::new(Lenient { provider, chain: Some(webpki) })
            }
        }
        _ => Arc::new(Lenient { provider, chain: None }),
    };
    let config = builder.dangerous().with_custom_certificate_verifier(verifier).with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The trusted roots: the PEM file `file` names, or the public web roots.
fn roots(file: Option<&str>) -> Result<RootCertStore, PgError> {
    let Some(path) = file.filter(|f| *f != "system") else {
        return Ok(RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() });
    };
    let bad = |why: String| PgError::Url(format!("sslrootcert {path}: {why}"));
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(PathBuf::from(path))
        .map_err(|e| bad(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| bad(e.to_string()))?;
    if certs.is_empty() {
        return Err(bad("holds no certificate".into()));
    }
    let mut store = RootCertStore::empty();
    for cert in certs {
        store.add(cert).map_err(|e| bad(e.to_string()))?;
    }
    Ok(store)
}

/// The verifiers libpq's lenient modes ask for; the handshake's signatures are checked
/// in both. `prefer` and `require` (`chain: None`): any certificate (the channel is
/// encrypted, the server not authenticated). `verify-ca`: the chain must reach a trusted
/// root; the name in it is not checked.
#[derive(Debug)]
struct Lenient {
    provider: Arc<CryptoProvider>,
    chain: Option<Arc<WebPkiServerVerifier>>,
}

impl ServerCertVerifier for Lenient {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else { return Ok(ServerCertVerified::assertion()) };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_parameters_leave_the_url_and_the_rest_stays() {
        let (rest, s) = split("postgres://u@h/d?sslmode=verify-full&application_name=x", None, None).unwrap();
        assert_eq!(rest, "postgres://u@h/d?application_name=x");
        assert_eq!(s, TlsSettings { mode: SslMode::VerifyFull, root_cert: None });
        let (rest, s) =
            split("postgres://u@h/d?sslrootcert=%2Fetc%2Fca.pem&sslmode=require", None, None).unwrap();
        assert_eq!(rest, "postgres://u@h/d");
        assert_eq!((s.mode, s.root_cert.as_deref()), (SslMode::Require, Some("/etc/ca.pem")));
        let (rest, s) = split("host=h sslmode=disable user=u", None, None).unwrap();
        assert_eq!((rest.as_str(), s.mode), ("host=h user=u", SslMode::Disable));
    }

    #[test]
    fn the_environment_fills_in_and_the_url_wins() {
        let (_, s) = split("postgres://h/d", Some("verify-ca"), Some("/ca.pem")).unwrap();
        assert_eq!((s.mode, s.root_cert.as_deref()), (SslMode::VerifyCa, Some("/ca.pem")));
        let (_, s) = split("postgres://h/d?sslmode=disable", Some("verify-ca"), None).unwrap();
        assert_eq!(s.mode, SslMode::Disable);
        assert_eq!(split("postgres://h/d", None, None).unwrap().1.mode, SslMode::Prefer);
    }

    #[test]
    fn an_unknown_mode_is_refused_in_one_line() {
        let e = split("postgres://h/d?sslmode=sometimes", None, None).unwrap_err().to_string();
        assert!(e.contains("sslmode 'sometimes' is not one of"), "{e}");
    }

    #[test]
    fn a_root_file_that_is_missing_or_empty_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let settings = |root: &Path| TlsSettings {
            mode: SslMode::VerifyFull,
            root_cert: Some(root.to_string_lossy().into_owned()),
        };
        let missing = dir.path().join("none.pem");
        assert!(connector(&settings(&missing), None).is_err());
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let e = connector(&settings(&empty), None).err().unwrap().to_string();
        assert!(e.contains("holds no certificate"), "{e}");
        assert!(connector(&TlsSettings::default(), None).is_ok());
    }
}
