//! The neutral value that crosses the layer: what store code binds and what it reads,
//! whichever database sits behind the store.

use crate::domain::{ApplicationId, CandidateId, EventId, FamilyId, LevelId, ScheduleId, StageId};

/// One parameter or one column of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// SQL NULL.
    Null,
    /// An integer (SQLite INTEGER; PostgreSQL int2/int4/int8, numeric without fraction).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text; on PostgreSQL also a time (canonical `format_time` text) or a date (`YYYY-MM-DD`).
    Text(String),
    /// A boolean (PostgreSQL BOOLEAN; SQLite stores it as 0/1).
    Bool(bool),
    /// Raw bytes (SQLite BLOB, PostgreSQL bytea).
    Blob(Vec<u8>),
}

impl Value {
    /// What kind of value this is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Int(_) => "an integer",
            Value::Real(_) => "a real number",
            Value::Text(_) => "text",
            Value::Bool(_) => "a boolean",
            Value::Blob(_) => "bytes",
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::Int(v as i64)
            }
        }
    )*};
}
from_int!(i64, i32, i16, u32, u16, u8, usize, u64);

macro_rules! from_id {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::Int(v.0)
            }
        }
    )*};
}
from_id!(ApplicationId, CandidateId, EventId, FamilyId, LevelId, ScheduleId, StageId);

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

impl<T: Clone + Into<Value>> From<&Option<T>> for Value {
    fn from(v: &Option<T>) -> Self {
        v.clone().into()
    }
}

/// A type a column can be read as (`row.get::<T>(i)`). The error says what was found.
pub(crate) trait FromValue: Sized {
    /// Convert, or say what was expected.
    fn from_value(v: Value) -> std::result::Result<Self, String>;
}

fn expected<T>(what: &str, v: &Value) -> std::result::Result<T, String> {
    Err(format!("expected {what}, found {}", v.kind()))
}

impl FromValue for Value {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        Ok(v)
    }
}

impl FromValue for i64 {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(i64::from(b)),
            other => expected("an integer", &other),
        }
    }
}

macro_rules! from_value_int {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: Value) -> std::result::Result<Self, String> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| format!("{i} is out of range for {}", stringify!($t)))
            }
        }
    )*};
}
from_value_int!(i32, i16, u32, u16, u8, usize, u64);

impl FromValue for bool {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Bool(b) => Ok(b),
            Value::Int(i) => Ok(i != 0),
            other => expected("a boolean", &other),
        }
    }
}

impl FromValue for f64 {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Real(f) => Ok(f),
            Value::Int(i) => Ok(i as f64),
            other => expected("a number", &other),
        }
    }
}

impl FromValue for String {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s),
            other => expected("text", &other),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            other => expected("bytes", &other),
        }
    }
}

impl FromValue for chrono::DateTime<chrono::Utc> {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => {
                crate::domain::clock::parse_time(&s).ok_or_else(|| format!("'{s}' is not a time"))
            }
            other => expected("a time", &other),
        }
    }
}

impl FromValue for chrono::NaiveDate {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d")
                .map_err(|_| format!("'{s}' is not a date")),
            other => expected("a date", &other),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_convert_both_ways_and_mismatches_say_what_was_found() {
        assert_eq!(Value::from(Some(3_i32)), Value::Int(3));
        assert_eq!(Value::from(None::<&str>), Value::Null);
        assert_eq!(Value::from(StageId(9)), Value::Int(9));
        assert_eq!(i64::from_value(Value::Bool(true)), Ok(1));
        assert_eq!(bool::from_value(Value::Int(0)), Ok(false));
        assert_eq!(Option::<String>::from_value(Value::Null), Ok(None));
        assert_eq!(f64::from_value(Value::Int(2)), Ok(2.0));
        assert_eq!(i64::from_value(Value::Text("x".into())), Err("expected an integer, found text".into()));
        assert!(u8::from_value(Value::Int(300)).is_err());
        let day = chrono::NaiveDate::from_value(Value::Text("2026-03-01".into())).unwrap();
        assert_eq!(day.to_string(), "2026-03-01");
    }
}
