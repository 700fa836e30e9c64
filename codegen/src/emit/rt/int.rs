/// A 64-bit integer read from a JSON number or a decimal string, and
/// written as a decimal string (`AS_STRING`, how protobuf JSON sends int64)
/// or as a number.
pub(crate) struct Int<const AS_STRING: bool>;

impl<'de, const AS_STRING: bool> serde_with::DeserializeAs<'de, i64> for Int<AS_STRING> {
    fn deserialize_as<D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let text = d.deserialize_any(IntegerText)?;
        text.parse().map_err(|_| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &"an integer of 64 bits",
            )
        })
    }
}

impl<const AS_STRING: bool> serde_with::SerializeAs<i64> for Int<AS_STRING> {
    fn serialize_as<S: serde::Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        if AS_STRING {
            s.collect_str(value)
        } else {
            s.serialize_i64(*value)
        }
    }
}
