//! Bytes to text and back: UTF-8 (with or without a byte-order mark),
//! UTF-16 by its byte-order mark, and the legacy single-byte encodings a
//! user names (`windows-1252`, `latin-1`). No I/O: the front-ends read and
//! write the bytes.
//!
//! The text the rules see never holds the byte-order mark, so it is not a
//! column; [`encode`] puts it back, so a fixed file keeps its encoding.

/// How a file's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    /// UTF-8 starting with a byte-order mark (EF BB BF).
    Utf8Bom,
    /// UTF-16, little-endian, with its byte-order mark (FF FE).
    Utf16Le,
    /// UTF-16, big-endian, with its byte-order mark (FE FF).
    Utf16Be,
    /// Windows-1252 (what "ANSI" means on western Windows).
    Windows1252,
    /// ISO-8859-1: each byte is the character of the same number.
    Latin1,
}

impl Encoding {
    /// The encoding a user may name (`--encoding`), by its usual labels.
    pub fn from_label(label: &str) -> Option<Encoding> {
        match label.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" => Some(Encoding::Windows1252),
            "latin-1" | "latin1" | "iso-8859-1" => Some(Encoding::Latin1),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "latin-1",
        }
    }
}

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    pub encoding: Encoding,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for DecodeError {}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The encoding a byte-order mark at the start of `bytes` announces.
pub fn sniff_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(UTF8_BOM) {
        Some(Encoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether the first bytes of a file say it is binary: a NUL among them (as
/// git decides), unless a UTF-16 byte-order mark says it is text.
pub fn looks_binary(head: &[u8]) -> bool {
    !matches!(sniff_bom(head), Some(Encoding::Utf16Le | Encoding::Utf16Be))
        && memchr::memchr(0, head).is_some()
}

/// Decode `bytes`. A byte-order mark decides first; otherwise `legacy` (the
/// encoding the user named, if any) or UTF-8. Invalid UTF-8 is an error that
/// gives the line and column of the first bad byte and names
/// `--encoding`; nothing is ever replaced, so fixing loses no data.
pub fn decode(bytes: Vec<u8>, legacy: Option<Encoding>) -> Result<Decoded, DecodeError> {
    match sniff_bom(&bytes) {
        Some(Encoding::Utf8Bom) => {
            let mut bytes = bytes;
            bytes.drain(..UTF8_BOM.len());
            return utf8(bytes, Encoding::Utf8Bom, 3);
        }
        Some(enc @ (Encoding::Utf16Le | Encoding::Utf16Be)) => {
            let codec = if enc == Encoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            return match codec.decode_without_bom_handling_and_without_replacement(&bytes[2..]) {
                Some(text) => Ok(Decoded {
                    text: text.into_owned(),
                    encoding: enc,
                }),
                None => Err(DecodeError {
                    message: format!(
                        "not valid {} (an odd length or an unpaired surrogate)",
                        enc.as_str()
                    ),
                }),
            };
        }
        _ => {}
    }
    match legacy {
        Some(Encoding::Windows1252) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Windows1252,
            })
        }
        Some(Encoding::Latin1) => Ok(Decoded {
            text: bytes.iter().map(|&b| char::from(b)).collect(),
            encoding: Encoding::Latin1,
        }),
        _ => utf8(bytes, Encoding::Utf8, 0),
    }
}

/// `bytes` as UTF-8 without a copy, or where it stops being UTF-8. `shift`
/// is the length of a byte-order mark already removed, for the byte offset.
fn utf8(bytes: Vec<u8>, encoding: Encoding, shift: usize) -> Result<Decoded, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // Valid up to `at`, so the line and column are counted in text.
            let good = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good[good.rfind('\n').map_or(0, |k| k + 1)..]
                .chars()
                .count()
                + 1;
            Err(DecodeError {
                message: format!(
                    "not valid UTF-8 at line {line}, column {column} (byte 0x{:02X} at offset {}); \
                     if it is a legacy file, read it with --encoding windows-1252 (or latin-1)",
                    bytes[at],
                    at + shift
                ),
            })
        }
    }
}

/// Encode `text` back to `encoding` (with its byte-order mark, if it has
/// one). An error if a character has no place in a single-byte encoding:
/// the file is then left as it was rather than damaged.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, DecodeError> {
    let unmappable = |c: char| DecodeError {
        message: format!("{c:?} cannot be written in {}", encoding.as_str()),
    };
    Ok(match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [UTF8_BOM, text.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFEFFu16]
            .into_iter()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect(),
        Encoding::Utf16Be => [0xFEFFu16]
            .into_iter()
            .chain(text.encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect(),
        Encoding::Windows1252 => {
            let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
            if bad {
                let c = text
                    .chars()
                    .find(|c| {
                        let mut b = [0; 4];
                        encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut b)).2
                    })
                    .unwrap_or('?');
                return Err(unmappable(c));
            }
            bytes.into_owned()
        }
        Encoding::Latin1 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).map_err(|_| unmappable(c)))
            .collect::<Result<_, _>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(bytes: &[u8], legacy: Option<Encoding>) -> Decoded {
        let d = decode(bytes.to_vec(), legacy).unwrap();
        assert_eq!(encode(&d.text, d.encoding).unwrap(), bytes);
        d
    }

    #[test]
    fn utf8_with_and_without_a_bom() {
        assert_eq!(round_trip(b"the the", None).encoding, Encoding::Utf8);
        let d = round_trip(b"\xEF\xBB\xBFthe the", None);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("the the", Encoding::Utf8Bom)
        );
    }

    #[test]
    fn utf16_by_its_bom_both_ways() {
        let le: Vec<u8> = [0xFEFFu16]
            .into_iter()
            .chain("caf\u{e9} the the\r\n".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = round_trip(&le, None);
        assert_eq!(d.text, "caf\u{e9} the the\r\n");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        let be: Vec<u8> = [0xFEFFu16]
            .into_iter()
            .chain("x".encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(round_trip(&be, None).encoding, Encoding::Utf16Be);
        assert!(!looks_binary(&le));
        assert!(looks_binary(b"a\0b"));
        assert!(decode(b"\xFF\xFEa".to_vec(), None).is_err());
    }

    #[test]
    fn invalid_utf8_gives_line_and_column_and_names_the_way_out() {
        let e = decode(b"first\nsecond caf\xE9 the".to_vec(), None).unwrap_err();
        assert!(e.message.contains("line 2, column 11"), "{e}");
        assert!(e.message.contains("--encoding windows-1252"), "{e}");
    }

    #[test]
    fn legacy_encodings_read_and_write_back() {
        let d = round_trip(b"caf\xE9 \x93quoted\x94", Some(Encoding::Windows1252));
        assert_eq!(d.text, "caf\u{e9} \u{201c}quoted\u{201d}");
        let d = round_trip(b"caf\xE9 \x93", Some(Encoding::Latin1));
        assert_eq!(d.text, "caf\u{e9} \u{93}");
        assert!(encode("\u{2603}", Encoding::Latin1).is_err());
        assert!(encode("\u{2603}", Encoding::Windows1252).is_err());
        assert_eq!(Encoding::from_label("Latin-1"), Some(Encoding::Latin1));
        assert_eq!(
            Encoding::from_label("windows-1252"),
            Some(Encoding::Windows1252)
        );
    }
}
