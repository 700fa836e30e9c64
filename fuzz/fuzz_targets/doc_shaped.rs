//! Docs assembled from pieces of the dialect (titles, oneofs, field rows,
//! type notation, hostile descriptions): the pipeline never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [(a, widget), (b, gadget)] = codegen_fuzz::doc_shaped(data);
    codegen_fuzz::pipeline_many(&[(&a, widget.as_bytes()), (&b, gadget.as_bytes())]);
});
