//! Byte ranges → how far right they reach, for overlap and containment questions in
//! logarithmic time.
//!
//! Extractors ask, per item, whether some range of a set overlaps or holds it (a signature
//! line and the signatures read from its area, a date and the page's metadata lines). A
//! linear search per item is quadratic on pages with thousands of each; ranges sorted by
//! start with the running maximum of their ends answer the same question by binary search,
//! whether or not the ranges overlap one another.

/// Ranges sorted by start, with the greatest end among each prefix.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// The starts, ascending.
    starts: Vec<usize>,
    /// `max_end[k]`: the greatest end among the first `k + 1` ranges.
    max_end: Vec<usize>,
}

impl Reach {
    /// The set of `(start, end)` ranges, in any order.
    pub fn new(ranges: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut ranges: Vec<(usize, usize)> = ranges.into_iter().collect();
        ranges.sort_unstable();
        let starts = ranges.iter().map(|r| r.0).collect();
        let max_end = ranges
            .iter()
            .scan(0, |m, r| {
                *m = (*m).max(r.1);
                Some(*m)
            })
            .collect();
        Self { starts, max_end }
    }

    /// The greatest end among the ranges starting before `bound`, if any does.
    fn max_end_before(&self, bound: usize) -> Option<usize> {
        let k = self.starts.partition_point(|&s| s < bound);
        k.checked_sub(1).and_then(|k| self.max_end.get(k).copied())
    }

    /// Whether a range shares a byte with `start..end` (`r.start < end && start < r.end`).
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.max_end_before(end).is_some_and(|e| start < e)
    }

    /// Whether a range holds `start..end` (`r.start <= start && end <= r.end`).
    pub fn holds(&self, start: usize, end: usize) -> bool {
        self.max_end_before(start.saturating_add(1))
            .is_some_and(|e| end <= e)
    }
}

#[cfg(test)]
mod tests {
    use super::Reach;
    use proptest::prelude::*;

    fn ranges() -> impl Strategy<Value = Vec<(usize, usize)>> {
        proptest::collection::vec(
            (0usize..60, 0usize..20).prop_map(|(s, l)| (s, s + l)),
            0..12,
        )
    }

    proptest! {
        #[test]
        fn overlaps_and_holds_agree_with_a_linear_search(set in ranges(), start in 0usize..70, len in 0usize..20) {
            let end = start + len;
            let reach = Reach::new(set.iter().copied());
            prop_assert_eq!(
                reach.overlaps(start, end),
                set.iter().any(|&(s, e)| s < end && start < e)
            );
            prop_assert_eq!(
                reach.holds(start, end),
                set.iter().any(|&(s, e)| s <= start && end <= e)
            );
        }
    }
}
