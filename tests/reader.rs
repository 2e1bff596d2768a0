//! The reader on layout variations every archive has: numbered headings, capitals,
//! hard-wrapped paragraphs, bullet styles, blank lines of spaces and NBSP, page
//! furniture. Each test states the structure a person reads in the text.

fn headings(doc: &avtale::Document) -> Vec<(u32, String)> {
    fn walk(sections: &[avtale::model::Section], out: &mut Vec<(u32, String)>) {
        for s in sections {
            if let Some(h) = &s.heading {
                out.push((s.level, h.clone()));
            }
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.sections, &mut out);
    out
}

fn lists(doc: &avtale::Document) -> Vec<(Option<String>, usize)> {
    fn walk(sections: &[avtale::model::Section], out: &mut Vec<(Option<String>, usize)>) {
        for s in sections {
            for b in &s.blocks {
                match b {
                    // Lists with or without a lead-in, and commitment lists; not the
                    // one-sentence commitments found in running text.
                    avtale::model::Block::List { lead_in, items, .. }
                    | avtale::model::Block::Obligations {
                        lead_in: lead_in @ Some(_),
                        items,
                        ..
                    } => {
                        out.push((lead_in.clone(), items.len()));
                    }
                    _ => {}
                }
            }
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.sections, &mut out);
    out
}

fn paragraphs(doc: &avtale::Document) -> Vec<String> {
    fn walk(sections: &[avtale::model::Section], out: &mut Vec<String>) {
        for s in sections {
            for b in &s.blocks {
                if let avtale::model::Block::Paragraph { text, .. } = b {
                    out.push(text.clone());
                }
            }
            walk(&s.sections, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.sections, &mut out);
    out
}

const NUMBERED: &str = "\
SAMARBEIDSAVTALE OM DIGITALISERING I KOMMUNESEKTOREN 2021-2024

1. Formålet med avtalen

Avtalen skal bidra til at stat og kommune samarbeider bedre om
digitalisering, slik at innbyggerne opplever sammenhengende tjenester
uavhengig av forvaltningsnivå. Partene skal møtes jevnlig.

2. Partenes ansvar

2.1 Staten
Departementet skal
* sørge for finansiering av fellesløsninger
* legge til rette for deling av data

2.2 KS
KS vil
– bidra til spredning av gode løsninger
– samordne kommunenes behov

§ 3 Varighet

Avtalen gjelder fra 1. januar 2021 til 31. desember 2024.
\u{a0}
OPPFØLGING OG EVALUERING

Partene evaluerer avtalen årlig.
";

#[test]
fn numbered_headings_nest_by_their_number_and_capitals_stand_at_the_top() {
    let doc = avtale::parse_str(NUMBERED, "numbered.txt");
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("SAMARBEIDSAVTALE OM DIGITALISERING I KOMMUNESEKTOREN 2021-2024")
    );
    let expected = [
        (1, "1. Formålet med avtalen"),
        (1, "2. Partenes ansvar"),
        (2, "2.1 Staten"),
        (2, "2.2 KS"),
        (1, "§ 3 Varighet"),
        (1, "OPPFØLGING OG EVALUERING"),
    ];
    let expected: Vec<(u32, String)> = expected
        .iter()
        .map(|(l, h)| (*l, (*h).to_owned()))
        .collect();
    assert_eq!(headings(&doc), expected);
}

#[test]
fn hard_wrapped_lines_join_into_one_paragraph() {
    let doc = avtale::parse_str(NUMBERED, "numbered.txt");
    let first = &paragraphs(&doc)[0];
    assert!(
        first.starts_with(
            "Avtalen skal bidra til at stat og kommune samarbeider bedre om digitalisering, slik"
        ),
        "wrapped lines should join with one space: {first}"
    );
    assert!(
        first.ends_with("uavhengig av forvaltningsnivå."),
        "the commitment after it is its own block: {first}"
    );
}

#[test]
fn star_and_en_dash_bullets_under_a_lead_in_line_are_lists() {
    let doc = avtale::parse_str(NUMBERED, "numbered.txt");
    let lists = lists(&doc);
    assert_eq!(lists.len(), 2, "two lists: {lists:?}");
    assert_eq!(lists[0].0.as_deref(), Some("Departementet skal"));
    assert_eq!(lists[0].1, 2);
    assert_eq!(lists[1].0.as_deref(), Some("KS vil"));
    assert_eq!(lists[1].1, 2);
}

#[test]
fn nothing_is_unplaced_in_a_well_formed_document() {
    let doc = avtale::parse_str(NUMBERED, "numbered.txt");
    let unplaced: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == avtale::model::Code::UnplacedLine)
        .collect();
    assert!(unplaced.is_empty(), "{unplaced:?}");
}

const WEB: &str = "\
Historisk arkiv

Pressemelding

Ny avtale om kvalitet i eldreomsorgen

Historisk arkiv

Publisert under: Regjeringen Solberg

Utgiver: Helse- og omsorgsdepartementet

Regjeringen og KS har i dag signert en ny avtale.

– Dette er en viktig dag for eldreomsorgen, sier helseminister Bent Høie.

Avtalen legger vekt på:

  •\u{a0}mat og måltider
  •\u{a0}aktivitet og fellesskap

Lenkeblokk Icon Avtalen (pdf)

Del

Følg Helse- og omsorgsdepartementet på Facebook
";

#[test]
fn web_pages_keep_metadata_and_noise_out_of_the_body() {
    let doc = avtale::parse_str(WEB, "web.txt");
    assert_eq!(doc.source.layout, avtale::model::Layout::Web);
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("Ny avtale om kvalitet i eldreomsorgen")
    );
    assert!(
        headings(&doc).is_empty(),
        "no headings in this page: {:?}",
        headings(&doc)
    );
    assert_eq!(
        lists(&doc),
        vec![(Some("Avtalen legger vekt på:".to_owned()), 2)]
    );
    let quotes = doc.sections[0]
        .blocks
        .iter()
        .filter(|b| matches!(b, avtale::model::Block::Quote { .. }))
        .count();
    assert_eq!(quotes, 1, "the dash line is a quote, not a list item");
    let noise = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == avtale::model::Code::Noise)
        .count();
    assert_eq!(
        noise, 3,
        "link block, share button and follow footer are reported as noise"
    );
}

#[test]
fn a_bare_line_followed_by_a_list_is_its_lead_in_not_a_heading() {
    let doc = avtale::parse_str(
        "Avtale om noe\n\nTjenester\n\nPartene vil i fellesskap\n\n- gjøre en ting\n- gjøre en annen ting\n",
        "x.txt",
    );
    assert_eq!(headings(&doc), vec![(1, "Tjenester".to_owned())]);
    assert_eq!(
        lists(&doc),
        vec![(Some("Partene vil i fellesskap".to_owned()), 2)]
    );
}

#[test]
fn empty_and_blank_inputs_give_empty_documents() {
    for text in ["", "\n\n", " \u{a0} \r\n\t"] {
        let doc = avtale::parse_str(text, "empty.txt");
        assert!(
            doc.title.is_none() && doc.sections.is_empty(),
            "{text:?} should give no title and no sections"
        );
    }
}

#[test]
fn headings_directly_above_their_text_and_roman_numbers_are_headings() {
    let text = "Avtale om samarbeid\n\nI. Bakgrunn\nAvtalen bygger på dialog mellom partene i konsultasjonsordningen om rammene.\n\nFormålet med avtalen\nFormålet er å skape et godt samarbeid om gjennomføring av reformen i hele landet.\n\nHva betyr avtalen for kommunene?\n\nKommunene får bedre rammer.\n";
    let doc = avtale::parse_str(text, "x.txt");
    let expected = [
        "I. Bakgrunn",
        "Formålet med avtalen",
        "Hva betyr avtalen for kommunene?",
    ];
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, expected);
    assert_eq!(
        paragraphs(&doc).len(),
        3,
        "each heading keeps its paragraph"
    );
}

#[test]
fn bold_lines_in_markdown_exports_are_headings_and_bold_lead_ins_introduce_lists() {
    let text = "# Avtale om kvalitet\n\n**Bakgrunn**\n\nAvtalen er inngått.\n\n**Tiltak**\n\n**KS vil**\n\n- spre god praksis\n- samordne kommunene\n";
    let doc = avtale::parse_str(text, "x.md");
    assert_eq!(doc.source.layout, avtale::model::Layout::Markdown);
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, ["Bakgrunn", "Tiltak"]);
    assert_eq!(lists(&doc), vec![(Some("KS vil".to_owned()), 2)]);
}

#[test]
fn signature_area_stays_out_of_the_body_in_every_style() {
    let columns = "Avtale om digitalisering\n\nBakgrunn\n\nPartene samarbeider.\n\nOslo, 15. mars 2021\n\nLinda Hofstad Helleland                    Bjørn Arild Gram\nDistrikts- og digitaliseringsminister      Styreleder KS\n";
    let groups = "Avtale om digitalisering\n\nBakgrunn\n\nPartene samarbeider.\n\n\n\nÅse Michaelsen\nEldre- og folkehelseminister\n\n\n\nMette Gundersen\nNestleder\nKS\n";
    let one_line = "Avtale om digitalisering\n\nBakgrunn\n\nPartene samarbeider.\n\nOslo 23. oktober 2019\n\nHelseminister Bent Høie\n\nLeder KS Gunn Marit Helgesen\n";
    for text in [columns, groups, one_line] {
        let doc = avtale::parse_str(text, "x.txt");
        let body = serde_json::to_string(&doc.sections).expect("serializes");
        for name in ["Helleland", "Michaelsen", "Gundersen", "Høie", "Helgesen"] {
            assert!(
                !body.contains(name),
                "the signature of {name} should not be in the body:\n{text}"
            );
        }
        let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
        assert_eq!(
            got,
            ["Bakgrunn"],
            "signature lines are not headings:\n{text}"
        );
        assert!(
            !doc.diagnostics
                .iter()
                .any(|d| d.code == avtale::model::Code::UnplacedLine)
        );
    }
}
