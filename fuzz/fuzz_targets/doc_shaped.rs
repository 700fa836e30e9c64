//! Docs assembled from pieces of the dialect (titles, oneofs, field rows,
//! type notation, hostile descriptions): the pipeline never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [widget, gadget] = codegen_fuzz::doc_shaped(data);
    codegen_fuzz::pipeline_many(&[
        ("models/shared/widget.md", widget.as_bytes()),
        ("models/shared/gadget.md", gadget.as_bytes()),
    ]);
});
