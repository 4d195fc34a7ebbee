//! A map from row ids to values, for hot loops over a million events. SQLite row ids are
//! small and dense, so a vector indexed by id beats hashing or a tree; ids outside
//! `0..DENSE_LIMIT` (never produced by rolecall, but possible in a hand-edited database)
//! go to a tree so memory stays bounded.

use std::collections::BTreeMap;

/// Ids below this live in the vector.
pub const DENSE_LIMIT: i64 = 1 << 24;

/// Values by `i64` id, iterated in id order.
#[derive(Debug, Clone)]
pub struct DenseMap<T> {
    dense: Vec<Option<T>>,
    sparse: BTreeMap<i64, T>,
    len: usize,
}

impl<T> Default for DenseMap<T> {
    fn default() -> Self {
        DenseMap { dense: Vec::new(), sparse: BTreeMap::new(), len: 0 }
    }
}

fn index(id: i64) -> Option<usize> {
    (0..DENSE_LIMIT).contains(&id).then_some(id as usize)
}

impl<T> DenseMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `id`.
    pub fn get(&self, id: i64) -> Option<&T> {
        match index(id) {
            Some(i) => self.dense.get(i).and_then(Option::as_ref),
            None => self.sparse.get(&id),
        }
    }

    /// The value of `id`, to change.
    pub fn get_mut(&mut self, id: i64) -> Option<&mut T> {
        match index(id) {
            Some(i) => self.dense.get_mut(i).and_then(Option::as_mut),
            None => self.sparse.get_mut(&id),
        }
    }

    /// Set the value of `id`, replacing any earlier one.
    pub fn insert(&mut self, id: i64, value: T) {
        let fresh = match index(id) {
            Some(i) => {
                if i >= self.dense.len() {
                    self.dense.resize_with(i + 1, || None);
                }
                self.dense[i].replace(value).is_none()
            }
            None => self.sparse.insert(id, value).is_none(),
        };
        self.len += usize::from(fresh);
    }

    /// Every value, by id.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        let negative = self.sparse.range(..0).map(|(_, v)| v);
        let large = self.sparse.range(0..).map(|(_, v)| v);
        negative.chain(self.dense.iter().flatten()).chain(large)
    }

    /// Number of ids with a value.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no id has a value.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_out_by_id_whatever_the_id() {
        let mut m = DenseMap::new();
        let ids = [5, -3, 1 << 30, 2, DENSE_LIMIT - 1, DENSE_LIMIT];
        for id in ids {
            m.insert(id, id * 10);
        }
        let seen: Vec<i64> = m.values().copied().collect();
        assert_eq!(seen, vec![-30, 20, 50, (DENSE_LIMIT - 1) * 10, DENSE_LIMIT * 10, (1 << 30) * 10]);
        assert_eq!(m.len(), 6);
        assert!(ids.iter().all(|&id| m.get(id) == Some(&(id * 10))));
        assert_eq!(m.get(3), None);
        // Replacing a value does not count twice; changing one in place works everywhere.
        m.insert(5, 7);
        m.insert(1 << 30, 8);
        assert_eq!(m.len(), 6);
        if let Some(v) = m.get_mut(-3) {
            *v = 9;
        }
        assert_eq!((m.get(5), m.get(1 << 30), m.get(-3)), (Some(&7), Some(&8), Some(&9)));
        // Memory follows the largest small id, not the largest id.
        assert!(m.dense.len() <= DENSE_LIMIT as usize);
    }
}
