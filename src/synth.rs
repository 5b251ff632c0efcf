//! Synthetic datasets for the benchmark: `n` realistic-looking events, deterministic from a seed.
//!
//! This module owns the generator behind `marsad-data synth`. It writes the wire types of
//! [`crate::data::wire`] (so the output is exactly the `events.json` contract) plus the article
//! texts the sources quote, and the result passes the strict validator. The mix imitates the real
//! data: about thirty countries with their Arabic and English names and aliases, officials with
//! gendered Arabic roles, recurring country pairs, every event type, topic and tone, dates from
//! 1990 to 2026 known to the day, month or year, bilingual titles and summaries composed from
//! phrase tables, and one quoted Arabic sentence per source, placed verbatim in an article of a
//! few hundred sentences.
//!
//! Generation is deterministic and prefix-stable: each event draws from its own [`Rng`] stream
//! (seed, index), links only to earlier events and is assigned to article `index / 200`, so the
//! first `k` events of `generate(n, s)` are exactly the events of `generate(k, s)`. The benchmark
//! relies on that to compare the same events in Marsad and TimelineJS. No DOM, no I/O.

use serde::Serialize;

use crate::data::date::{days_in_month, PartialDate};
use crate::data::wire::{Note, Text, WireActor, WireArticle, WireCountry, WireEvent, WireSource, SCHEMA_VERSION};
use crate::vocab::{EventType, Precision, Tone, Topic};

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast and plenty for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// An independent stream for item `index` of a run seeded with `seed`.
    pub fn stream(seed: u64, index: u64) -> Self {
        let mut mix = Rng(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(mix.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Events per article: the article a source quotes is `event index / EVENTS_PER_ARTICLE`.
pub const EVENTS_PER_ARTICLE: usize = 200;
/// Sentences of background in every article, besides the quoted ones.
const FILLER_SENTENCES: usize = 120;
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2026;

/// A country: ISO code, Arabic and English names, extra aliases, and its capital (ar, en).
struct CountryRow {
    code: &'static str,
    ar: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    capital: (&'static str, &'static str),
}

macro_rules! countries {
    ($($code:literal $ar:literal $en:literal [$($alias:literal),*] ($cap_ar:literal, $cap_en:literal);)+) => {
        &[$(CountryRow { code: $code, ar: $ar, en: $en, aliases: &[$($alias),*], capital: ($cap_ar, $cap_en) }),+]
    };
}

const COUNTRIES: &[CountryRow] = countries! {
    "US" "الولايات المتحدة" "United States" ["أمريكا", "الأمريكي", "الأمريكية", "واشنطن", "US", "USA", "America", "American", "Washington"] ("واشنطن", "Washington");
    "CN" "الصين" "China" ["الصيني", "الصينية", "بكين", "PRC", "Chinese", "Beijing"] ("بكين", "Beijing");
    "RU" "روسيا" "Russia" ["الروسي", "الروسية", "موسكو", "Russian", "Moscow"] ("موسكو", "Moscow");
    "GB" "المملكة المتحدة" "United Kingdom" ["بريطانيا", "البريطاني", "البريطانية", "لندن", "Britain", "British", "UK", "London"] ("لندن", "London");
    "FR" "فرنسا" "France" ["الفرنسي", "الفرنسية", "باريس", "French", "Paris"] ("باريس", "Paris");
    "DE" "ألمانيا" "Germany" ["الألماني", "الألمانية", "برلين", "German", "Berlin"] ("برلين", "Berlin");
    "JP" "اليابان" "Japan" ["الياباني", "اليابانية", "طوكيو", "Japanese", "Tokyo"] ("طوكيو", "Tokyo");
    "KR" "كوريا الجنوبية" "South Korea" ["الكوري الجنوبي", "سيول", "Republic of Korea", "ROK", "Seoul"] ("سيول", "Seoul");
    "KP" "كوريا الشمالية" "North Korea" ["الكوري الشمالي", "بيونغ يانغ", "DPRK", "Pyongyang"] ("بيونغ يانغ", "Pyongyang");
    "IR" "إيران" "Iran" ["الإيراني", "الإيرانية", "طهران", "Iranian", "Tehran"] ("طهران", "Tehran");
    "IL" "إسرائيل" "Israel" ["الإسرائيلي", "الإسرائيلية", "Israeli"] ("تل أبيب", "Tel Aviv");
    "IN" "الهند" "India" ["الهندي", "الهندية", "نيودلهي", "Indian", "New Delhi"] ("نيودلهي", "New Delhi");
    "PK" "باكستان" "Pakistan" ["الباكستاني", "الباكستانية", "إسلام آباد", "Pakistani", "Islamabad"] ("إسلام آباد", "Islamabad");
    "SA" "السعودية" "Saudi Arabia" ["المملكة العربية السعودية", "السعودي", "الرياض", "Saudi", "Riyadh"] ("الرياض", "Riyadh");
    "AE" "الإمارات" "United Arab Emirates" ["الإمارات العربية المتحدة", "الإماراتي", "الإماراتية", "أبوظبي", "UAE", "Emirati", "Abu Dhabi"] ("أبوظبي", "Abu Dhabi");
    "EG" "مصر" "Egypt" ["المصري", "المصرية", "القاهرة", "Egyptian", "Cairo"] ("القاهرة", "Cairo");
    "QA" "قطر" "Qatar" ["القطري", "القطرية", "الدوحة", "Qatari", "Doha"] ("الدوحة", "Doha");
    "TR" "تركيا" "Türkiye" ["التركي", "التركية", "أنقرة", "Turkey", "Turkish", "Ankara"] ("أنقرة", "Ankara");
    "UA" "أوكرانيا" "Ukraine" ["الأوكراني", "الأوكرانية", "كييف", "Ukrainian", "Kyiv", "Kiev"] ("كييف", "Kyiv");
    "BR" "البرازيل" "Brazil" ["البرازيلي", "البرازيلية", "برازيليا", "Brazilian", "Brasília"] ("برازيليا", "Brasília");
    "ZA" "جنوب أفريقيا" "South Africa" ["جنوب إفريقيا", "بريتوريا", "South African", "Pretoria"] ("بريتوريا", "Pretoria");
    "NG" "نيجيريا" "Nigeria" ["النيجيري", "النيجيرية", "أبوجا", "Nigerian", "Abuja"] ("أبوجا", "Abuja");
    "AU" "أستراليا" "Australia" ["الأسترالي", "الأسترالية", "كانبرا", "Australian", "Canberra"] ("كانبرا", "Canberra");
    "CA" "كندا" "Canada" ["الكندي", "الكندية", "أوتاوا", "Canadian", "Ottawa"] ("أوتاوا", "Ottawa");
    "SG" "سنغافورة" "Singapore" ["السنغافوري", "السنغافورية", "Singaporean"] ("سنغافورة", "Singapore");
    "ID" "إندونيسيا" "Indonesia" ["الإندونيسي", "الإندونيسية", "جاكرتا", "Indonesian", "Jakarta"] ("جاكرتا", "Jakarta");
    "MA" "المغرب" "Morocco" ["المغربي", "المغربية", "الرباط", "Moroccan", "Rabat"] ("الرباط", "Rabat");
    "DZ" "الجزائر" "Algeria" ["الجزائري", "الجزائرية", "Algerian", "Algiers"] ("الجزائر", "Algiers");
    "EE" "إستونيا" "Estonia" ["الإستوني", "الإستونية", "تالين", "Estonian", "Tallinn"] ("تالين", "Tallinn");
    "NL" "هولندا" "Netherlands" ["الهولندي", "الهولندية", "لاهاي", "Dutch", "The Hague"] ("لاهاي", "The Hague");
};

/// Given names: (Arabic, English, is feminine). The Arabic role follows the gender.
const GIVEN_NAMES: &[(&str, &str, bool)] = &[
    ("سارة", "Sarah", true),
    ("عمر", "Omar", false),
    ("ليلى", "Layla", true),
    ("ماركوس", "Marcus", false),
    ("إيلينا", "Elena", true),
    ("هيروشي", "Hiroshi", false),
    ("آنا", "Anna", true),
    ("ديفيد", "David", false),
    ("مريم", "Maryam", true),
    ("كريم", "Karim", false),
    ("صوفيا", "Sofia", true),
    ("يوسف", "Youssef", false),
    ("نادية", "Nadia", true),
    ("لوكاس", "Lucas", false),
    ("مي", "Mei", true),
    ("إيفان", "Ivan", false),
    ("فاطمة", "Fatima", true),
    ("توماس", "Thomas", false),
];

const FAMILY_NAMES: &[(&str, &str)] = &[
    ("الحسيني", "Al-Husseini"),
    ("مولر", "Muller"),
    ("تاناكا", "Tanaka"),
    ("بيتروف", "Petrov"),
    ("سميث", "Smith"),
    ("دوبوا", "Dubois"),
    ("لي", "Li"),
    ("كيم", "Kim"),
    ("شارما", "Sharma"),
    ("أوكافور", "Okafor"),
    ("سيلفا", "Silva"),
    ("يلماز", "Yilmaz"),
    ("كوفالينكو", "Kovalenko"),
    ("حداد", "Haddad"),
    ("المنصوري", "Al-Mansouri"),
    ("رستمي", "Rostami"),
    ("كوهين", "Cohen"),
    ("سانتوس", "Santos"),
    ("نوفاك", "Novak"),
    ("بنعلي", "Benali"),
];

/// National roles: (Arabic masculine, Arabic feminine, English); `{c}` is the country's name.
const NATIONAL_ROLES: &[(&str, &str, &str)] = &[
    ("وزير خارجية {c}", "وزيرة خارجية {c}", "Foreign Minister of {c}"),
    ("سفير {c} للشؤون السيبرانية", "سفيرة {c} للشؤون السيبرانية", "Ambassador for Cyber Affairs of {c}"),
    (
        "رئيس الوكالة الوطنية للأمن السيبراني في {c}",
        "رئيسة الوكالة الوطنية للأمن السيبراني في {c}",
        "Head of the National Cyber Security Agency of {c}",
    ),
];

/// Holders of each national role over the 36 years.
const HOLDERS_PER_ROLE: usize = 2;

/// Roles without a country: (Arabic masculine, Arabic feminine, English).
const INTERNATIONAL_ROLES: &[(&str, &str, &str)] = &[
    ("المبعوث الأممي للتكنولوجيا", "المبعوثة الأممية للتكنولوجيا", "UN Envoy on Technology"),
    (
        "رئيس الفريق العامل المفتوح العضوية في الأمم المتحدة",
        "رئيسة الفريق العامل المفتوح العضوية في الأمم المتحدة",
        "Chair of the UN Open-Ended Working Group",
    ),
    (
        "مدير مديرية الجرائم السيبرانية في الإنتربول",
        "مديرة مديرية الجرائم السيبرانية في الإنتربول",
        "Director of INTERPOL's Cybercrime Directorate",
    ),
];

/// Topics as they read after "on" / "بشأن" (Arabic, English), in `Topic::ALL` order.
fn topic_phrase(t: Topic) -> (&'static str, &'static str) {
    match t {
        Topic::Cybercrime => ("الجرائم الإلكترونية", "cybercrime"),
        Topic::Espionage => ("التجسس الإلكتروني", "cyber espionage"),
        Topic::CriticalInfrastructure => ("حماية البنية التحتية الحيوية", "critical infrastructure protection"),
        Topic::Elections => ("أمن الانتخابات", "election security"),
        Topic::Ransomware => ("هجمات برامج الفدية", "ransomware attacks"),
        Topic::UnNorms => ("قواعد السلوك المسؤول للدول في الفضاء السيبراني", "UN norms of responsible state behaviour"),
        Topic::IntelligenceSharing => ("تبادل المعلومات الاستخباراتية", "intelligence sharing"),
        Topic::Terrorism => ("استخدام الإرهابيين للإنترنت", "terrorist use of the internet"),
        Topic::IntellectualProperty => ("سرقة الملكية الفكرية", "theft of intellectual property"),
        Topic::InfluenceOperations => ("عمليات التأثير والتضليل", "influence and disinformation operations"),
        Topic::CrisisCommunication => ("قنوات الاتصال في الأزمات", "crisis communication channels"),
        Topic::StrategicStability => ("الاستقرار الاستراتيجي", "strategic stability"),
        Topic::CyberDefence => ("الدفاع السيبراني", "cyber defence"),
        Topic::DiplomaticRelations => ("العلاقات الدبلوماسية", "diplomatic relations"),
    }
}

/// The topics an event of this type is most often about.
fn usual_topics(kind: EventType) -> &'static [Topic] {
    use Topic::*;
    match kind {
        EventType::Dialogue => &[CrisisCommunication, StrategicStability, UnNorms, DiplomaticRelations, Cybercrime],
        EventType::Meeting => &[DiplomaticRelations, IntelligenceSharing, CyberDefence],
        EventType::Agreement => &[Cybercrime, IntelligenceSharing, CyberDefence, CriticalInfrastructure, Terrorism],
        EventType::Pledge => &[Elections, IntellectualProperty, UnNorms, CriticalInfrastructure],
        EventType::UnResolution => &[UnNorms, Cybercrime, StrategicStability],
        EventType::Accusation => &[Espionage, InfluenceOperations, IntellectualProperty, Elections, Ransomware],
        EventType::CyberIncident => &[Ransomware, CriticalInfrastructure, Espionage, Elections],
        EventType::Sanction => &[Espionage, Ransomware, InfluenceOperations, Cybercrime],
        EventType::Decision => &[CyberDefence, CriticalInfrastructure, DiplomaticRelations],
        EventType::Report => &[Ransomware, Espionage, CriticalInfrastructure, InfluenceOperations],
        EventType::Statement => &[UnNorms, DiplomaticRelations, Terrorism],
    }
}

/// How an event of this type reads. `{p}` is every party, `{a}` the first, `{b}` the others,
/// `{t}` the main topic. Titles are noun phrases and clauses start with the verb, so the Arabic
/// needs no number agreement.
struct Phrasing {
    title: (&'static str, &'static str),
    clause: (&'static str, &'static str),
}

fn phrasing(kind: EventType) -> Phrasing {
    let (title, clause) = match kind {
        EventType::Dialogue => (
            ("حوار سيبراني بين {p} بشأن {t}", "Cyber dialogue between {p} on {t}"),
            ("عقدت {p} جولة من الحوار السيبراني ركزت على {t}", "{p} held a round of cyber dialogue focused on {t}"),
        ),
        EventType::Meeting => (
            ("لقاء بين مسؤولين من {p} لبحث {t}", "Officials of {p} meet to discuss {t}"),
            ("التقى مسؤولون من {p} لبحث {t}", "Officials from {p} met to discuss {t}"),
        ),
        EventType::Agreement => (
            ("اتفاق بين {p} بشأن {t}", "Agreement between {p} on {t}"),
            ("وقعت {p} اتفاقا للتعاون في مجال {t}", "{p} signed an agreement on cooperation in {t}"),
        ),
        EventType::Pledge => (
            ("تعهد من {p} بشأن {t}", "Pledge by {p} on {t}"),
            ("تعهدت {p} باتخاذ خطوات ملموسة في مجال {t}", "{p} pledged concrete steps on {t}"),
        ),
        EventType::UnResolution => (
            ("قرار أممي بشأن {t} بدعم من {p}", "UN resolution on {t} backed by {p}"),
            (
                "اعتمدت الجمعية العامة للأمم المتحدة قرارا بشأن {t} قدمته {p}",
                "The UN General Assembly adopted a resolution on {t} tabled by {p}",
            ),
        ),
        EventType::Accusation => (
            ("اتهامات من {a} إلى {b} بشأن {t}", "{a} accuses {b} over {t}"),
            ("اتهمت {a} {b} بالوقوف وراء أنشطة في مجال {t}", "{a} accused {b} of being behind activity involving {t}"),
        ),
        EventType::CyberIncident => (
            ("حادث سيبراني يطال {p} في سياق {t}", "Cyber incident affecting {p} amid {t}"),
            (
                "تعرضت جهات حكومية في {p} لحادث سيبراني مرتبط بملف {t}",
                "Government bodies in {p} suffered a cyber incident linked to {t}",
            ),
        ),
        EventType::Sanction => (
            ("عقوبات من {a} على {b} بسبب {t}", "{a} sanctions {b} over {t}"),
            (
                "فرضت {a} عقوبات على كيانات من {b} على خلفية ملف {t}",
                "{a} imposed sanctions on entities from {b} over {t}",
            ),
        ),
        EventType::Decision => (
            ("قرار من {p} بشأن {t}", "Decision by {p} on {t}"),
            ("أصدرت {p} قرارا جديدا يتعلق بملف {t}", "{p} issued a new decision concerning {t}"),
        ),
        EventType::Report => (
            ("تقرير من {p} عن {t}", "Report by {p} on {t}"),
            ("نشرت {p} تقريرا رسميا عن {t}", "{p} published an official report on {t}"),
        ),
        EventType::Statement => (
            ("بيان من {p} بشأن {t}", "Statement by {p} on {t}"),
            ("أصدرت {p} بيانا بشأن {t}", "{p} issued a statement on {t}"),
        ),
    };
    Phrasing { title, clause }
}

/// A second summary sentence for each tone (Arabic, English).
fn tone_sentences(tone: Tone) -> &'static [(&'static str, &'static str)] {
    match tone {
        Tone::Cooperative => &[
            (
                "وأكد الجانبان أهمية تعزيز الثقة ومنع سوء التقدير.",
                "Both sides stressed building trust and avoiding miscalculation.",
            ),
            (
                "ووصف مسؤولون الخطوة بأنها تقدم مهم في التعاون الرقمي.",
                "Officials called the step significant progress in digital cooperation.",
            ),
            (
                "واتفق المشاركون على مواصلة المشاورات خلال الأشهر المقبلة.",
                "Participants agreed to continue consultations in the coming months.",
            ),
        ],
        Tone::Neutral => &[
            ("ولم تصدر تعليقات رسمية إضافية حتى الآن.", "No further official comment has been made so far."),
            ("ولم تتضح بعد تفاصيل الخطوات التالية.", "The details of the next steps are not yet clear."),
            ("ويتابع مراقبون الملف عن كثب.", "Observers are following the matter closely."),
        ],
        Tone::Conflictual => &[
            (
                "ونفت الأطراف المعنية هذه الاتهامات ووصفتها بأنها لا أساس لها.",
                "The parties concerned denied the allegations as baseless.",
            ),
            (
                "وحذر محللون من خطر التصعيد في الفضاء السيبراني.",
                "Analysts warned of the risk of escalation in cyberspace.",
            ),
            ("واستدعت وزارة الخارجية السفير للاحتجاج.", "The foreign ministry summoned the ambassador in protest."),
        ],
    }
}

/// How an article introduces a reported fact; the quoted sentence starts with one of these.
const QUOTE_INTROS: &[&str] = &[
    "وبحسب مصادر مطلعة، ",
    "وفي هذا السياق، ",
    "وبحسب بيان رسمي، ",
    "ووفقا لمسؤولين، ",
    "وفي تطور لافت، ",
    "وأضاف التقرير أنه ",
];

/// Background sentences of the articles; `{x}` and `{y}` are countries, `{t}` a topic.
const FILLER: &[&str] = &[
    "وتشهد العلاقات بين {x} و{y} توترا متزايدا في الفضاء السيبراني منذ سنوات.",
    "ويرى خبراء أن الهجمات السيبرانية باتت أداة رئيسية في التنافس بين القوى الكبرى.",
    "وتسعى {x} إلى تعزيز قدراتها الدفاعية في مواجهة التهديدات الرقمية.",
    "وأشار محللون إلى أن غياب قواعد دولية ملزمة يزيد من مخاطر التصعيد.",
    "وكانت {x} قد أعلنت في وقت سابق عن استراتيجية وطنية جديدة للأمن السيبراني.",
    "ولم يتسن التحقق من هذه المعلومات بشكل مستقل.",
    "وتتبادل {x} و{y} الاتهامات بشأن عمليات القرصنة منذ فترة طويلة.",
    "ويعد ملف {t} من أبرز القضايا المطروحة على جدول الأعمال الدولي.",
    "وتواصل الأمم المتحدة مساعيها لبلورة إطار دولي للسلوك المسؤول في الفضاء السيبراني.",
    "وقال دبلوماسيون إن المحادثات بين {x} و{y} جرت في أجواء وصفت بالبناءة.",
    "وتأتي هذه التطورات في ظل تصاعد المخاوف من استهداف البنية التحتية الحيوية.",
    "وأكد مسؤولون في {x} أن بلادهم لن تتهاون في الدفاع عن أمنها الرقمي.",
];

/// Fictional outlets the articles are credited to.
const OUTLETS: &[(&str, &str)] = &[
    ("وكالة أنباء الفضاء الرقمي", "Digital Space News Agency"),
    ("صحيفة المرصد الدولي", "The International Observer"),
    ("نشرة الدبلوماسية السيبرانية", "Cyber Diplomacy Bulletin"),
];

const MONTHS: &[(&str, &str)] = &[
    ("يناير", "January"),
    ("فبراير", "February"),
    ("مارس", "March"),
    ("أبريل", "April"),
    ("مايو", "May"),
    ("يونيو", "June"),
    ("يوليو", "July"),
    ("أغسطس", "August"),
    ("سبتمبر", "September"),
    ("أكتوبر", "October"),
    ("نوفمبر", "November"),
    ("ديسمبر", "December"),
];

/// A generated dataset: the `events.json` records and the article texts they quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Synthetic {
    pub dataset_version: String,
    pub articles: Vec<WireArticle>,
    pub countries: Vec<WireCountry>,
    pub actors: Vec<WireActor>,
    pub events: Vec<WireEvent>,
    /// `(path relative to events.json, text)` for every article, in `articles` order.
    pub texts: Vec<(String, String)>,
}

/// `events.json` in the wire field order.
#[derive(Serialize)]
struct Document<'a> {
    schema_version: u64,
    dataset_version: &'a str,
    licence: &'a str,
    articles: &'a [WireArticle],
    countries: &'a [WireCountry],
    actors: &'a [WireActor],
    events: &'a [WireEvent],
}

impl Synthetic {
    /// The dataset as `events.json` (compact, as a large dataset would be published).
    pub fn to_json(&self) -> String {
        let doc = Document {
            schema_version: SCHEMA_VERSION,
            dataset_version: &self.dataset_version,
            licence: "CC0-1.0",
            articles: &self.articles,
            countries: &self.countries,
            actors: &self.actors,
            events: &self.events,
        };
        serde_json::to_string(&doc).unwrap_or_default()
    }

    /// The text of an article by its path relative to `events.json`.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.texts.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }
}

fn text(ar: impl Into<String>, en: impl Into<String>) -> Text {
    Text { ar: ar.into(), en: en.into() }
}

/// Lowercase ASCII slug of an English name ("Al-Husseini" -> "al-husseini").
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// "A", "A و B", "A وB وC" in Arabic; "A", "A and B", "A, B and C" in English.
fn join_names(names: &[(&str, &str)]) -> (String, String) {
    let ar = names.iter().map(|n| n.0).collect::<Vec<_>>().join(" و");
    let en = match names {
        [] => String::new(),
        [one] => one.1.to_owned(),
        [rest @ .., last] => {
            format!("{} and {}", rest.iter().map(|n| n.1).collect::<Vec<_>>().join(", "), last.1)
        }
    };
    (ar, en)
}

/// How a country's English name reads inside a sentence ("the United States").
fn en_in_text(c: &CountryRow) -> String {
    match c.code {
        "US" | "GB" | "AE" | "NL" => format!("the {}", c.en),
        _ => c.en.to_owned(),
    }
}

/// Upper-cases the first letter (English sentences and titles may start with "the ...").
fn capitalize(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    slots.iter().fold(template.to_owned(), |s, (k, v)| s.replace(k, v))
}

fn countries() -> Vec<WireCountry> {
    COUNTRIES
        .iter()
        .map(|c| {
            let mut aliases = vec![c.ar.to_owned()];
            aliases.extend(c.aliases.iter().map(|a| (*a).to_owned()));
            aliases.push(c.en.to_owned());
            WireCountry { code: c.code.to_owned(), name: text(c.ar, c.en), aliases }
        })
        .collect()
}

/// An actor plus where it belongs: the index of its country in `COUNTRIES`, if any.
struct CastMember {
    actor: WireActor,
    country: Option<usize>,
}

fn person(rng: &mut Rng, role: &(&str, &str, &str), country: Option<&CountryRow>) -> (Text, Vec<String>, Text) {
    let &(given_ar, given_en, feminine) = rng.pick(GIVEN_NAMES);
    let &(family_ar, family_en) = rng.pick(FAMILY_NAMES);
    let name = text(format!("{given_ar} {family_ar}"), format!("{given_en} {family_en}"));
    let aliases = vec![name.ar.clone(), family_ar.to_owned(), name.en.clone(), family_en.to_owned()];
    let (c_ar, c_en) = country.map_or(("", String::new()), |c| (c.ar, en_in_text(c)));
    let role_ar = if feminine { role.1 } else { role.0 };
    let role = text(role_ar.replace("{c}", c_ar), role.2.replace("{c}", &c_en));
    (name, aliases, role)
}

fn cast(seed: u64) -> Vec<CastMember> {
    let mut rng = Rng::stream(seed, u64::MAX);
    let mut out: Vec<CastMember> = Vec::new();
    let mut add = |rng: &mut Rng, role: &(&str, &str, &str), country: Option<usize>| {
        let (name, aliases, role) = person(rng, role, country.map(|i| &COUNTRIES[i]));
        let base = match country {
            Some(i) => format!("{}-{}", slug(&name.en), COUNTRIES[i].code.to_ascii_lowercase()),
            None => format!("{}-un", slug(&name.en)),
        };
        let mut id = base.clone();
        let mut n = 2;
        while out.iter().any(|m| m.actor.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let code = country.map(|i| COUNTRIES[i].code.to_owned());
        out.push(CastMember { actor: WireActor { id, name, aliases, country: code, role }, country });
    };
    for ci in 0..COUNTRIES.len() {
        for role in NATIONAL_ROLES {
            for _ in 0..HOLDERS_PER_ROLE {
                add(&mut rng, role, Some(ci));
            }
        }
    }
    for role in INTERNATIONAL_ROLES {
        add(&mut rng, role, None);
    }
    out
}

/// Country pairs that recur, as in real diplomacy: a fixed set drawn once per seed.
fn frequent_pairs(seed: u64) -> Vec<(usize, usize)> {
    let mut rng = Rng::stream(seed, u64::MAX - 1);
    let mut pairs = Vec::new();
    while pairs.len() < 40 {
        let (a, b) = (rng.below(COUNTRIES.len()), rng.below(COUNTRIES.len()));
        if a != b && !pairs.contains(&(a, b)) && !pairs.contains(&(b, a)) {
            pairs.push((a, b));
        }
    }
    pairs
}

/// Distinct country indices, `count` of them, starting from a frequent pair most of the time.
fn choose_parties(rng: &mut Rng, pairs: &[(usize, usize)], count: usize) -> Vec<usize> {
    let mut parties = Vec::with_capacity(count);
    if count >= 2 && rng.chance(0.6) {
        let &(a, b) = rng.pick(pairs);
        parties.extend(if rng.chance(0.5) { [a, b] } else { [b, a] });
    }
    while parties.len() < count {
        let c = rng.below(COUNTRIES.len());
        if !parties.contains(&c) {
            parties.push(c);
        }
    }
    parties
}

fn party_count(rng: &mut Rng, kind: EventType) -> usize {
    match kind {
        EventType::Dialogue | EventType::Meeting | EventType::Agreement => 2 + rng.chance(0.2) as usize,
        EventType::Accusation | EventType::Sanction => 2,
        EventType::UnResolution => 1 + rng.below(4),
        EventType::CyberIncident => 1 + rng.chance(0.4) as usize,
        EventType::Pledge | EventType::Decision | EventType::Report | EventType::Statement => {
            1 + rng.chance(0.3) as usize
        }
    }
}

fn has_initiator(rng: &mut Rng, kind: EventType) -> bool {
    match kind {
        EventType::Accusation | EventType::Sanction => true,
        EventType::CyberIncident => false,
        EventType::UnResolution => rng.chance(0.5),
        EventType::Dialogue | EventType::Meeting | EventType::Agreement => rng.chance(0.3),
        EventType::Pledge | EventType::Decision | EventType::Report | EventType::Statement => rng.chance(0.7),
    }
}

fn choose_tone(rng: &mut Rng, kind: EventType) -> Tone {
    let (cooperative, neutral) = match kind {
        EventType::Accusation | EventType::Sanction | EventType::CyberIncident => (0.0, 0.15),
        EventType::Dialogue | EventType::Agreement | EventType::Pledge | EventType::Meeting => (0.8, 0.2),
        EventType::UnResolution => (0.6, 0.4),
        EventType::Decision | EventType::Report | EventType::Statement => (0.25, 0.5),
    };
    let u = rng.unit();
    if u < cooperative {
        Tone::Cooperative
    } else if u < cooperative + neutral {
        Tone::Neutral
    } else {
        Tone::Conflictual
    }
}

fn choose_topics(rng: &mut Rng, kind: EventType) -> Vec<Topic> {
    let first = if rng.chance(0.3) { *rng.pick(Topic::ALL) } else { *rng.pick(usual_topics(kind)) };
    let mut topics = vec![first];
    for _ in 0..rng.below(3) {
        let t = *rng.pick(Topic::ALL);
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    topics
}

/// A date between 1990 and 2026, more often recent, known to the day, month or year.
/// Returns the wire date, its precision and how it reads in a sentence (Arabic, English).
fn choose_date(rng: &mut Rng) -> (String, Precision, (String, String)) {
    let span = (LAST_YEAR - FIRST_YEAR + 1) as f64;
    let year = (FIRST_YEAR + (span * rng.unit().sqrt()) as i32).min(LAST_YEAR);
    let month = 1 + rng.below(12) as u8;
    let (m_ar, m_en) = MONTHS[month as usize - 1];
    let u = rng.unit();
    if u < 0.55 {
        let day = 1 + rng.below(days_in_month(year, month) as usize) as u8;
        (
            format!("{year:04}-{month:02}-{day:02}"),
            Precision::Day,
            (format!("في {day} {m_ar} {year}"), format!("on {day} {m_en} {year}")),
        )
    } else if u < 0.85 {
        (format!("{year:04}-{month:02}"), Precision::Month, (format!("في {m_ar} {year}"), format!("in {m_en} {year}")))
    } else {
        (format!("{year:04}"), Precision::Year, (format!("خلال عام {year}"), format!("during {year}")))
    }
}

/// Officials of the parties (or of the UN for resolutions) who took part.
fn choose_actors<'a>(rng: &mut Rng, cast: &'a [CastMember], parties: &[usize], kind: EventType) -> Vec<&'a CastMember> {
    let eligible: Vec<&CastMember> = cast
        .iter()
        .filter(|m| match m.country {
            Some(c) => parties.contains(&c),
            None => kind == EventType::UnResolution,
        })
        .collect();
    let mut actors: Vec<&CastMember> = Vec::new();
    for _ in 0..rng.below(3) {
        let m = *rng.pick(&eligible);
        if !actors.iter().any(|a| a.actor.id == m.actor.id) {
            actors.push(m);
        }
    }
    actors
}

/// Links from event `i` to up to two of the 200 events before it.
fn choose_related(rng: &mut Rng, i: usize, earlier: &[WireEvent]) -> Vec<String> {
    let mut related: Vec<String> = Vec::new();
    if i > 0 && rng.chance(0.15) {
        for _ in 0..1 + rng.below(2) {
            let id = &earlier[i - 1 - rng.below(i.min(200))].id;
            if !related.contains(id) {
                related.push(id.clone());
            }
        }
    }
    related
}

/// One event and the Arabic sentence its articles quote (without the source's intro).
struct Drafted {
    event: WireEvent,
    /// `(article index, quoted sentence)` for each source.
    quotes: Vec<(usize, String)>,
}

/// Drafts event `i`; `earlier` holds events `0..i`, the only ones it may link to.
fn draft_event(i: usize, seed: u64, pairs: &[(usize, usize)], cast: &[CastMember], earlier: &[WireEvent]) -> Drafted {
    let mut rng = Rng::stream(seed, i as u64);
    let kind = *rng.pick(EventType::ALL);
    let count = party_count(&mut rng, kind);
    let parties = choose_parties(&mut rng, pairs, count);
    let initiator = has_initiator(&mut rng, kind).then(|| COUNTRIES[parties[0]].code.to_owned());
    let topics = choose_topics(&mut rng, kind);
    let tone = choose_tone(&mut rng, kind);
    let (date, date_precision, (when_ar, when_en)) = choose_date(&mut rng);

    let in_text: Vec<String> = parties.iter().map(|&p| en_in_text(&COUNTRIES[p])).collect();
    let names: Vec<(&str, &str)> =
        parties.iter().zip(&in_text).map(|(&p, en)| (COUNTRIES[p].ar, en.as_str())).collect();
    let (p_ar, p_en) = join_names(&names);
    let (a_ar, a_en) = names[0];
    let (b_ar, b_en) = join_names(&names[1..]);
    let (t_ar, t_en) = topic_phrase(topics[0]);
    let slots_ar = [("{p}", p_ar.as_str()), ("{a}", a_ar), ("{b}", b_ar.as_str()), ("{t}", t_ar)];
    let slots_en = [("{p}", p_en.as_str()), ("{a}", a_en), ("{b}", b_en.as_str()), ("{t}", t_en)];
    let phr = phrasing(kind);

    let place = rng.chance(0.5).then(|| {
        let host = &COUNTRIES[*rng.pick(&parties)];
        text(host.capital.0, host.capital.1)
    });
    let (in_ar, in_en) =
        place.as_ref().map_or((String::new(), String::new()), |p| (format!(" في {}", p.ar), format!(" in {}", p.en)));
    let mut title = text(fill(phr.title.0, &slots_ar), capitalize(fill(phr.title.1, &slots_en)));
    if rng.chance(0.3) {
        title.ar.push_str(&in_ar);
        title.en.push_str(&in_en);
    }
    let fact_ar = format!("{}{in_ar} {when_ar}.", fill(phr.clause.0, &slots_ar));
    let fact_en = capitalize(format!("{}{in_en} {when_en}.", fill(phr.clause.1, &slots_en)));

    let actors = choose_actors(&mut rng, cast, &parties, kind);
    let (tone_ar, tone_en) = *rng.pick(tone_sentences(tone));
    let mut summary = text(format!("{fact_ar} {tone_ar}"), format!("{fact_en} {tone_en}"));
    if let Some(m) = actors.first() {
        let a = &m.actor;
        summary.ar.push_str(&format!(" وشارك في ذلك {}، {}.", a.name.ar, a.role.ar));
        summary.en.push_str(&format!(" {}, {}, took part.", a.name.en, a.role.en));
    }

    let article = i / EVENTS_PER_ARTICLE;
    let mut quotes = vec![(article, format!("{}{fact_ar}", rng.pick(QUOTE_INTROS)))];
    if rng.chance(0.2) {
        // A second report of the same fact, in this article or an earlier one.
        let other = rng.below(article + 1);
        quotes.push((other, format!("{}{fact_ar}", rng.pick(QUOTE_INTROS))));
    }
    let related = choose_related(&mut rng, i, earlier);

    let codes: Vec<String> = parties.iter().map(|&p| COUNTRIES[p].code.to_ascii_lowercase()).collect();
    let id = format!("{}-{}-{}-{i:06}", &date[..4], kind.id().replace('_', "-"), codes.join("-"));
    let reported = reported(&date, date_precision);
    // Every field is set today; `..default()` is for fields added to the schema later.
    #[allow(clippy::needless_update)]
    let event = WireEvent {
        id,
        date,
        date_precision,
        kind,
        parties: parties.iter().map(|&p| COUNTRIES[p].code.to_owned()).collect(),
        initiator,
        actors: actors.iter().map(|m| m.actor.id.clone()).collect(),
        topics,
        tone,
        place,
        title,
        summary,
        sources: quotes.iter().map(|(a, q)| WireSource { article: article_id(*a), quote: q.clone() }).collect(),
        related,
        first_published: reported.clone(),
        updated: reported,
        // Later fields take their defaults (the synth tests validate the output: a required one fails them).
        ..WireEvent::default()
    };
    Drafted { event, quotes }
}

/// An event's record history: reported the day after its date ends, never corrected.
fn reported(date: &str, precision: Precision) -> Option<String> {
    let end = PartialDate::parse(date, precision).ok()?.span().1;
    let (y, m, d) = crate::data::date::civil_from_days(end + 1);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn article_id(a: usize) -> String {
    format!("synth-{:04}", a + 1)
}

/// Article `a`: its quoted sentences shuffled among background sentences, one per line.
fn article_text(a: usize, seed: u64, quotes: Vec<String>) -> String {
    let mut rng = Rng::stream(seed ^ 0xA57_1C1E, a as u64);
    let mut lines = quotes;
    for _ in 0..FILLER_SENTENCES {
        let x = rng.pick(COUNTRIES).ar;
        let y = rng.pick(COUNTRIES).ar;
        let t = topic_phrase(*rng.pick(Topic::ALL)).0;
        let template = *rng.pick(FILLER);
        let line = fill(template, &[("{x}", x), ("{y}", y), ("{t}", t)]);
        let at = rng.below(lines.len() + 1);
        lines.insert(at, line);
    }
    format!("\n{}\n", lines.join("\n"))
}

/// Generates `n` events (and their articles) from `seed`.
pub fn generate(n: usize, seed: u64) -> Synthetic {
    let pairs = frequent_pairs(seed);
    let cast = cast(seed);
    let n_articles = n.div_ceil(EVENTS_PER_ARTICLE);
    let mut quotes_by_article: Vec<Vec<String>> = vec![Vec::new(); n_articles];
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let d = draft_event(i, seed, &pairs, &cast, &events);
        for (a, q) in d.quotes {
            quotes_by_article[a].push(q);
        }
        events.push(d.event);
    }
    let mut articles = Vec::with_capacity(n_articles);
    let mut texts = Vec::with_capacity(n_articles);
    for (a, quotes) in quotes_by_article.into_iter().enumerate() {
        let id = article_id(a);
        let path = format!("articles/{id}.txt");
        let (outlet_ar, outlet_en) = OUTLETS[a % OUTLETS.len()];
        articles.push(WireArticle {
            id: id.clone(),
            seed_file: format!("{id}.txt"),
            text: path.clone(),
            title: text(
                format!("نشرة اصطناعية رقم {}: تطورات الدبلوماسية السيبرانية", a + 1),
                format!("Synthetic bulletin no. {}: cyber-diplomacy developments", a + 1),
            ),
            published: LAST_YEAR.to_string(),
            published_precision: Precision::Year,
            published_note: Note(text(
                format!("نصٌّ مُولَّد بالأمر `marsad-data synth` (البذرة {seed})، وليس مقالاً حقيقياً."),
                format!("Synthetic text generated by `marsad-data synth` (seed {seed}); not a real article."),
            )),
            outlets: vec![text(outlet_ar, outlet_en)],
        });
        texts.push((path, article_text(a, seed, quotes)));
    }
    Synthetic {
        dataset_version: format!("synthetic-{n}-seed-{seed}"),
        articles,
        countries: countries(),
        actors: cast.into_iter().map(|m| m.actor).collect(),
        events,
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{load, validate::validate};

    #[test]
    fn five_hundred_events_pass_the_strict_validator() {
        let s = generate(500, 7);
        assert_eq!(s.events.len(), 500);
        let json = s.to_json();
        let read = |path: &str| s.text(path).map(str::to_owned);
        let problems = validate(&json, &read);
        assert!(problems.is_empty(), "{} problems, first: {:?}", problems.len(), &problems[..problems.len().min(5)]);
        let ds = load(&json).unwrap().dataset;
        assert_eq!(ds.events.len(), 500);
        assert!(ds.countries.len() >= 30);
    }

    #[test]
    fn the_mix_covers_every_vocabulary_and_precision() {
        let s = generate(500, 7);
        for t in EventType::ALL {
            assert!(s.events.iter().any(|e| e.kind == *t), "no {t:?}");
        }
        for t in Topic::ALL {
            assert!(s.events.iter().any(|e| e.topics.contains(t)), "no {t:?}");
        }
        for t in Tone::ALL {
            assert!(s.events.iter().any(|e| e.tone == *t), "no {t:?}");
        }
        for p in Precision::ALL {
            assert!(s.events.iter().any(|e| e.date_precision == *p), "no {p:?}");
        }
        let years: Vec<i32> = s.events.iter().map(|e| e.date[..4].parse().unwrap()).collect();
        assert!(years.iter().all(|y| (FIRST_YEAR..=LAST_YEAR).contains(y)));
        assert!(s.events.iter().any(|e| !e.related.is_empty()));
        assert!(s.events.iter().any(|e| !e.actors.is_empty()));
        assert!(s.events.iter().any(|e| e.sources.len() > 1));
        // Articles are a few hundred sentences at full size.
        let full = generate(EVENTS_PER_ARTICLE, 7);
        assert!(full.texts[0].1.lines().count() >= 300);
    }

    #[test]
    fn the_same_seed_gives_the_same_dataset() {
        assert_eq!(generate(300, 42), generate(300, 42));
        assert_eq!(generate(300, 42).to_json(), generate(300, 42).to_json());
        assert_ne!(generate(300, 42).events, generate(300, 43).events);
    }

    #[test]
    fn a_smaller_run_is_a_prefix_of_a_larger_one() {
        let small = generate(25, 1);
        let large = generate(1000, 1);
        assert_eq!(small.events[..], large.events[..25]);
    }

    #[test]
    fn rng_ranges() {
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            assert!(rng.below(7) < 7);
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(slug("Al-Husseini Smith"), "al-husseini-smith");
        assert_eq!(join_names(&[("أ", "A"), ("ب", "B"), ("ج", "C")]).1, "A, B and C");
        assert_eq!(join_names(&[("أ", "A"), ("ب", "B")]).0, "أ وب");
        assert_eq!(capitalize("the United States".into()), "The United States");
    }
}
