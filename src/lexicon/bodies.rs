//! Registry of Norwegian public bodies and organisations: canonical names, ids, kinds, aliases.

use crate::model::PartyKind;

/// A body the registry knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    /// Stable slug id ("regjeringen", "ks", "helse-og-omsorgsdepartementet").
    pub id: &'static str,
    /// Canonical short name ("Regjeringen", "KS").
    pub name: &'static str,
    /// What kind of body it is.
    pub kind: PartyKind,
    /// Other names and abbreviations it goes by, lowercase ("kommunenes sentralforbund", "hod").
    pub aliases: &'static [&'static str],
}

/// The registry. Grown by the parties extractor; order is irrelevant.
pub const BODIES: &[Body] = &[
    Body {
        id: "regjeringen",
        name: "Regjeringen",
        kind: PartyKind::Government,
        aliases: &["regjeringa", "staten"],
    },
    Body {
        id: "ks",
        name: "KS",
        kind: PartyKind::MunicipalSector,
        aliases: &["kommunenes sentralforbund"],
    },
];

/// Looks a name up by canonical name or alias, ignoring case and surrounding white space.
///
/// ```
/// assert_eq!(avtale::lexicon::bodies::lookup("Kommunenes Sentralforbund").map(|b| b.id), Some("ks"));
/// assert_eq!(avtale::lexicon::bodies::lookup("regjeringen").map(|b| b.name), Some("Regjeringen"));
/// ```
pub fn lookup(name: &str) -> Option<&'static Body> {
    let key = name.trim().to_lowercase();
    BODIES
        .iter()
        .find(|b| b.name.to_lowercase() == key || b.aliases.contains(&key.as_str()))
}
