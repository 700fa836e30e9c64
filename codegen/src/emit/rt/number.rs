/// A JSON number read exactly where serde_json keeps numbers exactly (its
/// `arbitrary_precision` feature hands them over as a map of their text).
fn exact_number<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<serde_json::Number, A::Error> {
    serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))
}

/// Reads an integer from a JSON number or a decimal string, as text.
struct IntegerText;

impl<'de> serde::de::Visitor<'de> for IntegerText {
    type Value = String;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("an integer or a decimal string")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        if is_integer(v) {
            Ok(v.to_owned())
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        let number = exact_number(map)?;
        let text = number.to_string();
        if is_integer(&text) {
            Ok(text)
        } else {
            Err(serde::de::Error::invalid_value(
                serde::de::Unexpected::Other("a number with a fraction"),
                &self,
            ))
        }
    }
}
