/// An integer of any size, read from a JSON number or a decimal string
/// and written as a number.
pub(crate) struct BigInt;

impl<'de> serde_with::DeserializeAs<'de, num_bigint::BigInt> for BigInt {
    fn deserialize_as<D: serde::Deserializer<'de>>(d: D) -> Result<num_bigint::BigInt, D::Error> {
        let text = d.deserialize_any(IntegerText)?;
        text.parse().map_err(|_| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &"an integer")
        })
    }
}

impl serde_with::SerializeAs<num_bigint::BigInt> for BigInt {
    fn serialize_as<S: serde::Serializer>(
        value: &num_bigint::BigInt,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = value
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(&number, s)
    }
}
