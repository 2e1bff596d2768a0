//! Key facts per fixture — title, kind, signing, term, obligation actors and item counts —
//! read from the sources by hand. Parties and signatories are in `facts_parties.rs`.
//!
//! Each row says what a reader of the source finds; a change in the parser that moves
//! one of these facts fails here with the fixture's name, beside the snapshot diff.

use avtale::Document;
use avtale::model::{Block, DateValue, Kind, Section};

use crate::util::{fixture_paths, parse_fixture};

/// One obligations block, as (actor ids, joint, item count).
type Obligation = (&'static [&'static str], bool, usize);

/// What a person reading the source finds, fixture by fixture.
struct Facts {
    fixture: &'static str,
    kind: Kind,
    title: Option<&'static str>,
    /// Signing place and date (ISO value).
    signing: (Option<&'static str>, Option<&'static str>),
    /// Term start, end, valid-until (ISO values) and notice period (ISO 8601 duration).
    term: [Option<&'static str>; 4],
    obligations: &'static [Obligation],
}

const GOV_KS: &[&str] = &["regjeringen", "ks"];
const GOV: &[&str] = &["regjeringen"];
const KS: &[&str] = &["ks"];
const KDD: &str = "kommunal-og-distriktsdepartementet";

const FACTS: &[Facts] = &[
    Facts {
        fixture: "2006-ia-avtale.txt",
        kind: Kind::Agreement,
        title: Some("Intensjonsavtale om et mer inkluderende arbeidsliv 2006–2009"),
        signing: (None, None),
        term: [Some("2006"), Some("2009"), None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2006-kvalitetsavtale.md.txt",
        kind: Kind::Agreement,
        title: Some("AVTALE OM KVALITETSUTVIKLING I HELSE- OG OMSORGSTJENESTEN"),
        signing: (Some("Oslo"), Some("2006-09-19")),
        // "Avtalen gjelder frem til september 2010"; no notice period is stated.
        term: [None, None, Some("2010-09"), None],
        // Each of the three service areas: "Partene vil i fellesskap", "KS vil", "Regjeringen vil";
        // first the joint "skal" sentence of the purpose section.
        obligations: &[
            (GOV_KS, true, 1),
            (GOV_KS, true, 5),
            (KS, false, 2),
            (GOV, false, 2),
            (GOV_KS, true, 5),
            (KS, false, 2),
            (GOV, false, 2),
            (GOV_KS, true, 4),
            (KS, false, 3),
            (GOV, false, 5),
        ],
    },
    Facts {
        fixture: "2007-konsultasjon-reforhandlede-avtaler.txt",
        kind: Kind::Unknown,
        title: Some("UNDERTEGNING AV REFORHANDLEDE SAMARBEIDSAVTALER"),
        signing: (None, None),
        // "Den nye avtalen skal tre i kraft 1. januar 2008."
        term: [Some("2008-01-01"), None, None, None],
        // "Kommunal- og regionaldepartementet vil signere ... for regjeringen, og KS forplikter
        // seg til å jobbe overfor sine medlemmer ...": two clauses, two committed parties.
        obligations: &[(&[KDD], false, 1), (KS, false, 1)],
    },
    Facts {
        fixture: "2008-pm-barnevern.txt",
        kind: Kind::PressRelease,
        title: Some("Ny samarbeidsavtale med KS om utvikling av barnevernet"),
        signing: (None, None),
        term: [None, None, Some("2010-09-01"), None],
        obligations: &[],
    },
    Facts {
        fixture: "2009-pm-manifest-mot-mobbing.txt",
        kind: Kind::PressRelease,
        title: Some("Nytt Manifest mot mobbing"),
        signing: (None, None),
        term: [None, None, None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2012-pm-to-nye-avtaler-samhandling-kvalitet.txt",
        kind: Kind::PressRelease,
        title: Some("To nye avtaler om samhandling og kvalitet er undertegnet"),
        signing: (None, None),
        term: [None, None, None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2015-pm-kommunal-helse-omsorg.txt",
        kind: Kind::PressRelease,
        title: Some(
            "Avtale mellom regjeringen og KS om utvikling av den kommunale helse- og omsorgstjenesten",
        ),
        signing: (None, None),
        // "Avtalen gjelder fra 1.1.2016- 1.1.2019"
        term: [Some("2016-01-01"), Some("2019-01-01"), None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2016-samfunnskontrakt-laereplasser.txt",
        kind: Kind::Unknown,
        title: Some("Samfunnskontrakt for flere læreplasser"),
        signing: (None, None),
        term: [None, None, None, None],
        // "Partene i den nye samfunnskontrakten forplikter seg til å møtes årlig ...": the
        // government (signing through its two ministries), the eight organisations and KS.
        obligations: &[(
            &[
                "regjeringen",
                "nho",
                "lo",
                "virke",
                "spekter",
                "unio",
                "maskinentreprenorenes-forbund",
                "norges-rederiforbund",
                "ys",
                "ks",
            ],
            true,
            1,
        )],
    },
    Facts {
        fixture: "2019-helsefellesskap.txt",
        kind: Kind::Agreement,
        title: Some(
            "Avtale mellom regjeringen og KS om innføring av helsefellesskap for å skape en mer sammenhengende helse- og omsorgstjeneste",
        ),
        signing: (Some("Oslo"), Some("2019-10-23")),
        term: [Some("2020"), Some("2023"), Some("2023-12-31"), Some("P3M")],
        obligations: &[
            (GOV, false, 1),
            (GOV, false, 1),
            (GOV_KS, true, 1),
            (GOV, false, 1),
            (KS, false, 1),
        ],
    },
    Facts {
        fixture: "2019-leve-hele-livet.txt",
        kind: Kind::Agreement,
        title: Some(
            "Avtale mellom regjeringen og KS om gjennomføring av Leve hele livet 2019-2023",
        ),
        signing: (None, None),
        term: [Some("2019"), Some("2023"), Some("2023-12-31"), Some("P3M")],
        obligations: &[
            (GOV_KS, true, 1),
            (GOV_KS, true, 1),
            (GOV_KS, true, 1),
            (GOV_KS, true, 1),
        ],
    },
    Facts {
        fixture: "2020-ks-digitale-ambisjonar-nynorsk.txt",
        kind: Kind::PressRelease,
        title: None,
        signing: (None, None),
        term: [None, None, None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2020-ks-tillit-barnevernet.txt",
        kind: Kind::PressRelease,
        title: None,
        // "signert ... på det bilaterale konsultasjonsmøtet 7. desember 2020": no place.
        signing: (None, Some("2020-12-07")),
        term: [Some("2020"), Some("2023"), None, None],
        obligations: &[],
    },
    Facts {
        fixture: "2020-ntb-baerekraft-innovasjon.txt",
        kind: Kind::PressRelease,
        title: Some("Samarbeid om bærekraft og innovasjon i offentlig sektor"),
        signing: (None, None),
        term: [None, None, None, None],
        // "Kommunal- og moderniseringsdepartementet og KS skal ..."; "Partene skal også
        // vurdere ...": the parties are KS and the government, whose ministry acts for it.
        obligations: &[(&[KDD, "ks"], true, 1), (&["ks", "regjeringen"], true, 1)],
    },
    Facts {
        fixture: "2022-bosetting-mottak-avtale.txt",
        kind: Kind::Agreement,
        title: Some("Samarbeidsavtale om mottak og bosetting av flyktninger"),
        signing: (None, None),
        term: [Some("2022"), Some("2025"), None, None],
        obligations: &[(
            &[
                "ks",
                "arbeids-og-inkluderingsdepartementet",
                "justis-og-beredskapsdepartementet",
                "barne-og-familiedepartementet",
                KDD,
            ],
            true,
            1,
        )],
    },
    Facts {
        fixture: "2023-ks-nav-partnerskap.txt",
        kind: Kind::PressRelease,
        title: None,
        signing: (None, None),
        term: [None, None, None, None],
        // "KS og AID vil i avtaleperioden bidra til ..."; "Partene vil også bidra til ...".
        obligations: &[
            (&["ks", "arbeids-og-inkluderingsdepartementet"], true, 1),
            (&["ks", "arbeids-og-inkluderingsdepartementet"], true, 1),
        ],
    },
    Facts {
        fixture: "2024-pm-bo-trygt-hjemme-helsefellesskap.txt",
        kind: Kind::PressRelease,
        title: None,
        // "Avtalen gjelder til og med 2028."
        term: [None, None, Some("2028"), None],
        signing: (None, None),
        obligations: &[(&["ks", "regjeringen"], true, 1)],
    },
    Facts {
        fixture: "2025-pm-bosetting-mottak.txt",
        kind: Kind::PressRelease,
        title: None,
        signing: (None, None),
        // "Samarbeidsavtalen gjelder i fire år, fra 2026-2029"
        term: [Some("2026"), Some("2029"), None, None],
        obligations: &[],
    },
];

/// Every obligations block of the section tree, in document order.
fn obligations(sections: &[Section], out: &mut Vec<(Vec<String>, bool, usize)>) {
    for section in sections {
        for block in &section.blocks {
            if let Block::Obligations { actor, items, .. } = block {
                out.push((actor.parties.clone(), actor.joint, items.len()));
            }
        }
        obligations(&section.sections, out);
    }
}

fn check(facts: &Facts, doc: &Document) {
    let name = facts.fixture;
    assert_eq!(doc.kind, facts.kind, "{name}: kind");
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        facts.title,
        "{name}: title"
    );
    let signing = doc.signing.as_ref();
    assert_eq!(
        (
            signing.and_then(|s| s.place.as_deref()),
            signing
                .and_then(|s| s.date.as_ref())
                .map(|d| d.value.as_str())
        ),
        facts.signing,
        "{name}: signing place and date"
    );
    let value = |d: &Option<DateValue>| d.as_ref().map(|d| d.value.clone());
    assert_eq!(
        [
            value(&doc.term.start),
            value(&doc.term.end),
            value(&doc.term.valid_until),
            doc.term.notice_period.clone(),
        ],
        facts.term.map(|v| v.map(str::to_owned)),
        "{name}: term start, end, valid_until, notice_period"
    );
    let mut found = Vec::new();
    obligations(&doc.sections, &mut found);
    let expected: Vec<(Vec<String>, bool, usize)> = facts
        .obligations
        .iter()
        .map(|(ids, joint, n)| (ids.iter().map(|s| (*s).to_owned()).collect(), *joint, *n))
        .collect();
    assert_eq!(
        found, expected,
        "{name}: obligations (actor ids, joint, item count)"
    );
}

#[test]
fn key_facts_hold_for_every_listed_fixture() {
    for facts in FACTS {
        check(facts, &parse_fixture(facts.fixture));
    }
}

#[test]
fn every_fixture_has_its_facts_listed() {
    let listed: Vec<&str> = FACTS.iter().map(|f| f.fixture).collect();
    for path in fixture_paths() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            listed.contains(&name.as_str()),
            "{name}: list its key facts in tests/facts.rs"
        );
    }
}
