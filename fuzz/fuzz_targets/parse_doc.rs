//! Any bytes as a model doc: the whole pipeline (parse, resolve, emit) must
//! answer with a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    codegen_fuzz::pipeline(data);
});
