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

/// Checks that a const field holds its one value.
pub(crate) fn expect_str<E: serde::de::Error>(value: &str, expected: &str) -> Result<(), E> {
    if value == expected {
        Ok(())
    } else {
        let quoted = format!("{expected:?}");
        Err(E::invalid_value(
            serde::de::Unexpected::Str(value),
            &quoted.as_str(),
        ))
    }
}

/// Checks that a const field holds its one value (a number, a boolean or
/// null, compared as JSON text).
pub(crate) fn expect_json<E: serde::de::Error>(
    value: &serde_json::Value,
    expected: &str,
) -> Result<(), E> {
    if serde_json::from_str::<serde_json::Value>(expected).ok().as_ref() == Some(value) {
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
