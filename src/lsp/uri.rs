//! `file:` URIs to paths and back (RFC 8089, percent-encoding by byte).
//!
//! lsp-types gives URIs as parsed strings without a path conversion; this is
//! the small part of one a language server needs.

use std::path::{Path, PathBuf};

/// The local path of a `file:` URI (`None` for other schemes, such as an
/// editor's `untitled:` buffers, or a remote host).
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let scheme = uri.get(..7)?;
    if !scheme.eq_ignore_ascii_case("file://") {
        return None;
    }
    let rest = &uri[7..];
    let slash = rest.find('/')?;
    let host = &rest[..slash];
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = &rest[slash..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let bytes = decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/dir` is `C:/dir`.
        let s = String::from_utf8(bytes).ok()?;
        let s = match s.as_bytes() {
            [b'/', d, b':', ..] if d.is_ascii_alphabetic() => s[1..].to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

fn decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let s = path.to_string_lossy().replace('\\', "/");
        if s.starts_with('/') {
            s.into_bytes()
        } else {
            format!("/{s}").into_bytes()
        }
    };
    let mut out = String::from("file://");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn round_trip() {
        for p in ["/tmp/a b/ç#?%.md", "/x", "/docs/copydesk.toml"] {
            let uri = from_path(Path::new(p));
            assert_eq!(to_path(&uri).as_deref(), Some(Path::new(p)), "{uri}");
        }
        assert_eq!(from_path(Path::new("/a b")), "file:///a%20b");
        assert_eq!(
            to_path("file://localhost/a%20b?q#f").as_deref(),
            Some(Path::new("/a b"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/x"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
        assert_eq!(to_path("file:///cut%2"), None);
    }
}
