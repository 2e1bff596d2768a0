//! Key facts about parties and signatories, fixture by fixture, read from the sources by hand.

use avtale::Document;

use crate::util::parse_fixture;

/// The party ids of a document, in order of first mention.
fn party_ids(doc: &Document) -> Vec<&str> {
    doc.parties.iter().map(|p| p.id.as_str()).collect()
}

/// The name a party carries, by id.
fn party_name<'d>(doc: &'d Document, id: &str) -> Option<&'d str> {
    doc.parties
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.as_str())
}

/// Signatories as (name, title, party) triples.
fn signatories(doc: &Document) -> Vec<(&str, Option<&str>, Option<&str>)> {
    doc.signatories
        .iter()
        .map(|s| (s.name.as_str(), s.title.as_deref(), s.party.as_deref()))
        .collect()
}

const HOD: &str = "helse-og-omsorgsdepartementet";
const AID: &str = "arbeids-og-inkluderingsdepartementet";
const JD: &str = "justis-og-beredskapsdepartementet";
const BFD: &str = "barne-og-familiedepartementet";
const KDD: &str = "kommunal-og-distriktsdepartementet";

#[test]
fn quality_agreement_2006_is_between_the_government_and_ks_signed_by_a_minister_and_the_ks_leader()
{
    let doc = parse_fixture("2006-kvalitetsavtale.md.txt");
    assert_eq!(
        party_ids(&doc),
        ["regjeringen", "ks"],
        "the subtitle names Regjeringen and KS; fylkesmannen only helps"
    );
    assert_eq!(
        signatories(&doc),
        [
            (
                "Sylvia Brustad",
                Some("Helse- og omsorgsminister"),
                Some("regjeringen")
            ),
            ("Halvdan Skard", Some("Leder"), Some("ks")),
        ],
        "markdown signature blocks between rules: name, then title (\"Leder KS\" → title Leder, party ks)"
    );
}

#[test]
fn leve_hele_livet_2019_has_two_ministers_and_a_three_line_ks_signature() {
    let doc = parse_fixture("2019-leve-hele-livet.txt");
    assert_eq!(
        party_ids(&doc),
        ["regjeringen", "ks"],
        "Helsedirektoratet and fylkesmannen assist; they are not parties"
    );
    assert_eq!(
        signatories(&doc),
        [
            (
                "Åse Michaelsen",
                Some("Eldre- og folkehelseminister"),
                Some("regjeringen")
            ),
            ("Bent Høie", Some("Helseminister"), Some("regjeringen")),
            ("Mette Gundersen", Some("Nestleder"), Some("ks")),
        ]
    );
}

#[test]
fn helsefellesskap_2019_puts_titles_before_names_on_one_line() {
    let doc = parse_fixture("2019-helsefellesskap.txt");
    assert_eq!(
        party_ids(&doc),
        ["regjeringen", "ks"],
        "the regional health trusts are governed, not parties"
    );
    assert_eq!(
        signatories(&doc),
        [
            ("Bent Høie", Some("Helseminister"), Some("regjeringen")),
            ("Gunn Marit Helgesen", Some("Leder"), Some("ks"))
        ]
    );
}

#[test]
fn bo_trygt_hjemme_2024_names_the_government_through_six_ministries() {
    let doc = parse_fixture("2024-pm-bo-trygt-hjemme-helsefellesskap.txt");
    let ministries = [
        HOD,
        AID,
        KDD,
        "kultur-og-likestillingsdepartementet",
        "kunnskapsdepartementet",
        "samferdselsdepartementet",
    ];
    let mut want = vec!["ks", "regjeringen"];
    want.extend(ministries);
    assert_eq!(
        party_ids(&doc),
        want,
        "\"inngått mellom KS og regjeringen ved ...\" names the ministries"
    );
    let government = doc
        .parties
        .iter()
        .find(|p| p.id == "regjeringen")
        .expect("the government is a party");
    assert_eq!(
        government.represented_by, ministries,
        "the government acts through the six ministries"
    );
    assert!(
        doc.signatories.is_empty(),
        "a press release has no signature block"
    );
}

#[test]
fn press_release_2012_takes_parties_from_the_agreements_it_links() {
    let doc = parse_fixture("2012-pm-to-nye-avtaler-samhandling-kvalitet.txt");
    let mut ids = party_ids(&doc);
    ids.sort_unstable();
    assert_eq!(ids, [HOD, "ks", "regjeringen"]);
    assert!(
        doc.signatories.is_empty(),
        "\"har undertegnet\" in running text is not a signature block"
    );
}

#[test]
fn bosetting_2022_lists_four_ministries_and_ks_but_not_the_state_as_such() {
    let doc = parse_fixture("2022-bosetting-mottak-avtale.txt");
    assert_eq!(
        party_ids(&doc),
        ["ks", AID, JD, BFD, KDD],
        "\"staten, representert ved ...\" makes the ministries the parties; the subtitle lists them"
    );
}

#[test]
fn bosetting_2025_corrects_a_misspelt_ministry_name() {
    let doc = parse_fixture("2025-pm-bosetting-mottak.txt");
    assert!(
        party_ids(&doc).contains(&KDD),
        "\"Kommunal- og distriksdepartementet\" is KDD"
    );
    assert_eq!(
        party_name(&doc, KDD),
        Some("Kommunal- og distriktsdepartementet"),
        "the name is spelled right"
    );
    assert!(
        party_ids(&doc).contains(&"regjeringen"),
        "\"den nye avtalen med regjeringen\""
    );
    let span = doc
        .parties
        .iter()
        .find(|p| p.id == KDD)
        .map(|p| p.span)
        .expect("KDD is a party");
    assert_eq!(
        &doc_text("2025-pm-bosetting-mottak.txt")[span.start..span.end],
        "Kommunal- og distriksdepartementet"
    );
}

#[test]
fn ministries_named_only_by_abbreviation_keep_the_abbreviation() {
    let doc = parse_fixture("2008-pm-barnevern.txt");
    assert_eq!(
        party_ids(&doc),
        ["ks", BFD],
        "\"BLD og KS er enige\" joins BLD to KS of the title"
    );
    assert_eq!(
        party_name(&doc, BFD),
        Some("BLD"),
        "BLD is not spelled out, and it stood for two names"
    );
    let doc = parse_fixture("2023-ks-nav-partnerskap.txt");
    assert_eq!(party_ids(&doc), ["ks", AID]);
    assert_eq!(party_name(&doc, AID), Some("AID"));
}

#[test]
fn former_ministry_names_are_kept_under_the_current_id() {
    let doc = parse_fixture("2020-ntb-baerekraft-innovasjon.txt");
    assert_eq!(
        party_ids(&doc),
        ["ks", "regjeringen", KDD],
        "\"inngår KS og staten en avtale\", then KMD og KS skal"
    );
    assert_eq!(
        party_name(&doc, KDD),
        Some("Kommunal- og moderniseringsdepartementet"),
        "the 2020 name"
    );
    let doc = parse_fixture("2020-ks-tillit-barnevernet.txt");
    assert_eq!(party_ids(&doc), ["ks", BFD]);
    assert_eq!(
        party_name(&doc, BFD),
        Some("Barne- og familiedepartementet"),
        "the full name wins over \"BFD\""
    );
}

#[test]
fn tripartite_agreements_name_employers_and_unions() {
    let doc = parse_fixture("2006-ia-avtale.txt");
    assert_eq!(
        party_ids(&doc),
        [
            "regjeringen",
            "nho",
            "hsh",
            "ks",
            "navo",
            "lo",
            "unio",
            "ys",
            "akademikerne"
        ]
    );
    let doc = parse_fixture("2016-samfunnskontrakt-laereplasser.txt");
    assert_eq!(
        doc.parties.len(),
        12,
        "the government and the eleven bodies that signed: {:?}",
        party_ids(&doc)
    );
    assert!(party_ids(&doc).contains(&"norges-rederiforbund"));
}

#[test]
fn manifest_2009_takes_parties_and_signatories_from_the_list_of_signers() {
    let doc = parse_fixture("2009-pm-manifest-mot-mobbing.txt");
    assert_eq!(
        party_ids(&doc),
        [
            "regjeringen",
            "utdanningsforbundet",
            "ks",
            "foreldreutvalget-for-grunnopplaeringen",
            "fagforbundet",
            "skolenes-landsforbund"
        ]
    );
    assert_eq!(
        party_name(&doc, "ks"),
        Some("KS"),
        "\"Kommunenes sentralforbund\" is KS"
    );
    let signed = signatories(&doc);
    assert_eq!(signed.len(), 7);
    assert_eq!(
        signed[0],
        (
            "Jens Stoltenberg",
            Some("statsminister"),
            Some("regjeringen")
        )
    );
    assert_eq!(signed[3], ("Halvdan Skard", Some("leder"), Some("ks")));
    assert_eq!(
        signed[6],
        (
            "Stein Grøtting",
            Some("leder"),
            Some("skolenes-landsforbund")
        )
    );
}

#[test]
fn every_party_span_slices_a_name_of_the_party() {
    for path in crate::util::fixture_paths() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixture name");
        let doc = parse_fixture(name);
        let text = doc_text(name);
        for p in &doc.parties {
            let slice = text
                .get(p.span.start..p.span.end)
                .expect("span inside the text");
            assert!(
                !slice.trim().is_empty(),
                "{name}: party {} should point at its first mention",
                p.id
            );
        }
    }
}

/// The decoded text of a fixture (all fixtures are UTF-8).
fn doc_text(name: &str) -> String {
    std::fs::read_to_string(crate::util::root().join("fixtures").join(name))
        .expect("fixture is UTF-8")
}
