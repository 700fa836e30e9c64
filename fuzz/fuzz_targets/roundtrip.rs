//! Arbitrary JSON into generated types: read fails cleanly or the value
//! round-trips exactly. The first byte picks the model.
#![no_main]

use codegen_fuzz::roundtrip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, json)) = data.split_first() else {
        return;
    };
    match pick % 8 {
        0 => roundtrip::<conductorone_models::Policy>(json),
        1 => roundtrip::<conductorone_models::ProvisionPolicy>(json),
        2 => roundtrip::<conductorone_models::PolicyStep>(json),
        3 => roundtrip::<conductorone_models::Approval>(json),
        4 => roundtrip::<conductorone_models::Wait>(json),
        5 => roundtrip::<conductorone_models::PolicyPostActions>(json),
        6 => roundtrip::<features_models::Widget>(json),
        _ => roundtrip::<features_models::Gadget>(json),
    }
});
