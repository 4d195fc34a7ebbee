//! Output streams that cannot carry a terminal control sequence.
//!
//! Every byte written through a [`SafeWriter`] is decoded as UTF-8 (a sequence split
//! across writes is held back until it completes; an invalid byte becomes U+FFFD) and
//! each unsafe character ([`is_unsafe`]) is replaced before it reaches the inner writer.
//! The rule for which characters are unsafe lives once, in `domain::text`.

use crate::domain::text::{STAND_IN, is_unsafe, terminal_text};
use std::io::{self, Write};

/// What an unsafe character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Text a person reads: newline and tab stay, every other unsafe character
    /// becomes a visible stand-in.
    Terminal,
    /// Serialised JSON: unsafe characters that the encoder leaves raw (DEL, C1
    /// controls, bidi overrides; C0 inside strings is escaped already) become
    /// `\uXXXX` escapes, so the data decodes unchanged. Only for JSON text.
    Json,
}

/// A writer that neutralises unsafe characters on their way to `inner`.
pub struct SafeWriter<W: Write> {
    inner: W,
    mode: Mode,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wrap `inner`.
    pub fn new(inner: W, mode: Mode) -> Self {
        SafeWriter { inner, mode, pending: Vec::new() }
    }

    /// Decode what is pending and pass it on; at `end`, an unfinished sequence is invalid.
    fn drain(&mut self, end: bool) -> io::Result<()> {
        let mut text = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.push(s, &mut text);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.push(std::str::from_utf8(good).unwrap_or_default(), &mut text);
                    match e.error_len() {
                        Some(n) => {
                            text.push(STAND_IN);
                            rest = &bad[n..];
                        }
                        None if end => {
                            text.push(STAND_IN);
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = bad;
                            break;
                        }
                    }
                }
            }
        }
        self.pending = rest.to_vec();
        self.inner.write_all(text.as_bytes())
    }

    fn push(&self, s: &str, out: &mut String) {
        match self.mode {
            Mode::Terminal => out.push_str(&terminal_text(s)),
            Mode::Json => json_escape_into(s, out),
        }
    }
}

/// Escape, as `\uXXXX`, every unsafe character except the newlines of pretty printing
/// (inside JSON strings the encoder has escaped all of C0 already).
fn json_escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' {
            // Every unsafe character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Fast path: printable ASCII and layout pass as they are (most of any output).
        let tab_ok = self.mode == Mode::Terminal;
        if self.pending.is_empty()
            && buf.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\n' || (tab_ok && b == b'\t'))
        {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

/// Serialise `value` as pretty JSON onto `w` with unsafe characters escaped.
pub fn json_pretty<T: serde::Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> serde_json::Result<()> {
    let mut safe = SafeWriter::new(w, Mode::Json);
    serde_json::to_writer_pretty(&mut safe, value)?;
    safe.flush().map_err(serde_json::Error::io)
}

/// Serialise `value` as one line of JSON with unsafe characters escaped.
pub fn json_line<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = String::new();
    json_escape_into(&serde_json::to_string(value).unwrap_or_default(), &mut text);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\x1b]52;c;SGk=\x07b\u{9b}31m\u{202E}\u{2067}\x7f\tc\nd";

    fn through(mode: Mode, chunks: &[&[u8]]) -> String {
        let mut buf = Vec::new();
        {
            let mut w = SafeWriter::new(&mut buf, mode);
            for c in chunks {
                w.write_all(c).expect("write");
            }
            w.flush().expect("flush");
        }
        String::from_utf8(buf).expect("utf-8 out")
    }

    #[test]
    fn terminal_mode_leaves_no_control_and_keeps_layout() {
        // Split inside the two-byte C1 and the three-byte override.
        let bytes = HOSTILE.as_bytes();
        let cut1 = HOSTILE.find('\u{9b}').expect("c1") + 1;
        let cut2 = HOSTILE.find('\u{202E}').expect("rlo") + 2;
        let out = through(Mode::Terminal, &[&bytes[..cut1], &bytes[cut1..cut2], &bytes[cut2..]]);
        assert!(!out.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t'), "{out:?}");
        assert!(out.contains("\tc\nd"));
        assert_eq!(out.matches(STAND_IN).count(), 6);
    }

    #[test]
    fn invalid_bytes_become_stand_ins() {
        let out = through(Mode::Terminal, &[b"x\x9by\xe2\x80"]);
        assert_eq!(out, "x\u{FFFD}y\u{FFFD}");
    }

    #[test]
    fn json_mode_escapes_and_round_trips() {
        let mut buf = Vec::new();
        json_pretty(&mut buf, &vec![HOSTILE]).expect("json");
        let text = String::from_utf8(buf).expect("utf-8");
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        let back: Vec<String> = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, vec![HOSTILE.to_string()]);
        let line = json_line(&HOSTILE);
        assert!(!line.chars().any(is_unsafe));
        assert_eq!(serde_json::from_str::<String>(&line).expect("parses"), HOSTILE);
    }
}
