/// A decimal number kept exactly: read from a JSON number or a decimal
/// string, written as a number.
pub(crate) struct Decimal;

impl<'de> serde_with::DeserializeAs<'de, bigdecimal::BigDecimal> for Decimal {
    fn deserialize_as<D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<bigdecimal::BigDecimal, D::Error> {
        let number = d.deserialize_any(NumberVisitor)?;
        number.to_string().parse().map_err(serde::de::Error::custom)
    }
}

impl serde_with::SerializeAs<bigdecimal::BigDecimal> for Decimal {
    fn serialize_as<S: serde::Serializer>(
        value: &bigdecimal::BigDecimal,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let number: serde_json::Number = value
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(&number, s)
    }
}
