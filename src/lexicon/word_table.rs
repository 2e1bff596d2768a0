//! Word → value tables for looking up every word of a text in a vocabulary.
//!
//! Most words of running text are on no list, so the table first asks a bitmap keyed
//! by a word's length and its first and last bytes, which rules out almost all of them
//! in a few instructions; a word that passes is compared with the one or two words of
//! its bucket (same length, same low bits of the first byte), by a key of two machine
//! words that holds all the bytes of a word of up to 16 bytes.

/// Words (lowercase, as the lists spell them) and a value for each.
#[derive(Debug)]
pub struct WordTable<V> {
    /// One bit per (length, first byte, last byte) key of the words in the table.
    seen: [u64; 256],
    /// The words, their [`key`]s and values by [`WordTable::bucket`].
    buckets: Vec<Vec<(Key, &'static str, V)>>,
    /// The length in bytes of the longest word.
    longest: usize,
}

impl<V: Copy> WordTable<V> {
    /// A table of `entries`; a word given twice gets the values combined by `merge`.
    pub fn new(
        entries: impl IntoIterator<Item = (&'static str, V)>,
        merge: impl Fn(V, V) -> V,
    ) -> Self {
        let entries: Vec<(&'static str, V)> = entries.into_iter().collect();
        let longest = entries.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let mut table = Self {
            seen: [0; 256],
            buckets: vec![Vec::new(); (longest + 1) * 32],
            longest,
        };
        for (word, value) in entries {
            let (Some(bit), Some(bucket)) =
                (Self::bit(word.as_bytes()), table.bucket(word.as_bytes()))
            else {
                continue;
            };
            if let Some(slot) = table.seen.get_mut(bit / 64) {
                *slot |= 1 << (bit % 64);
            }
            let Some(bucket) = table.buckets.get_mut(bucket) else {
                continue;
            };
            match bucket.iter_mut().find(|(_, w, _)| *w == word) {
                Some((_, _, known)) => *known = merge(*known, value),
                None => bucket.push((key(word.as_bytes()), word, value)),
            }
        }
        table
    }

    /// The value of `word`, if it is in the table.
    // Called for every word of a text, from other modules: worth inlining across them.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        self.get_bytes(word.as_bytes())
    }

    /// The value of the word spelt by `bytes`, if it is in the table: [`WordTable::get`]
    /// for a word built in a byte buffer (a lowercased copy), without a UTF-8 check.
    #[inline]
    pub fn get_bytes(&self, bytes: &[u8]) -> Option<V> {
        let bit = Self::bit(bytes)?;
        if self
            .seen
            .get(bit / 64)
            .is_none_or(|slot| slot & (1 << (bit % 64)) == 0)
        {
            return None;
        }
        let key = key(bytes);
        // A bucket's words have the word's length: equal keys are equal words up to 16
        // bytes; longer ones are compared whole.
        self.buckets
            .get(self.bucket(bytes)?)?
            .iter()
            .find(|(k, w, _)| *k == key && (bytes.len() <= 16 || w.as_bytes() == bytes))
            .map(|&(_, _, value)| value)
    }

    /// The bitmap key of a word: 4 bits of its length and 5 bits each of its first and
    /// last byte (the letters of the alphabet apart).
    #[inline]
    fn bit(bytes: &[u8]) -> Option<usize> {
        let (first, last) = (*bytes.first()?, *bytes.last()?);
        Some((bytes.len() & 15) << 10 | usize::from(first & 31) << 5 | usize::from(last & 31))
    }

    /// The bucket of a word, or `None` when it is longer than any word in the table.
    fn bucket(&self, bytes: &[u8]) -> Option<usize> {
        let first = *bytes.first()?;
        (bytes.len() <= self.longest).then(|| bytes.len() * 32 + usize::from(first & 31))
    }
}

/// Two machine words of a word's bytes: its first and its last eight bytes (overlapping
/// below 16), four and four below eight, two and two below four, one and one below two.
/// For words of one length up to 16 bytes, equal keys mean equal words: the two windows
/// cover every byte, at the same offsets.
type Key = (u64, u64);

/// The [`Key`] of `bytes`.
#[inline]
fn key(bytes: &[u8]) -> Key {
    let n = bytes.len();
    match n {
        8.. => (window::<8>(bytes, 0), window::<8>(bytes, n - 8)),
        4..=7 => (window::<4>(bytes, 0), window::<4>(bytes, n - 4)),
        2..=3 => (window::<2>(bytes, 0), window::<2>(bytes, n - 2)),
        _ => (window::<1>(bytes, 0), window::<1>(bytes, 0)),
    }
}

/// The `W` bytes of `bytes` from `at` on as a little-endian number (0 past the end).
#[inline]
fn window<const W: usize>(bytes: &[u8], at: usize) -> u64 {
    let chunk: [u8; W] = bytes
        .get(at..at + W)
        .and_then(|c| c.try_into().ok())
        .unwrap_or([0; W]);
    chunk
        .iter()
        .rev()
        .fold(0, |number, &b| number << 8 | u64::from(b))
}

#[cfg(test)]
mod tests {
    use super::{WordTable, key};

    #[test]
    fn finds_exactly_the_words_given() {
        let table = WordTable::new([("og", 1u8), ("ved", 2), ("og", 4)], |a, b| a | b);
        assert_eq!(
            table.get("og"),
            Some(5),
            "values of a word given twice are merged"
        );
        assert_eq!(table.get("ved"), Some(2));
        for absent in ["", "o", "ob", "vedd", "Og", "departementet"] {
            assert_eq!(table.get(absent), None, "{absent}");
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_of_words_of_one_length_are_equal_only_for_equal_words(
            a in proptest::collection::vec(proptest::sample::select(b"ab\xc3\xa5\x00".to_vec()), 0..18),
            flips in proptest::collection::vec(0usize..18, 0..3),
        ) {
            let mut b = a.clone();
            for k in flips {
                if let Some(byte) = b.get_mut(k) {
                    *byte = byte.wrapping_add(1);
                }
            }
            if a.len() <= 16 {
                proptest::prop_assert_eq!(key(&a) == key(&b), a == b);
            } else {
                proptest::prop_assert!(a != b || key(&a) == key(&b));
            }
        }
    }
}
