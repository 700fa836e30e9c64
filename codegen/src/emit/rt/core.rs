//! Runtime support of the generated serde impls: not part of the crate's
//! API, and not to be used from outside it.

use std::borrow::Cow;

/// A JSON object key, borrowed from the input where it can be.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Stores a field's value; a key given twice is an error.
pub(crate) fn once<T, E: serde::de::Error>(
    slot: &mut Option<T>,
    key: &'static str,
    value: T,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(key));
    }
    *slot = Some(value);
    Ok(())
}

/// A required field's value, or the error naming its key.
pub(crate) fn required<T, E: serde::de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(key))
}

/// Reads a const field's value, within the value (so that an error names
/// its key): null as `None`, or the one value the field may hold, given as
/// JSON text.
pub(crate) struct Const<T> {
    expected: &'static str,
    value: core::marker::PhantomData<T>,
}

impl<T> Const<T> {
    pub(crate) fn new(expected: &'static str) -> Self {
        Const {
            expected,
            value: core::marker::PhantomData,
        }
    }
}

impl<'de, T: serde::Deserialize<'de> + serde::Serialize> serde::de::DeserializeSeed<'de>
    for Const<T>
{
    type Value = Option<T>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        let value: Option<T> = serde::Deserialize::deserialize(d)?;
        if let Some(v) = &value {
            let json = serde_json::to_value(v).map_err(serde::de::Error::custom)?;
            let expected: Option<serde_json::Value> = serde_json::from_str(self.expected).ok();
            if expected.as_ref() != Some(&json) {
                return Err(match &json {
                    serde_json::Value::String(s) => serde::de::Error::invalid_value(
                        serde::de::Unexpected::Str(s),
                        &self.expected,
                    ),
                    other => serde::de::Error::custom(format_args!(
                        "invalid value: {other}, expected {}",
                        self.expected
                    )),
                });
            }
        }
        Ok(value)
    }
}

/// Reads a field that may only be null.
pub(crate) struct Null;

impl<'de> serde::de::DeserializeSeed<'de> for Null {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let value: serde_json::Value = serde::Deserialize::deserialize(d)?;
        if value.is_null() {
            Ok(())
        } else {
            Err(serde::de::Error::custom(format_args!(
                "invalid value: {value}, expected null"
            )))
        }
    }
}

/// Checks that a const field holds its one value (a number, a boolean or
/// null, compared as JSON text).
pub(crate) fn expect_json<E: serde::de::Error>(
    value: &serde_json::Value,
    expected: &str,
) -> Result<(), E> {
    if serde_json::from_str::<serde_json::Value>(expected)
        .ok()
        .as_ref()
        == Some(value)
    {
        Ok(())
    } else {
        Err(E::custom(format_args!(
            "invalid value: {value}, expected {expected}"
        )))
    }
}

/// A decimal integer: an optional `-`, then digits.
pub(crate) fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}
