/// A JSON number kept exactly (an integer or not: the docs do not say),
/// also read from a decimal string.
pub(crate) struct Number;

struct NumberVisitor;

impl<'de> serde::de::Visitor<'de> for NumberVisitor {
    type Value = serde_json::Number;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a number or a decimal string")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<serde_json::Number, E> {
        Ok(v.into())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<serde_json::Number, E> {
        Ok(v.into())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<serde_json::Number, E> {
        serde_json::Number::from_f64(v)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<serde_json::Number, E> {
        let valid = v.starts_with(|c: char| c == '-' || c.is_ascii_digit());
        match v.parse() {
            Ok(n) if valid => Ok(n),
            _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        map: A,
    ) -> Result<serde_json::Number, A::Error> {
        exact_number(map)
    }
}

impl<'de> serde_with::DeserializeAs<'de, serde_json::Number> for Number {
    fn deserialize_as<D: serde::Deserializer<'de>>(d: D) -> Result<serde_json::Number, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
}

impl serde_with::SerializeAs<serde_json::Number> for Number {
    fn serialize_as<S: serde::Serializer>(
        value: &serde_json::Number,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(value, s)
    }
}
