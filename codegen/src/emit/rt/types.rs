//! Value types of the API's JSON that no dependency provides.

/// A date (`2024-05-01`) or a date-time (`2024-05-01T12:34:56Z`): the docs
/// do not say which the API sends, so either is read, and written back as
/// it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrDateTime {
    /// A calendar date.
    Date(chrono::NaiveDate),
    /// An instant with its offset.
    DateTime(chrono::DateTime<chrono::FixedOffset>),
}

impl core::str::FromStr for DateOrDateTime {
    type Err = chrono::ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(t) => Ok(DateOrDateTime::DateTime(t)),
            Err(e) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) => Ok(DateOrDateTime::Date(d)),
                Err(_) => Err(e),
            },
        }
    }
}

impl core::fmt::Display for DateOrDateTime {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            DateOrDateTime::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            DateOrDateTime::DateTime(t) => {
                f.write_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }
        }
    }
}

impl From<chrono::NaiveDate> for DateOrDateTime {
    fn from(d: chrono::NaiveDate) -> Self {
        DateOrDateTime::Date(d)
    }
}

impl From<chrono::DateTime<chrono::FixedOffset>> for DateOrDateTime {
    fn from(t: chrono::DateTime<chrono::FixedOffset>) -> Self {
        DateOrDateTime::DateTime(t)
    }
}

impl serde::Serialize for DateOrDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DateOrDateTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateOrDateTime;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an RFC 3339 date or date-time")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateOrDateTime, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }

        d.deserialize_str(Visitor)
    }
}
