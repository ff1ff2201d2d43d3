//! Reading a text file's bytes and writing a fixed file back, shared by the
//! front-ends (the CLI, and the language and HTTP servers that reuse it).
//! Decoding is the library's job ([`copydesk_core::decode`]).

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::Path;

/// A file whose first this many bytes hold a NUL is binary (git's test).
pub const BINARY_PROBE: usize = 8192;

/// Why an input was not read.
#[derive(Debug)]
pub enum NotRead {
    /// An error: reported, and the exit code is 2.
    Error(String),
    /// A binary file: a notice ([`binary_note`]), not an error.
    Binary,
}

/// The notice for a binary input shown as `name`.
pub fn binary_note(name: &str) -> String {
    format!("{name}: skipped: binary file (a NUL byte in its first {BINARY_PROBE} bytes)")
}

/// Read all of a text input. The first `BINARY_PROBE` bytes are read first:
/// a NUL among them means binary (an image, a PDF, a compiled file), as git
/// decides, unless a UTF-16 byte-order mark says it is text; a binary input
/// is skipped with a notice without reading further, so `/dev/zero` or a
/// huge binary named by mistake costs 8 KB, not all memory. A NUL further
/// into a text file is only a character.
///
/// Most files are shorter than the probe and take one read (and one more
/// that finds the end). A longer one asks `size` for its length so that the
/// buffer is allocated once.
pub fn read_text<R: Read>(mut r: R, size: impl FnOnce(&R) -> u64) -> Result<Vec<u8>, NotRead> {
    let io = |e: std::io::Error| NotRead::Error(e.to_string());
    let mut buf = Vec::with_capacity(BINARY_PROBE + 1);
    let got = (&mut r)
        .take(BINARY_PROBE as u64)
        .read_to_end(&mut buf)
        .map_err(io)?;
    if copydesk_core::decode::looks_binary(&buf) {
        return Err(NotRead::Binary);
    }
    if got == BINARY_PROBE {
        // Room for the rest and one byte more, so finding the end needs no
        // growth. A size beyond MAX_PREALLOC (a sparse file, a device) is
        // not trusted: the buffer grows as it reads instead.
        let rest = size(&r).min(MAX_PREALLOC) as usize;
        buf.reserve_exact((rest + 1).saturating_sub(buf.len()));
        r.read_to_end(&mut buf).map_err(io)?;
    }
    Ok(buf)
}

/// Lengths above this are not trusted to size a buffer (a sparse file).
const MAX_PREALLOC: u64 = 1 << 28;

/// Read an open file whose metadata is `meta`, as [`read_text`] does. A
/// regular file is read as long as it was when opened (`meta.len()`): into
/// a buffer of that size, in one read for a file no longer than the probe,
/// with no further read to find the end (a file that grows meanwhile is
/// read as it was). Anything else (a pipe, a device, a file of length 0 as
/// /proc shows them, a huge or sparse one) is read to its end.
pub fn read_file(mut f: File, meta: &Metadata) -> Result<Vec<u8>, NotRead> {
    let len = meta.len();
    if !meta.is_file() || len == 0 || len > MAX_PREALLOC {
        return read_text(f, |f| f.metadata().map_or(0, |m| m.len()));
    }
    let io = |e: std::io::Error| NotRead::Error(e.to_string());
    // `take` stops at the length without asking the file again, and a
    // buffer of exactly that capacity is filled without growing.
    let mut buf = Vec::with_capacity(len as usize);
    let head = len.min(BINARY_PROBE as u64);
    (&mut f).take(head).read_to_end(&mut buf).map_err(io)?;
    if copydesk_core::decode::looks_binary(&buf[..buf.len().min(BINARY_PROBE)]) {
        return Err(NotRead::Binary);
    }
    if buf.len() as u64 == head && len > head {
        f.take(len - head).read_to_end(&mut buf).map_err(io)?;
    }
    Ok(buf)
}

/// Open a file and read its metadata (for its identity and length).
pub fn open(path: &Path) -> Result<(File, Metadata), String> {
    let f = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let meta = f
        .metadata()
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok((f, meta))
}

/// Read a binary file whole (a Word document), for a format the library
/// decodes itself.
pub fn read_bytes(mut f: File, meta: &Metadata, path: &Path) -> Result<Vec<u8>, String> {
    let mut b = Vec::with_capacity(meta.len().min(MAX_PREALLOC) as usize);
    f.read_to_end(&mut b)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(b)
}

/// Why [`write_atomically`] left a read-only file alone.
pub const READ_ONLY: &str = "the file is read-only";

/// Replace `path`'s contents with `new`, atomically: write a temporary file
/// beside it with the same permissions, then rename it over the original.
/// Refuses when the file no longer holds `original`.
pub fn write_atomically(path: &Path, original: &[u8], new: &[u8]) -> Result<(), String> {
    // Write through symlinks to the real file, never replace the link.
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    let now = std::fs::read(&real).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != original {
        return Err("the file changed on disk while it was being checked".into());
    }
    let perms = std::fs::metadata(&real)
        .map_err(|e| e.to_string())?
        .permissions();
    if perms.readonly() {
        return Err(READ_ONLY.into());
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    tmp.write_all(new)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    tmp.as_file()
        .set_permissions(perms)
        .map_err(|e| format!("cannot set permissions: {e}"))?;
    tmp.persist(&real)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_refuses_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "the the, edited meanwhile\n").unwrap();
        let err = write_atomically(&f, b"the the\n", b"the\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&f).unwrap(),
            "the the, edited meanwhile\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn write_refuses_a_file_made_read_only_after_it_was_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "the the\n").unwrap();
        let read = std::fs::read(&f).unwrap();
        // Between the read and the write, someone makes it read-only.
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomically(&f, &read, b"the\n").unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "the the\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn write_goes_through_a_symlink_to_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "the the\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"the the\n", b"the\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "the\n");
    }
}
