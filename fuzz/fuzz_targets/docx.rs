//! Reading a Word document from any bytes, and any XML as its body: no
//! panic; paragraphs hold no line break and tile the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let docs = [
        copydesk_core::prose::docx::extract(data).ok(),
        std::str::from_utf8(data)
            .ok()
            .and_then(|s| copydesk_core::prose::docx::paragraphs(s).ok()),
    ];
    for doc in docs.into_iter().flatten() {
        let mut at = 0;
        for p in &doc.paragraphs {
            assert!(p.start >= at && p.end <= doc.text.len());
            assert!(!doc.text[p.clone()].contains('\n'));
            at = p.end;
        }
        assert_eq!(
            doc.text.matches('\n').count() + 1,
            doc.paragraphs.len().max(1)
        );
        let _ = copydesk_core::Linter::new().lint(&doc.text, copydesk_core::Format::Docx);
    }
});
