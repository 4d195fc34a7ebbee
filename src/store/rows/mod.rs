//! Row <-> domain type conversions: the one place that turns stored columns into
//! rolecall's types (and refuses what cannot be read).

pub(super) mod events;
