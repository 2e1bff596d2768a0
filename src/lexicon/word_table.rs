//! Word → value tables for looking up every word of a text in a vocabulary.
//!
//! Most words of running text are on no list, so the table first asks a bitmap keyed
//! by a word's length and its first and last bytes, which rules out almost all of them
//! in a few instructions; a word that passes is compared with the one or two words of
//! its bucket (same length, same low bits of the first byte).

/// Words (lowercase, as the lists spell them) and a value for each.
#[derive(Debug)]
pub struct WordTable<V> {
    /// One bit per (length, first byte, last byte) key of the words in the table.
    seen: [u64; 256],
    /// The words and values by [`WordTable::bucket`].
    buckets: Vec<Vec<(&'static str, V)>>,
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
            let (Some(bit), Some(bucket)) = (Self::bit(word), table.bucket(word)) else {
                continue;
            };
            if let Some(slot) = table.seen.get_mut(bit / 64) {
                *slot |= 1 << (bit % 64);
            }
            let Some(bucket) = table.buckets.get_mut(bucket) else {
                continue;
            };
            match bucket.iter_mut().find(|(w, _)| *w == word) {
                Some((_, known)) => *known = merge(*known, value),
                None => bucket.push((word, value)),
            }
        }
        table
    }

    /// The value of `word`, if it is in the table.
    // Called for every word of a text, from other modules: worth inlining across them.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        let bit = Self::bit(word)?;
        if self
            .seen
            .get(bit / 64)
            .is_none_or(|slot| slot & (1 << (bit % 64)) == 0)
        {
            return None;
        }
        self.buckets
            .get(self.bucket(word)?)?
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, value)| value)
    }

    /// The bitmap key of a word: 4 bits of its length and 5 bits each of its first and
    /// last byte (the letters of the alphabet apart).
    #[inline]
    fn bit(word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let (first, last) = (*bytes.first()?, *bytes.last()?);
        Some((word.len() & 15) << 10 | usize::from(first & 31) << 5 | usize::from(last & 31))
    }

    /// The bucket of a word, or `None` when it is longer than any word in the table.
    fn bucket(&self, word: &str) -> Option<usize> {
        let first = *word.as_bytes().first()?;
        (word.len() <= self.longest).then(|| word.len() * 32 + usize::from(first & 31))
    }
}

#[cfg(test)]
mod tests {
    use super::WordTable;

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
}
