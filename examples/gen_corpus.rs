//! Fixtures → a deterministic corpus of N realistic agreement texts, for throughput benchmarks.
//!
//! The real archive is small (a few dozen documents), so throughput at 1k, 10k
//! and 100k files needs synthetic documents that still look like the genre.
//! This tool cuts the fixtures into pieces (titles, headings, paragraphs, list
//! items, quotes), then recombines them under a seed: sections are drawn at random,
//! people are renamed, years and days are shifted, and each document is
//! rendered in one of the three archive layouts (markdown export, plain text,
//! scraped web page) with its own furniture (signature blocks, place-and-date
//! lines, "Publisert:" metadata, link blocks, image-gallery captions).
//! Some files are written with CRLF line endings, some in Windows-1252 and a
//! few with a UTF-8 byte-order mark, as the archives hold them.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --seed 7 --count 10000 --out /tmp/corpus
//! ```
//!
//! Files go to `OUT/NNN/NNNNNN.txt` (1000 per directory, so shell globs and
//! argument lists stay short at 100k files), with `OUT/MANIFEST.tsv`
//! describing each one (path, layout, encoding, line ending, bytes).
//! The same seed, count and fixtures always give byte-identical output.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use regex::Regex;

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Write N synthetic agreement texts recombined from the fixtures")]
struct Args {
    /// Seed of the pseudo-random generator: same seed, same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of documents to write.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Directory of source texts to recombine.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))]
    fixtures: PathBuf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let pool = Pool::load(&args.fixtures)?;
    std::fs::create_dir_all(&args.out)?;
    let mut manifest = String::from("path\tlayout\tencoding\tnewline\tbytes\n");
    let mut rng = Rng::new(args.seed);
    let mut total = 0usize;
    let mut dir = PathBuf::new();
    for index in 0..args.count {
        if index % 1000 == 0 {
            dir = args.out.join(format!("{:03}", index / 1000));
            std::fs::create_dir_all(&dir)?;
        }
        let doc = generate(&pool, &mut rng);
        let bytes = encode(&doc, &mut rng);
        let name = format!("{:03}/{index:06}.txt", index / 1000);
        std::fs::write(dir.join(format!("{index:06}.txt")), &bytes.data)?;
        total += bytes.data.len();
        let _ = writeln!(
            manifest,
            "{name}\t{}\t{}\t{}\t{}",
            doc.layout.name(),
            bytes.encoding,
            bytes.newline,
            bytes.data.len()
        );
    }
    std::fs::write(args.out.join("MANIFEST.tsv"), manifest)?;
    writeln!(
        std::io::stderr(),
        "wrote {} documents, {:.1} MB, to {}",
        args.count,
        total as f64 / 1e6,
        args.out.display()
    )?;
    Ok(())
}

/// SplitMix64: tiny, fast and fully determined by its seed, which is all a
/// corpus generator needs (no dependency, no platform-dependent state).
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    /// A piece of text from one of the pools.
    fn piece<'a>(&mut self, pieces: &'a [String]) -> &'a str {
        self.pick(pieces).as_str()
    }
}

/// The three archive layouts avtale reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Markdown,
    Plain,
    Web,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Markdown => "markdown",
            Layout::Plain => "plain",
            Layout::Web => "web",
        }
    }
}

/// Pieces cut from the source texts, by kind.
#[derive(Debug, Default)]
struct Pool {
    titles: Vec<String>,
    headings: Vec<String>,
    paragraphs: Vec<String>,
    items: Vec<String>,
    quotes: Vec<String>,
}

/// Bullets the archives use, with the space after them.
const BULLETS: [&str; 4] = ["- ", "• ", "* ", "– "];

impl Pool {
    /// Reads every `*.txt` under `dir` (sorted, so the pool order and hence
    /// the corpus do not depend on the file system) and cuts it into pieces.
    fn load(dir: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        let mut pool = Pool::default();
        for path in &paths {
            let bytes = std::fs::read(path)?;
            pool.cut(&String::from_utf8_lossy(&bytes));
        }
        if pool.paragraphs.is_empty() || pool.headings.is_empty() || pool.items.is_empty() {
            return Err(format!("{}: too few texts to recombine", dir.display()).into());
        }
        Ok(pool)
    }

    /// Cuts one text into blank-line separated chunks and files each one.
    fn cut(&mut self, text: &str) {
        let mut chunks: Vec<Vec<&str>> = vec![Vec::new()];
        for line in text.lines() {
            if line.trim().is_empty() {
                chunks.push(Vec::new());
            } else if let Some(chunk) = chunks.last_mut() {
                chunk.push(line.trim_end());
            }
        }
        let mut first = true;
        for chunk in chunks.iter().filter(|chunk| !chunk.is_empty()) {
            if first {
                first = false;
                let title = strip_markup(chunk[0]);
                if title.len() > 20 {
                    self.titles.push(title);
                }
                continue;
            }
            self.file(chunk);
        }
    }

    fn file(&mut self, chunk: &[&str]) {
        let bulleted = |line: &str| BULLETS.iter().any(|b| line.trim_start().starts_with(b));
        if chunk.len() == 1 && bulleted(chunk[0]) && is_attributed(chunk[0]) {
            self.quotes.push(strip_bullet(chunk[0]).to_owned());
        } else if chunk.iter().all(|line| bulleted(line)) {
            self.items
                .extend(chunk.iter().map(|line| strip_bullet(line).to_owned()));
        } else if chunk.len() == 1 && chunk[0].len() < 90 && !chunk[0].ends_with('.') {
            let heading = strip_markup(chunk[0]);
            // Short capitalised lines without a final stop are headings;
            // name-and-title lines of signatures are left out (they are generated).
            if heading.chars().next().is_some_and(char::is_uppercase)
                && heading.split_whitespace().count() <= 9
                && !is_furniture(&heading)
            {
                self.headings.push(heading);
            }
        } else {
            for line in chunk {
                if bulleted(line) {
                    self.items.push(strip_bullet(line).to_owned());
                } else if line.len() >= 60 {
                    self.paragraphs.push(strip_markup(line));
                }
            }
        }
    }
}

/// Web-page furniture and metadata lines look like headings (short, no
/// final stop) but are generated separately, so they stay out of the pool.
fn is_furniture(line: &str) -> bool {
    line.len() < 5
        || line.contains(": ")
        || line.contains(" / ")
        || line.contains("(pdf)")
        // List lead-ins ("KS vil", "Partene vil i fellesskap bidra til") are generated with their lists.
        || [" vil", " til", " skal"].iter().any(|end| line.ends_with(end))
        || ["Lenke", "Les ", "Del", "Følg", "Publisert", "Historisk"]
            .iter()
            .any(|cue| line.starts_with(cue))
}

fn strip_bullet(line: &str) -> &str {
    let line = line.trim_start();
    BULLETS
        .iter()
        .find_map(|b| line.strip_prefix(b))
        .unwrap_or(line)
        .trim()
}

/// Removes markdown heading marks and emphasis, so pieces can be re-rendered in any layout.
fn strip_markup(line: &str) -> String {
    line.trim_start_matches('#')
        .replace("**", "")
        .replace('*', "")
        .trim()
        .to_owned()
}

/// Whether a dashed line reads as quoted speech ("..., sier Navn.").
fn is_attributed(line: &str) -> bool {
    [", sier ", ", seier ", ", sa "]
        .iter()
        .any(|cue| line.contains(cue))
}

/// Quote bodies lose their attribution; a new speaker is attached when rendering.
fn quote_body(quote: &str) -> &str {
    [", sier ", ", seier ", ", sa "]
        .iter()
        .filter_map(|cue| quote.find(cue))
        .min()
        .map_or(quote, |at| &quote[..at])
}

const FIRST_NAMES: [&str; 16] = [
    "Kari",
    "Ola",
    "Ingrid",
    "Per",
    "Sigrid",
    "Lars",
    "Marit",
    "Jon",
    "Astrid",
    "Knut",
    "Ragnhild",
    "Eirik",
    "Solveig",
    "Tor Arne",
    "Anne Lise",
    "Håkon",
];
const LAST_NAMES: [&str; 14] = [
    "Nordmann", "Hansen", "Berg", "Haugen", "Solberg", "Lie", "Dahl", "Bakke", "Strand", "Myhre",
    "Søreide", "Østby", "Kvamme", "Aasen",
];
const MINISTERS: [&str; 8] = [
    "Helseminister",
    "Kommunal- og distriktsminister",
    "Arbeids- og inkluderingsminister",
    "Barne- og familieminister",
    "Kunnskapsminister",
    "Eldre- og folkehelseminister",
    "Digitaliseringsminister",
    "Justis- og beredskapsminister",
];
const KS_TITLES: [&str; 4] = [
    "Styreleder i KS",
    "Leder KS",
    "Nestleder KS",
    "Administrerende direktør i KS",
];
const PLACES: [&str; 5] = ["Oslo", "Oslo", "Bergen", "Trondheim", "Tromsø"];
const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const LEAD_INS: [&str; 7] = [
    "Partene vil i fellesskap bidra til",
    "Partene vil i fellesskap",
    "KS vil",
    "Regjeringen vil",
    "Departementet skal",
    "Partene er enige om å:",
    "Avtalen regulerer følgende områder:",
];
const TERMS: [&str; 3] = [
    "Avtalen gjelder til 31. desember {Y} eller til én av partene ønsker å si den opp. Oppsigelse skal gis med minst tre måneders varsel.",
    "Avtalen gjelder for perioden {y}-{Y}. Arbeidet skal evalueres årlig av partene i forbindelse med konsultasjonsordningen.",
    "Samarbeidsavtalen gjelder i fire år, fra {y}-{Y}, og er en videreføring av tidligere avtaler.",
];
const LINKS: [&str; 4] = [
    "Lenkeblokk Icon Samarbeidsavtale mellom KS og departementet",
    "Les avtalen her (pdf)",
    "Samarbeidsavtale {y}-{Y} (pdf)",
    "Lenke til pressemelding",
];

/// One generated document before encoding.
#[derive(Debug)]
struct Doc {
    layout: Layout,
    text: String,
}

/// Per-document variation of dates.
struct Dates {
    /// Added to every year found in a recombined piece.
    shift: i32,
    /// The year of the document (publication, signing).
    year: i32,
}

/// "Styreleder i KS" → "styreleder i KS", for titles inside a sentence.
fn lower_first(title: &str) -> String {
    let mut chars = title.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
}

fn generate(pool: &Pool, rng: &mut Rng) -> Doc {
    let layout = match rng.range(0, 9) {
        0..=2 => Layout::Markdown,
        3..=5 => Layout::Plain,
        _ => Layout::Web,
    };
    // Shifts of a few years keep the recombined dates plausible (no 1990s
    // agreements about 2020s reforms).
    let shift = rng.range(0, 12) as i32 - 6;
    let dates = Dates {
        shift,
        year: 2019 + shift,
    };
    let year = dates.year;
    let sections = match rng.range(0, 99) {
        0..=69 => rng.range(2, 5),
        70..=94 => rng.range(6, 12),
        _ => rng.range(20, 60),
    };
    let mut out = Writer {
        text: String::new(),
        layout,
    };
    let title = vary(rng.piece(&pool.titles), &dates, rng);
    out.front(&title, &dates, rng);
    for section in 0..sections {
        out.heading(&vary(rng.piece(&pool.headings), &dates, rng), section, rng);
        for _ in 0..rng.range(1, 4) {
            match rng.range(0, 9) {
                0..=5 => out.paragraph(&vary(rng.piece(&pool.paragraphs), &dates, rng), rng),
                6..=7 => {
                    let lead = rng.chance(80).then(|| *rng.pick(&LEAD_INS));
                    let items: Vec<String> = (0..rng.range(2, 8))
                        .map(|_| vary(rng.piece(&pool.items), &dates, rng))
                        .collect();
                    out.list(lead, &items, rng);
                }
                _ if !pool.quotes.is_empty() => {
                    let body = vary(quote_body(rng.piece(&pool.quotes)), &dates, rng);
                    out.quote(&body, rng);
                }
                _ => out.paragraph(&vary(rng.piece(&pool.paragraphs), &dates, rng), rng),
            }
        }
        if layout == Layout::Web && rng.chance(15) {
            out.noise(&dates, rng);
        }
    }
    let term = rng
        .pick(&TERMS)
        .replace("{y}", &(year - 3).to_string())
        .replace("{Y}", &(year + 1).to_string());
    out.paragraph(&term, rng);
    out.back(&dates, rng);
    Doc {
        layout,
        text: out.text,
    }
}

/// Shifts years by the document's shift and redraws day numbers before month
/// names, so recombined paragraphs carry dates of their own.
fn vary(piece: &str, dates: &Dates, rng: &mut Rng) -> String {
    static YEAR: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static DAY: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let year = YEAR.get_or_init(|| Regex::new(r"\b(19[89]\d|20[0-4]\d)\b").expect("valid regex"));
    let day = DAY.get_or_init(|| {
        Regex::new(&format!(r"\b\d{{1,2}}\. ?({})", MONTHS.join("|"))).expect("valid regex")
    });
    let shifted = year.replace_all(piece, |caps: &regex::Captures<'_>| {
        let value: i32 = caps[1].parse().unwrap_or(dates.year);
        (value + dates.shift).to_string()
    });
    let redrawn = day.replace_all(&shifted, |caps: &regex::Captures<'_>| {
        format!("{}. {}", rng.range(1, 28), &caps[1])
    });
    redrawn.into_owned()
}

/// Renders pieces in one layout.
struct Writer {
    text: String,
    layout: Layout,
}

impl Writer {
    fn block(&mut self, block: &str) {
        self.text.push_str(block);
        self.text.push_str("\n\n");
    }

    fn front(&mut self, title: &str, dates: &Dates, rng: &mut Rng) {
        match self.layout {
            Layout::Markdown => {
                self.text.push_str("\n\n\n\n");
                self.block(&format!("## {}", title.to_uppercase()));
                if rng.chance(70) && !title.to_lowercase().starts_with("avtale") {
                    self.block(&format!("*Avtale mellom regjeringen og KS om {}*", title.to_lowercase()));
                }
            }
            Layout::Plain => {
                if rng.chance(50) {
                    self.text.push_str("\n\n\n\n");
                }
                self.block(title);
            }
            Layout::Web => {
                match rng.range(0, 3) {
                    0 => self.block(&format!("KS\n\n{title}\n\nDel")),
                    1 => self.block(&format!(
                        "Historisk arkiv\n\n{title}\n\nPublisert under: Regjeringen\n\nUtgiver: Kommunal- og distriktsdepartementet"
                    )),
                    2 => self.block(&format!("Publisert: {:02}.{:02}.{}", rng.range(1, 28), rng.range(1, 12), dates.year)),
                    _ => self.block(title),
                }
            }
        }
    }

    fn heading(&mut self, heading: &str, index: usize, rng: &mut Rng) {
        let heading = match self.layout {
            Layout::Markdown if rng.chance(50) => format!("## **{heading}**"),
            Layout::Markdown => format!("## {heading}"),
            Layout::Plain if rng.chance(20) => format!("{}. {heading}", index + 1),
            Layout::Plain if rng.chance(15) => format!("{heading}:"),
            _ => heading.to_owned(),
        };
        self.block(&heading);
    }

    fn paragraph(&mut self, paragraph: &str, rng: &mut Rng) {
        if self.layout == Layout::Plain && rng.chance(10) {
            // Hard-wrapped paragraphs, as in text exports of PDFs.
            let mut wrapped = String::new();
            let mut width = 0;
            for word in paragraph.split(' ') {
                if width > 70 {
                    wrapped.push('\n');
                    width = 0;
                } else if width > 0 {
                    wrapped.push(' ');
                }
                wrapped.push_str(word);
                width += word.len() + 1;
            }
            self.block(&wrapped);
        } else {
            self.block(paragraph);
        }
    }

    fn list(&mut self, lead: Option<&str>, items: &[String], rng: &mut Rng) {
        if let Some(lead) = lead {
            self.block(lead);
        }
        let bullet = match self.layout {
            Layout::Web if rng.chance(40) => " • ",
            Layout::Plain if rng.chance(20) => "• ",
            _ => "- ",
        };
        let mut block = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                block.push('\n');
            }
            block.push_str(bullet);
            block.push_str(item);
        }
        self.block(&block);
    }

    fn quote(&mut self, body: &str, rng: &mut Rng) {
        let dash = if rng.chance(50) { "– " } else { "- " };
        let speaker = person(rng);
        if rng.chance(25) {
            let title = rng.pick(&KS_TITLES);
            self.block(&format!("{dash}{body}."));
            self.block(&format!("{speaker}, {}", lower_first(title)));
        } else {
            let verb = *rng.pick(&["sier", "sier", "sa", "seier"]);
            let minister = rng.pick(&MINISTERS);
            let title = lower_first(minister);
            self.block(&format!("{dash}{body}, {verb} {title} {speaker}."));
        }
    }

    fn noise(&mut self, dates: &Dates, rng: &mut Rng) {
        match rng.range(0, 2) {
            0 => {
                let link = rng
                    .pick(&LINKS)
                    .replace("{y}", &dates.year.to_string())
                    .replace("{Y}", &(dates.year + 3).to_string());
                self.block(&link);
            }
            1 => {
                let total = rng.range(2, 6);
                let mut gallery = String::new();
                for n in 1..=total {
                    let _ = writeln!(
                        gallery,
                        "{n} / {total}\nFra signeringen av avtalen med {}.",
                        person(rng)
                    );
                }
                self.block(gallery.trim_end());
            }
            _ => self.block("Del\n\nFølg KS på Facebook"),
        }
    }

    fn back(&mut self, dates: &Dates, rng: &mut Rng) {
        if self.layout == Layout::Web {
            if rng.chance(60) {
                self.noise(dates, rng);
            }
            return;
        }
        let place = rng.pick(&PLACES);
        let day = rng.range(1, 28);
        let month = rng.range(1, 12);
        let line = if rng.chance(50) {
            format!("{place}, {day}.{month}.{}", dates.year)
        } else {
            format!("{place} {day}. {} {}", MONTHS[month - 1], dates.year)
        };
        self.block(&line);
        let signers = rng.range(2, 4);
        for n in 0..signers {
            let name = person(rng);
            let title = if n + 1 == signers {
                rng.pick(&KS_TITLES)
            } else {
                rng.pick(&MINISTERS)
            };
            match self.layout {
                Layout::Markdown => self.block(&format!("\n\n---\n\n{name}  \n{title}")),
                _ => self.block(&format!("\n\n{name}\n{title}")),
            }
        }
    }
}

/// The bytes of a document as written, and how they were written.
struct Encoded {
    data: Vec<u8>,
    encoding: &'static str,
    newline: &'static str,
}

/// 15 % of files get CRLF, 10 % Windows-1252 and 3 % a UTF-8 BOM.
fn encode(doc: &Doc, rng: &mut Rng) -> Encoded {
    let crlf = rng.chance(15);
    let text = if crlf {
        doc.text.replace('\n', "\r\n")
    } else {
        doc.text.clone()
    };
    let newline = if crlf { "crlf" } else { "lf" };
    match rng.range(0, 99) {
        0..=9 => {
            // Every character of the fixtures (æøå, dashes, bullets) exists in
            // Windows-1252, so nothing is replaced here.
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
            Encoded {
                data: bytes.into_owned(),
                encoding: "windows-1252",
                newline,
            }
        }
        10..=12 => {
            let mut data = b"\xEF\xBB\xBF".to_vec();
            data.extend_from_slice(text.as_bytes());
            Encoded {
                data,
                encoding: "utf-8-bom",
                newline,
            }
        }
        _ => Encoded {
            data: text.into_bytes(),
            encoding: "utf-8",
            newline,
        },
    }
}
