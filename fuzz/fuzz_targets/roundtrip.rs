//! Arbitrary JSON into generated types: read fails cleanly or the value
//! round-trips exactly. The first byte picks the model.
#![no_main]

use codegen_fuzz::roundtrip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, json)) = data.split_first() else {
        return;
    };
    match pick % 12 {
        0 => roundtrip::<conductorone_models::Policy>(json),
        1 => roundtrip::<conductorone_models::ProvisionPolicy>(json),
        2 => roundtrip::<conductorone_models::PolicyStep>(json),
        3 => roundtrip::<conductorone_models::Approval>(json),
        4 => roundtrip::<conductorone_models::Wait>(json),
        5 => roundtrip::<conductorone_models::PolicyPostActions>(json),
        // Objects of every notation, with oneofs, consts and cycles.
        6 => roundtrip::<features_models::Tool>(json),
        7 => roundtrip::<features_models::Reading>(json),
        8 => roundtrip::<features_models::Job>(json),
        9 => roundtrip::<features_models::Sensor>(json),
        // Every kind of union, tagged and untagged, nested.
        10 => roundtrip::<features_models::Kit>(json),
        _ => roundtrip::<features_models::errors::ToolError>(json),
    }
});
