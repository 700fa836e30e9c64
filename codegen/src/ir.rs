//! The intermediate representation: plain data that knows neither markdown
//! nor Rust. [`crate::resolve`] builds it; [`crate::emit`] reads it.

use serde::Serialize;

/// Every model of a spec, sorted by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ir {
    /// The models.
    pub models: Vec<Model>,
}

impl Ir {
    /// The model called `name`.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }
}

/// Where something was declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Document path relative to the spec root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// One model: an object or an enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// The name as the docs give it (the H1).
    pub name: String,
    /// Its document.
    pub source: Source,
    /// Description paragraphs.
    pub doc: Vec<String>,
    /// What it is.
    pub kind: Kind,
}

/// Object or enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A JSON object.
    Object(Object),
    /// A string enum.
    Enum(Enum),
}

/// A JSON object model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Object {
    /// Fields in document order, oneof members included.
    pub fields: Vec<Field>,
    /// The model's oneofs.
    pub oneofs: Vec<Oneof>,
    /// Whether keys not listed are kept (`__pydantic_extra__`).
    pub additional_properties: bool,
    /// An operation's request or response wrapper (path and query
    /// parameters, a body, the HTTP status), not a JSON body of the API.
    pub operation: bool,
}

/// One field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The field name from the docs (snake_case, Python escapes removed).
    pub name: String,
    /// The JSON key.
    pub wire: String,
    /// How the JSON key was settled.
    pub wire_source: WireSource,
    /// Its value type.
    pub ty: Type,
    /// Required, optional, or optional and nullable.
    pub presence: Presence,
    /// Description, if the docs give one.
    pub doc: Option<String>,
    /// The oneof this field is a member of.
    pub oneof: Option<String>,
    /// Whether the value must be held behind a pointer to break a cycle.
    pub boxed: bool,
    /// Where the field is declared.
    pub source: Source,
}

/// How a field's JSON key was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WireSource {
    /// By the naming rule (lowerCamel, `at_` → `@`, escapes dropped; an
    /// operation's own name).
    Rule,
    /// By the oneof list that names it.
    Oneof,
    /// By the overlay.
    Overlay,
    /// Guessed: the field is named after its type, and the docs cannot tell.
    Inferred,
}

impl WireSource {
    /// A short lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            WireSource::Rule => "rule",
            WireSource::Oneof => "oneof list",
            WireSource::Overlay => "overlay",
            WireSource::Inferred => "inferred (unverified)",
        }
    }
}

/// How a field may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Must be present and not null.
    Required,
    /// May be absent; null reads as absent.
    Optional,
    /// Absent, null and a value are three distinct states.
    Nullable,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// A string.
    String,
    /// An integer: read from a JSON number or a decimal string, written as
    /// a number.
    Int,
    /// A 64-bit integer that travels as a decimal string (read from either).
    Int64,
    /// A double.
    Float,
    /// A boolean.
    Bool,
    /// Any JSON value.
    Any,
    /// An RFC 3339 timestamp.
    DateTime,
    /// An array.
    List(Box<Type>),
    /// An object with string keys, in order.
    Map(Box<Type>),
    /// Another model, by name.
    Ref(String),
    /// A type of the SDK's own world with no JSON form (`httpx.Response`);
    /// only operation wrappers hold one.
    Opaque(String),
}

impl Type {
    /// Whether an integer is in it (itself, or as items or values).
    pub fn holds_int(&self) -> bool {
        match self {
            Type::Int | Type::Int64 => true,
            Type::List(t) | Type::Map(t) => t.holds_int(),
            _ => false,
        }
    }
}

/// A oneof: at most one of its members is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Oneof {
    /// Its name in the docs.
    pub name: String,
    /// Members in the order the docs list them.
    pub members: Vec<Member>,
    /// Where it is declared.
    pub source: Source,
}

/// One oneof member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Its JSON key.
    pub wire: String,
    /// The field that carries it.
    pub field: String,
}

/// A string enum model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    /// The documented values.
    pub values: Vec<EnumValue>,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The name in the docs.
    pub name: String,
    /// The wire string.
    pub value: String,
}
