//! What the fuzz targets share: the generator's pipeline on one doc, a
//! doc-shaped input builder, and the round trip of generated types.

use codegen::emit::EmitOptions;
use codegen::overlay::Overlay;

/// Runs one doc through decode, parse, resolve and emit. Errors are fine;
/// panics are findings.
pub fn pipeline(data: &[u8]) {
    pipeline_many(&[("models/shared/fuzz.md", data)]);
}

/// The same for several docs at once (links between them resolve).
pub fn pipeline_many(docs: &[(&str, &[u8])]) {
    let mut sources = Vec::new();
    for (path, data) in docs {
        match codegen::decode(path, data) {
            Ok(source) => sources.push(source),
            Err(_) => return,
        }
    }
    let Ok(resolved) = codegen::load_sources(sources, &Overlay::default()) else {
        return;
    };
    let options = EmitOptions {
        crate_name: "fuzz-models".into(),
        command: "fuzz".into(),
    };
    // The emitter must turn every IR the resolver accepts into Rust that
    // parses: an `Error::Emit` there is a bug.
    if let Err(codegen::Error::Emit { file, message }) = codegen::emit::emit(&resolved.ir, &options)
    {
        panic!("emitted code for {file} does not parse: {message}");
    }
}

/// Pieces of the dialect a doc-shaped input is built from.
const NAMES: &[&str] = &[
    "Widget", "Gadget", "Option", "Self", "type", "A", "ab", "AB", "Ab", "", "1x", "Value",
];
const FIELDS: &[&str] = &[
    "id",
    "type",
    "self_",
    "match",
    "from_",
    "at_type",
    "kind",
    "a_b",
    "a__b",
    "x",
    "__pydantic_extra__",
    "gadget",
    "widget",
    "Bad-Name",
    "",
];
const TYPES: &[&str] = &[
    "[httpx.Response](https://www.python-httpx.org/api/#response)",
    "*str*",
    "*int*",
    "*Optional[int]*",
    "*OptionalNullable[str]*",
    "List[*str*]",
    "Dict[str, *Any*]",
    "List[List[*int*]]",
    "Dict[str, List[Dict[str, *Any*]]]",
    "[Optional[shared.Gadget]](../shared/gadget.md)",
    "[OptionalNullable[shared.Widget]](widget.md)",
    "List[[shared.Widget](widget.md)]",
    "[date](https://docs.python.org/3/library/datetime.html)",
    "*Optinal[str]*",
    "*Optional[str*",
    "[shared.Nope](nope.md)",
    "*float*",
    "*bool*",
];
const REQUIRED: &[&str] = &[":heavy_check_mark:", ":heavy_minus_sign:", ":x:"];
const TEXT: &[&str] = &[
    "plain",
    "<br/>```<br/>let x = 1;<br/>```",
    "[link]",
    "<b>x</b>",
    "https://e.x/(a)",
    "*/",
    "N/A",
    "~~~",
];

fn pick<'a>(bytes: &mut impl Iterator<Item = u8>, from: &[&'a str]) -> &'a str {
    from[bytes.next().unwrap_or(0) as usize % from.len()]
}

/// A pair of docs (`widget.md`, `gadget.md`, the first under `shared/` or
/// `operations/`) built from choices the input makes among pieces of the
/// dialect, so most inputs get past the parser. Returns (path, text) pairs.
pub fn doc_shaped(data: &[u8]) -> [(String, String); 2] {
    let mut bytes = data.iter().copied();
    let dir = if bytes.next().unwrap_or(0) % 4 == 0 {
        "operations"
    } else {
        "shared"
    };
    let mut docs = [String::new(), String::new()];
    for doc in &mut docs {
        let title = pick(&mut bytes, NAMES);
        doc.push_str(&format!("# {title}\n\n{}\n\n", pick(&mut bytes, TEXT)));
        let oneofs = bytes.next().unwrap_or(0) % 3;
        for _ in 0..oneofs {
            doc.push_str(&format!(
                "This message contains a oneof named {}. Only a single field of the following list may be set at a time:\n",
                pick(&mut bytes, FIELDS)
            ));
            for _ in 0..=(bytes.next().unwrap_or(0) % 3) {
                doc.push_str(&format!("  - {}\n", pick(&mut bytes, FIELDS)));
            }
            doc.push('\n');
        }
        if bytes.next().unwrap_or(0) % 5 == 0 {
            doc.push_str("## Values\n\n| Name | Value |\n| --- | --- |\n");
            for _ in 0..(bytes.next().unwrap_or(0) % 5) {
                let v = pick(&mut bytes, NAMES);
                doc.push_str(&format!("| `{}` | {v} |\n", pick(&mut bytes, FIELDS)));
            }
        } else {
            doc.push_str("## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n");
            for _ in 0..(bytes.next().unwrap_or(0) % 7) {
                doc.push_str(&format!(
                    "| `{}` | {} | {} | {} |\n",
                    pick(&mut bytes, FIELDS),
                    pick(&mut bytes, TYPES),
                    pick(&mut bytes, REQUIRED),
                    pick(&mut bytes, TEXT)
                ));
            }
        }
    }
    let [widget, gadget] = docs;
    [
        (format!("models/{dir}/widget.md"), widget),
        ("models/shared/gadget.md".to_string(), gadget),
    ]
}

/// Reads `json` as `T`; if that works, the value must write, read back
/// equal, and write the same bytes again.
pub fn roundtrip<T>(json: &[u8])
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return;
    };
    let text = serde_json::to_string(&value).expect("a value read from JSON writes");
    let again: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("written JSON does not read back: {e}: {text}"));
    assert_eq!(value, again, "round trip changed the value: {text}");
    assert_eq!(text, serde_json::to_string(&again).unwrap());
}
