//! Markdown (and plain) prose extraction: no panic, and the prose view has
//! the byte length of the input, so offsets into it are offsets into the file.
#![no_main]
use copydesk::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [Format::Markdown, Format::Plain] {
        let prose = copydesk::prose::extract(text, format);
        assert_eq!(prose.text.len(), text.len(), "{format:?} prose view changed length");
        let _ = copydesk::token::tokenize(&prose.text).count();
    }
});
