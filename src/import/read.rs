//! Reading a page file: regular files only, never more than the size limit.

use super::error::ImportError;
use super::parse::ParseError;
use std::io::Read;
use std::path::Path;

/// The bytes of the page at `path` (symlinks followed). Anything but a regular file — a
/// FIFO, a device such as `/dev/zero`, a socket, a directory — is refused by name without
/// reading from it; a file is never read past `limit` bytes, even if it grows meanwhile.
pub(crate) fn page_bytes(path: &Path, limit: usize) -> Result<Vec<u8>, ImportError> {
    let shown = path.display().to_string();
    let io = |source| ImportError::Read { path: shown.clone(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    refuse_special(&shown, &meta)?;
    let file = open_without_blocking(path).map_err(io)?;
    // The path may have been swapped for something else since the check above.
    let meta = file.metadata().map_err(io)?;
    refuse_special(&shown, &meta)?;
    let too_large = |size: usize| ImportError::Parse {
        path: shown.clone(),
        source: ParseError::TooLarge { size, limit },
    };
    let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size.min(limit) + 1);
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len()));
    }
    Ok(bytes)
}

fn refuse_special(shown: &str, meta: &std::fs::Metadata) -> Result<(), ImportError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ImportError::NotAFile { path: shown.to_string(), kind: kind_of(&meta.file_type()) })
}

/// What a non-regular file is, in words.
fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() { "a directory" } else { "not a regular file" }
}

/// Open for reading; on Unix without blocking, so a FIFO put in the file's place after
/// the check cannot hang the import (the check after opening then refuses it).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}
