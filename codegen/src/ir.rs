//! The intermediate representation: plain data that knows neither markdown
//! nor Rust. [`crate::resolve`] builds it; [`crate::emit`] and
//! [`crate::diff`] read it.
//!
//! It speaks of the API, not of the docs' dialect: fields are named by
//! their JSON keys, models by their titles, and every fact records where it
//! came from where the docs leave room for doubt.

use serde::Serialize;

pub use crate::parse::Literal;

/// Every model of a spec, sorted by key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ir {
    /// The models.
    pub models: Vec<Model>,
}

impl Ir {
    /// The model with key `key` (see [`Model::key`]).
    pub fn model(&self, key: &str) -> Option<&Model> {
        self.models
            .binary_search_by(|m| m.key.as_str().cmp(key))
            .ok()
            .map(|i| &self.models[i])
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

/// One model: an object, an enum or a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// How the model is referred to: its title, or `module.Title` for a
    /// model of a module of its own (see [`Model::module`]).
    pub key: String,
    /// The title of its doc.
    pub name: String,
    /// The module the model lives in, apart from the API's schemas:
    /// `operations`, `errors`, or another section of the docs.
    pub module: Option<String>,
    /// Its document.
    pub source: Source,
    /// Its description, as markdown blocks.
    pub doc: Vec<String>,
    /// Set when the docs deprecate it: their notice (possibly empty).
    pub deprecated: Option<String>,
    /// What it is.
    pub kind: Kind,
}

/// What a model is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A JSON object.
    Object(Object),
    /// A set of values.
    Enum(Enum),
    /// One of several types.
    Union(Union),
}

/// What an object stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A JSON object of the API.
    Schema,
    /// An operation's request or response wrapper (path and query
    /// parameters, a body, the HTTP status), keyed by the SDK's names.
    Operation,
    /// An error body.
    Error,
    /// The SDK's `Security` model: the API's security schemes, keyed by
    /// the SDK's names.
    Security,
}

/// A JSON object model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Object {
    /// Fields in document order, oneof members included.
    pub fields: Vec<Field>,
    /// The model's oneofs.
    pub oneofs: Vec<Oneof>,
    /// The type of the values of keys not listed, which are kept; `None`
    /// when such keys are dropped.
    pub extra: Option<Type>,
    /// What it stands for.
    pub role: Role,
}

/// One field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Its name: the JSON key in snake_case (the same in every dialect).
    pub name: String,
    /// The name the docs give it (a Python or TypeScript name).
    pub doc_name: String,
    /// The JSON key.
    pub wire: String,
    /// How the JSON key was settled.
    pub wire_source: WireSource,
    /// Its value type.
    pub ty: Type,
    /// Whether it may be absent, and whether it may be null.
    pub presence: Presence,
    /// Whether the docs say if it may be null (TypeScript docs never do,
    /// Python docs not for collections and dates): where they do not,
    /// `presence` says null reads as absent, and the overlay may say more.
    pub nullable_stated: bool,
    /// Whether the docs mark it required. `presence` may say otherwise: a
    /// const may always be left out (the SDKs fill it in), but a union tells
    /// its members apart only by a tag the docs require.
    pub required_stated: bool,
    /// Description, if the docs give one.
    pub doc: Option<String>,
    /// An example value from the docs.
    pub example: Option<String>,
    /// Set when the docs deprecate it: their notice (possibly empty).
    pub deprecated: Option<String>,
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
    /// By the naming rule of the docs (see [`crate::overlay::KeyStyle`]), or an operation's
    /// own name.
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
    /// Must be present, and may be null.
    RequiredNullable,
    /// May be absent; null reads as absent.
    Optional,
    /// Absent, null and a value are three distinct states.
    Nullable,
}

impl Presence {
    /// Whether the field may be left out.
    pub fn optional(self) -> bool {
        match self {
            Presence::Required | Presence::RequiredNullable => false,
            Presence::Optional | Presence::Nullable => true,
        }
    }
}

/// How an integer travels and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Int {
    /// Any size (Python's `int`, a `bigint`): read from a number or a
    /// decimal string, written as a number.
    Big,
    /// 64 bits: read from a number or a decimal string, written as a number.
    I64,
    /// 64 bits, written as a decimal string (protobuf's int64 in JSON).
    I64String,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// A string.
    String,
    /// An integer.
    Int(Int),
    /// A double.
    Float,
    /// A number that may be an integer or not, kept exactly.
    Number,
    /// A decimal number, kept exactly.
    Decimal,
    /// A boolean.
    Bool,
    /// Any JSON value.
    Any,
    /// An RFC 3339 date-time.
    DateTime,
    /// An RFC 3339 full date.
    Date,
    /// A date or a date-time, whichever was sent: the docs cannot tell.
    Temporal,
    /// Binary content.
    Bytes,
    /// An array.
    List(Box<Type>),
    /// An object with string keys, in order.
    Map(Box<Type>),
    /// Another model, by key.
    Ref(String),
    /// Exactly one value.
    Const(Literal),
    /// A type of the SDK's own world with no JSON form (`httpx.Response`);
    /// only operation wrappers hold one.
    Opaque(String),
}

impl Type {
    /// The models it refers to, itself or as items or values.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            Type::Ref(r) => vec![r.as_str()],
            Type::List(t) | Type::Map(t) => t.refs(),
            Type::String
            | Type::Int(_)
            | Type::Float
            | Type::Number
            | Type::Decimal
            | Type::Bool
            | Type::Any
            | Type::DateTime
            | Type::Date
            | Type::Temporal
            | Type::Bytes
            | Type::Const(_)
            | Type::Opaque(_) => Vec::new(),
        }
    }

    /// The model it names itself (not as items or values).
    pub fn model(&self) -> Option<&str> {
        match self {
            Type::Ref(r) => Some(r.as_str()),
            Type::List(_)
            | Type::Map(_)
            | Type::String
            | Type::Int(_)
            | Type::Float
            | Type::Number
            | Type::Decimal
            | Type::Bool
            | Type::Any
            | Type::DateTime
            | Type::Date
            | Type::Temporal
            | Type::Bytes
            | Type::Const(_)
            | Type::Opaque(_) => None,
        }
    }

    /// The one string a value of it can be (a string const, or a string
    /// enum of one value), which makes a field a union's tag; `model` finds
    /// a model by key.
    pub fn pinned_string<'m>(&self, model: impl Fn(&str) -> Option<&'m Model>) -> Option<String> {
        match self {
            Type::Const(Literal::String(s)) => Some(s.clone()),
            Type::Ref(key) => match &model(key)?.kind {
                Kind::Enum(e) if !e.numeric => match e.values.as_slice() {
                    [one] => Some(one.value.clone()),
                    _ => None,
                },
                Kind::Enum(_) | Kind::Object(_) | Kind::Union(_) => None,
            },
            Type::Const(_)
            | Type::String
            | Type::Int(_)
            | Type::Float
            | Type::Number
            | Type::Decimal
            | Type::Bool
            | Type::Any
            | Type::DateTime
            | Type::Date
            | Type::Temporal
            | Type::Bytes
            | Type::List(_)
            | Type::Map(_)
            | Type::Opaque(_) => None,
        }
    }

    /// The innermost type, below lists and maps.
    pub fn leaf(&self) -> &Type {
        match self {
            Type::List(t) | Type::Map(t) => t.leaf(),
            other => other,
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
    /// The name of the field that carries it.
    pub field: String,
}

/// An enum model: a set of documented values. Every enum is open: a value
/// it does not list is kept (a server may add values at any time).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    /// The documented values.
    pub values: Vec<EnumValue>,
    /// Whether its values are numbers rather than strings.
    pub numeric: bool,
    /// What the docs say of values they do not list.
    pub documented_open: Option<bool>,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The name the SDK gives it, where the docs show one.
    pub sdk_name: Option<String>,
    /// The value as JSON carries it (a string, or a number's text).
    pub value: String,
}

/// A union model: a value of one of several types.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Union {
    /// The members in document order.
    pub members: Vec<UnionMember>,
    /// How a value says which member it is.
    pub tag: Tagging,
}

/// One member of a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionMember {
    /// A name for it, from its type (`AdyenConfig`, `String`, `BasicList`).
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Whether the value must be held behind a pointer to break a cycle.
    pub boxed: bool,
}

/// How a union's value says which member it is (typify's `EnumTagType`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tagging {
    /// It does not: the member is the one the value fits best.
    Untagged,
    /// A property of the object names the member.
    Internal {
        /// The property's JSON key.
        property: String,
        /// Each tag value and the index of its member.
        mapping: Vec<(String, usize)>,
        /// Where the tag was learnt.
        source: TagSource,
    },
}

/// Where a union's tag was learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TagSource {
    /// Every member's docs have a required field of one value under the
    /// same key.
    Docs,
    /// The overlay states it.
    Overlay,
}

/// Walks every type of a model (fields, extras, union members).
pub fn types_of(model: &Model) -> Vec<&Type> {
    match &model.kind {
        Kind::Object(o) => o
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(o.extra.as_ref())
            .collect(),
        Kind::Union(u) => u.members.iter().map(|m| &m.ty).collect(),
        Kind::Enum(_) => Vec::new(),
    }
}
