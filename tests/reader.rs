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
        noise, 4,
        "link block, share button, follow footer and the unread page label are reported as noise"
    );
}

#[test]
fn cookie_banners_and_breadcrumbs_set_one_step_a_line_stay_out_of_the_body() {
    let page = "Vi bruker informasjonskapsler (cookies) for å forbedre nettstedet. Les mer om informasjonskapsler\nGodta alle\nBare nødvendige\nHopp til innhold\nDu er her:\nForside\n·\nAktuelt\n·\nNyheter\nDato: 18.06.2009\nNy avtale om boligsosialt arbeid\nDepartementet og KS undertegnet i dag en ny avtale om boligsosialt arbeid i kommunene.\nDel på e-post\nSkriv ut\n";
    let doc = avtale::parse_str(page, "web.txt");
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("Ny avtale om boligsosialt arbeid")
    );
    assert_eq!(
        paragraphs(&doc),
        ["Departementet og KS undertegnet i dag en ny avtale om boligsosialt arbeid i kommunene."]
    );
}

#[test]
fn quote_marks_of_a_forwarded_e_mail_are_no_part_of_the_text() {
    let text = "Ny avtale om læreplasser\n\n> KS og departementet signerte i dag\n> en avtale om læreplasser.\n>\n> – Kommunene skal gå foran som lærebedrifter, sier styreleder i KS, Gunn Marit\n> Helgesen.\n";
    let doc = avtale::parse_str(text, "mail.txt");
    assert_eq!(
        paragraphs(&doc),
        ["KS og departementet signerte i dag en avtale om læreplasser."]
    );
    let speakers: Vec<Option<String>> = doc.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            avtale::model::Block::Quote { speaker, .. } => Some(speaker.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(speakers, [Some("Gunn Marit Helgesen".to_owned())]);
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
    // A bare line opening with a question word heads the list instead.
    let doc = avtale::parse_str(
        "Avtale om noe\n\nPartene samarbeider.\n\nHva avtalen omfatter\n· en ting\n· en annen ting\n",
        "x.txt",
    );
    assert_eq!(headings(&doc), vec![(1, "Hva avtalen omfatter".to_owned())]);
    assert_eq!(lists(&doc), vec![(None, 2)]);
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

#[test]
fn signing_for_lines_name_the_party_of_every_signature_under_them() {
    let stacked = "Avtale mellom regjeringa og KS om eldre\n\nFormål\n\nPartane samarbeider.\n\nOslo, 30. november 2023\n\nFor regjeringa\n\nIngvild Kjerkol\nhelse- og omsorgsminister\n\nSigbjørn Gjelsvik\nkommunal- og distriktsminister\n\nFor KS\n\nGunn Marit Helgesen\nstyreleiar\n";
    let columns = "Avtale mellom regjeringen og KS om beredskap\n\nFormål\n\nPartene samarbeider.\n\nOslo, den 1. mars 2021\n\nFor regjeringen                              For KS\n\nMonica Mæland                                Bjørn Arild Gram\njustis- og beredskapsminister                styreleder\n\nNikolai Astrup\nkommunal- og moderniseringsminister\n";
    let colons = "Avtale mellom regjeringen og KS om rus\n\nFormål\n\nPartene samarbeider.\n\nBergen, 4. april 2022\n\nFor regjeringen:\n\nIngvild Kjerkol\nHelse- og omsorgsminister\n\nFor Kommunesektorens organisasjon (KS):\n\nGunn Marit Helgesen\nStyreleder\n";
    let signature_rules = "Avtale mellom regjeringen og KS om rus\n\nFormål\n\nPartene samarbeider.\n\nOslo, 4.4.2022\n\nFor regjeringen                    For KS\n_____________________              _____________________\nIngvild Kjerkol                    Gunn Marit Helgesen\nHelse- og omsorgsminister          Styreleder\n";
    // Columns interleave the bytes of the two signatures: both are kept.
    let plain_columns = "Avtale mellom regjeringen og KS om folkehelse\n\nFormål\n\nPartene samarbeider.\n\nOslo, 20. juni 2019\n\nBent Høie                               Gunn Marit Helgesen\nHelseminister                           Styreleder i KS\n";
    let table = "# Avtale mellom regjeringen og KS om skole\n\n## Formål\n\nPartene samarbeider.\n\nOslo, 6. februar 2018\n\n| For regjeringen | For KS |\n|---|---|\n| Jan Tore Sanner | Gunn Marit Helgesen |\n| kunnskapsminister | styreleder |\n";
    let on_behalf = "Tilleggsavtale om rus\n\nFormål\n\nPartene samarbeider.\n\nOslo, 14.12.21\n\nPå vegne av Helse- og omsorgsdepartementet\n\nIngvild Kjerkol\nhelse- og omsorgsminister\n\nPå vegne av KS\n\nGunn Marit Helgesen\nstyreleder\n";
    let name_comma_title = "Samarbeidsavtale om data\n\nFormål\n\nPartene samarbeider.\n\nOslo, 2. februar 2023\n\nFor Kommunal- og distriktsdepartementet:\nSigbjørn Gjelsvik, kommunal- og distriktsminister\n\nFor KS:\nGunn Marit Helgesen, styreleder\n";
    let form = "Avtale mellom regjeringen og KS om velferdsteknologi\n\nFormål\n\nPartene samarbeider.\n\nSted/dato: Oslo, 1. juli 2021\n\nFor regjeringen                            For KS\n\nSignatur: ____________________             Signatur: ____________________\nNavn: Bent Høie                            Navn: Bjørn Arild Gram\nTittel: helse- og omsorgsminister          Tittel: styreleder\n";
    for (text, expected) in [
        (
            form,
            &[("Bent Høie", "regjeringen"), ("Bjørn Arild Gram", "ks")][..],
        ),
        (
            name_comma_title,
            &[
                ("Sigbjørn Gjelsvik", "kommunal-og-distriktsdepartementet"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
        (
            on_behalf,
            &[
                ("Ingvild Kjerkol", "helse-og-omsorgsdepartementet"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
        (
            stacked,
            &[
                ("Ingvild Kjerkol", "regjeringen"),
                ("Sigbjørn Gjelsvik", "regjeringen"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
        (
            columns,
            &[
                ("Monica Mæland", "regjeringen"),
                ("Bjørn Arild Gram", "ks"),
                ("Nikolai Astrup", "regjeringen"),
            ][..],
        ),
        (
            colons,
            &[
                ("Ingvild Kjerkol", "regjeringen"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
        (
            signature_rules,
            &[
                ("Ingvild Kjerkol", "regjeringen"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
        (
            plain_columns,
            &[("Bent Høie", "regjeringen"), ("Gunn Marit Helgesen", "ks")][..],
        ),
        (
            table,
            &[
                ("Jan Tore Sanner", "regjeringen"),
                ("Gunn Marit Helgesen", "ks"),
            ][..],
        ),
    ] {
        let doc = avtale::parse_str(text, "x.txt");
        let got: Vec<(&str, &str)> = doc
            .signatories
            .iter()
            .map(|s| (s.name.as_str(), s.party.as_deref().unwrap_or("-")))
            .collect();
        assert_eq!(got, expected, "signatories of:\n{text}");
        let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
        assert_eq!(
            got,
            ["Formål"],
            "signing-for lines are not headings:\n{text}"
        );
    }
}

#[test]
fn a_line_announcing_what_follows_is_no_label_and_numbered_headings_under_it_stay_headings() {
    let text = "Protokoll\n\nPartene er enige om følgende:\n\n1. Bakgrunn\n\nOrdningen innføres fra 1. juni 2001.\n\n2. Forpliktelser\n\nDepartementet vil:\na. utbetale et tilskudd\nb. evaluere ordningen\n";
    let doc = avtale::parse_str(text, "x.txt");
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, ["1. Bakgrunn", "2. Forpliktelser"]);
}

#[test]
fn numbered_items_set_apart_by_blank_lines_stay_one_list() {
    let text = "Avtale om helsefellesskap\n\nBakgrunn\n\nPartene er enige om følgende prinsipper:\n\n1. Likeverdig partnerskap\n\n2. Felles planlegging\n\n3. Brukerens behov i sentrum\n\nOppfølging\n\nPartene møtes årlig.\n\n4. Varighet\n\nAvtalen gjelder i fire år.\n";
    let doc = avtale::parse_str(text, "x.txt");
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    // `4. Varighet` does not go on from the list: a paragraph stands between them.
    assert_eq!(got, ["Bakgrunn", "Oppfølging", "4. Varighet"]);
    assert_eq!(
        lists(&doc),
        vec![(
            Some("Partene er enige om følgende prinsipper:".to_owned()),
            3
        )]
    );
}

#[test]
fn enumerated_items_under_a_lead_in_are_list_items_not_headings() {
    let text = "Avtale om barnehage\n\n2 Mål\n\nAvtalen har følgende delmål:\n\na) økt andel ansatte med fagutdanning\nb) redusert bruk av uønsket deltid\nc) bedre ledelse og internkontroll\n\n3 Tiltak\n\nKS skal:\n1. oppfordre kommunene til å tilby veiledning\n2. samle og dele erfaringer\n\nPartene er enige om følgende:\n1. Kommunene utarbeider planer for rekruttering.\n2. Staten finansierer veilederutdanning for\nbarnehagelærere.\n\nAvtalen ble inngått 3. oktober 2001 og fornyet\n2. halvår 2005 etter forhandlinger.\n";
    let doc = avtale::parse_str(text, "x.txt");
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, ["2 Mål", "3 Tiltak"]);
    assert_eq!(
        lists(&doc),
        vec![
            (Some("Avtalen har følgende delmål:".to_owned()), 3),
            (Some("KS skal:".to_owned()), 2),
            (Some("Partene er enige om følgende:".to_owned()), 2),
        ]
    );
    assert!(
        paragraphs(&doc)
            .iter()
            .any(|p| p.ends_with("fornyet 2. halvår 2005 etter forhandlinger.")),
        "an ordinal before its noun continues the sentence: {:?}",
        paragraphs(&doc)
    );
}

#[test]
fn a_heading_right_above_a_lead_in_heads_the_lists() {
    let text = "Avtale om beredskap\n\nPartenes forpliktelser\nRegjeringen vil:\n– sørge for veiledning\n– gi direktoratet i oppdrag å øve\nKS vil:\n– stimulere til øvelser\n\nPartene er enige om at\nKS skal:\n– spre erfaringer\n";
    let doc = avtale::parse_str(text, "x.txt");
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, ["Partenes forpliktelser"]);
    let got: Vec<(Option<String>, usize)> = lists(&doc);
    assert_eq!(
        got,
        vec![
            (Some("Regjeringen vil:".to_owned()), 2),
            (Some("KS vil:".to_owned()), 1),
            (Some("Partene er enige om at KS skal:".to_owned()), 1),
        ],
        "a line that stops on a conjunction runs on into the lead-in"
    );
}

#[test]
fn page_furniture_of_pdf_dumps_newsrooms_and_web_pages_stays_out_of_the_body() {
    let pdf = "                                   1\n\nAvtale om bosetting\n\nInnledning\n\nStaten og kommunene har et felles ansvar.\n\n                        Side 1 av 2\n\u{c}                                   2\n\nVarighet\n\nAvtalen gjelder i fire år.\n\n- 2 -\n";
    let doc = avtale::parse_str(pdf, "x.txt");
    assert_eq!(
        doc.title.as_ref().map(|t| t.text.as_str()),
        Some("Avtale om bosetting")
    );
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(
        got,
        ["Innledning", "Varighet"],
        "page numbers are no headings"
    );
    assert_eq!(paragraphs(&doc).len(), 2);

    let newsroom = "KS\nDel\nNy avtale om kompetanseutvikling i skolen\n12.01.2022 10:15\nKunnskapsdepartementet og KS har signert en ny avtale om lokal kompetanseutvikling.\n";
    let web = "Hopp til hovedinnhold\nKS\nMeny\nForside / Fagområder / Helse og omsorg / Rekruttering\nNy avtale skal sikre nok helsepersonell\nKS og Helse- og omsorgsdepartementet har inngått en avtale om rekruttering og kompetanse i de kommunale tjenestene.\nPublisert 8. april 2024\nSist oppdatert 9. april 2024\n";
    let archive = "Avtale med KS om omsorgsplanen\n\nPressemelding | Nr.: 112/2007 | Dato: 20.09.2007\n\nRegjeringen og KS er enige om å samarbeide om oppfølgingen av planen.\n";
    for (text, title) in [
        (newsroom, "Ny avtale om kompetanseutvikling i skolen"),
        (web, "Ny avtale skal sikre nok helsepersonell"),
        (archive, "Avtale med KS om omsorgsplanen"),
    ] {
        let doc = avtale::parse_str(text, "x.txt");
        assert_eq!(
            doc.title.as_ref().map(|t| t.text.as_str()),
            Some(title),
            "{text}"
        );
        assert!(headings(&doc).is_empty(), "no headings in:\n{text}");
        assert_eq!(paragraphs(&doc).len(), 1, "one paragraph in:\n{text}");
    }
}

#[test]
fn wrapped_titles_and_subtitles_that_name_the_parties() {
    let wrapped = "Samarbeidsavtale om bosetting av flyktninger og etablering av\nintegreringsmottak\n\nmellom Justis- og beredskapsdepartementet, Kommunal- og\nmoderniseringsdepartementet og KS\n\nInnledning\n\nStaten og kommunene har et felles ansvar.\n";
    let capitals = "AVTALE OM SAMARBEID OM DIGITALISERING\n\nAvtale mellom Kommunal- og distriktsdepartementet og KS\n\nBAKGRUNN\n\nDigitalisering er viktig.\n";
    let bold = "# Intensjonsavtale om tidlig innsats\n\n**mellom Kunnskapsdepartementet og KS**\n\n---\n\n## Bakgrunn\n\nKommunene er skoleeiere.\n";
    for (text, title, subtitle, heading) in [
        (
            wrapped,
            "Samarbeidsavtale om bosetting av flyktninger og etablering av integreringsmottak",
            "mellom Justis- og beredskapsdepartementet, Kommunal- og moderniseringsdepartementet og KS",
            "Innledning",
        ),
        (
            capitals,
            "AVTALE OM SAMARBEID OM DIGITALISERING",
            "Avtale mellom Kommunal- og distriktsdepartementet og KS",
            "BAKGRUNN",
        ),
        (
            bold,
            "Intensjonsavtale om tidlig innsats",
            "mellom Kunnskapsdepartementet og KS",
            "Bakgrunn",
        ),
    ] {
        let doc = avtale::parse_str(text, "x.txt");
        assert_eq!(doc.title.as_ref().map(|t| t.text.as_str()), Some(title));
        assert_eq!(
            doc.subtitle.as_ref().map(|t| t.text.as_str()),
            Some(subtitle),
            "{text}"
        );
        let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
        assert_eq!(got, [heading]);
    }
}

#[test]
fn a_hard_wrapped_quote_with_its_attribution_on_a_later_line_is_a_quote() {
    let text = "Ny avtale om tillitsbasert styring\n\nRegjeringa og KS har inngått ein avtale.\n\n– Kommunane skal ha handlingsrom til å finne lokale løysingar. Med\ndenne avtalen forpliktar vi oss til å rydde i statlege krav, seier\nkommunal- og distriktsminister Sigbjørn Gjelsvik.\n\nAvtalen gjeld ut 2025.\n";
    let doc = avtale::parse_str(text, "x.txt");
    let quotes: Vec<(Option<String>, String)> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            avtale::model::Block::Quote { speaker, text, .. } => {
                Some((speaker.clone(), text.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].0.as_deref(), Some("Sigbjørn Gjelsvik"));
    assert!(quotes[0].1.starts_with("Kommunane skal ha handlingsrom"));
    assert!(lists(&doc).is_empty());
}

#[test]
fn a_heading_between_one_line_paragraphs_of_a_web_page() {
    let text = "Publisert 8. april 2024\nNy avtale om helsepersonell\nKS og departementet har inngått en avtale om rekruttering og kompetanse i tjenestene.\nAvtalen gjelder fra 1. mai 2024 til 30. april 2028.\nTre satsingsområder\nAvtalen har tre satsingsområder:\nheltidskultur og redusert bruk av deltid\nbedre oppgavedeling mellom yrkesgruppene\nflere lærlinger i helsearbeiderfaget\nKS vil følge opp avtalen gjennom sitt arbeid med arbeidsgiverpolitikk og nettverk.\n";
    let doc = avtale::parse_str(text, "x.txt");
    assert_eq!(doc.source.layout, avtale::model::Layout::Web);
    let got: Vec<String> = headings(&doc).into_iter().map(|(_, h)| h).collect();
    assert_eq!(got, ["Tre satsingsområder"]);
    assert_eq!(
        lists(&doc),
        vec![(Some("Avtalen har tre satsingsområder:".to_owned()), 3)]
    );
}

#[test]
fn a_paragraph_printed_twice_in_a_row_is_read_once() {
    let text = "Ny avtale om bosetting\n\nRegjeringen og KS har signert en ny avtale om bosetting i dag.\n\nRegjeringen og KS har signert en ny avtale om bosetting i dag.\n\nAvtalen gjelder i tre år.\n\nAvtalen gjelder i tre år.\n";
    let doc = avtale::parse_str(text, "repeat.txt");
    let paragraphs: Vec<&str> = doc.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            avtale::model::Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Regjeringen og KS har signert en ny avtale om bosetting i dag.",
            "Avtalen gjelder i tre år."
        ]
    );
    let repeats = doc
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("a repeat of the paragraph above"))
        .count();
    assert_eq!(repeats, 2, "each dropped repeat is reported");
}
