//! How Arabic news reports diplomacy: trigger words for each event type, the cue words some
//! triggers need before they count, and topic words.
//!
//! Written from newswire usage, not from the curated events. Entries are written as Arabic is
//! written (hamza, shadda allowed) and normalised when the lexicon is built; a word matches an
//! entry when one of its cores ([`super::words::cores`] of its [`super::words::bases`]) is the
//! entry's form, so "ووقّعتا" and "بتوقيع" find "وقع" and "توقيع" without listing every form.
//! Imperfect forms are listed where the stem changes.

use std::collections::{HashMap, HashSet};

use crate::search::normalize;
use crate::vocab::{EventType, Tone, Topic};

/// How much a trigger says about the sentence's main event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// A reporting verb (قال، أضاف، أفاد): it frames what follows; a statement only when nothing
    /// else in the sentence is an event.
    Frame,
    /// A noun (اتفاق، عقوبات، قمة): names an event the sentence may only mention.
    Noun,
    /// A verb (وقّع، اتهم، استدعى): the sentence's main verb when it comes first.
    Verb,
}

/// Words that must also be in the sentence for a trigger to count ("وقع" is "signed" beside an
/// agreement and "happened" beside an attack).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    None,
    /// An agreement, memorandum, treaty, protocol, declaration or deal.
    Pact,
    /// "تفاهم" (a memorandum of understanding).
    Understanding,
    /// An ambassador, envoy, chargé d'affaires or diplomats.
    Diplomat,
    /// An embassy or consulate.
    Embassy,
    /// Sanctions.
    Sanctions,
    /// Assets or funds.
    Assets,
    /// The United Nations or one of its organs.
    Un,
    /// Something cyber: cyber, electronic, digital, hacking, networks, ransomware.
    Cyber,
    /// Responsibility ("حمّلت المسؤولية").
    Responsibility,
    /// A phone.
    Phone,
    /// The black list.
    Black,
}

impl Cue {
    /// Single-word cues (cores) and phrase cues (normalised, spaces between words).
    fn words(self) -> &'static [&'static str] {
        match self {
            Cue::None => &[],
            Cue::Pact => &[
                "اتفاق",
                "اتفاقية",
                "اتفاقيات",
                "مذكرة",
                "مذكرات",
                "معاهدة",
                "بروتوكول",
                "إعلان مشترك",
                "إعلانا مشتركا",
                "ميثاق",
                "صفقة",
                "عقد",
                "عقود",
            ],
            Cue::Understanding => &["تفاهم"],
            Cue::Diplomat => &[
                "سفير",
                "سفيرها",
                "سفيره",
                "سفراء",
                "مبعوث",
                "القائم بالأعمال",
                "دبلوماسي",
                "دبلوماسيين",
                "دبلوماسيا",
                "قنصل",
            ],
            Cue::Embassy => &["سفارة", "قنصلية", "بعثة"],
            Cue::Sanctions => &["عقوبات", "عقوبة"],
            Cue::Assets => &["أصول", "أرصدة", "أموال", "ممتلكات"],
            Cue::Un => &["الأمم المتحدة", "الجمعية العامة", "مجلس الأمن", "مجلس حقوق الإنسان", "أممي", "أممية"],
            Cue::Cyber => &[
                "سيبراني",
                "سيبرانية",
                "سيبرانيا",
                "سايبري",
                "سايبرية",
                "إلكتروني",
                "إلكترونية",
                "إلكترونيا",
                "الكتروني",
                "رقمي",
                "رقمية",
                "قرصنة",
                "قراصنة",
                "قرصان",
                "اختراق",
                "الإنترنت",
                "إنترنت",
                "الفدية",
                "فدية",
                "برمجيات",
                "خبيثة",
                "شبكات",
                "شبكة",
                "حواسيب",
                "خوادم",
                "معلوماتي",
                "معلوماتية",
            ],
            Cue::Responsibility => &["مسؤولية", "المسؤولية"],
            Cue::Phone => &["هاتفي", "هاتفية", "هاتفيا", "الهاتف", "هاتف"],
            Cue::Black => &["السوداء", "سوداء"],
        }
    }
}

/// One line of the trigger table: forms (space-separated), type, class, cue, and the tone the
/// trigger itself carries when it differs from its type's.
type Row = (&'static str, EventType, Class, Cue, Option<Tone>);

use Class::{Frame, Noun, Verb};
use EventType as T;

/// The trigger table. For one form, rows are tried in order and the first whose cue is in the
/// sentence counts.
const TRIGGERS: &[Row] = &[
    // Signing, agreements and memoranda of understanding.
    ("وقّع يوقّع توقّع نوقّع", T::Agreement, Verb, Cue::Pact, None),
    ("أبرم يبرم تبرم نبرم اتفق يتفق تتفق نتفق", T::Agreement, Verb, Cue::None, None),
    ("توقيع إبرام", T::Agreement, Noun, Cue::Pact, None),
    ("اتفاق اتفاقية معاهدة بروتوكول", T::Agreement, Noun, Cue::None, None),
    ("مذكرة", T::Agreement, Noun, Cue::Understanding, None),
    // Accusations and attributions.
    ("اتهم يتهم تتهم نتهم", T::Accusation, Verb, Cue::None, None),
    // Not the bare stem "نسب": "نسبة" (a rate) ends in it once its ة is off.
    ("نسبت نسبوا ينسب تنسب", T::Accusation, Verb, Cue::Cyber, None),
    ("حمّل يحمّل تحمّل", T::Accusation, Verb, Cue::Responsibility, None),
    ("اتهام ادعاء مزاعم", T::Accusation, Noun, Cue::None, None),
    // Summoning, recalling and expelling ambassadors; closing embassies; other decisions.
    ("استدعى استدعت يستدعي تستدعي استدعاء", T::Decision, Verb, Cue::Diplomat, Some(Tone::Conflictual)),
    ("طرد يطرد تطرد سحب يسحب تسحب", T::Decision, Verb, Cue::Diplomat, Some(Tone::Conflictual)),
    ("أغلق يغلق تغلق إغلاق", T::Decision, Verb, Cue::Embassy, Some(Tone::Conflictual)),
    ("قرر يقرر تقرر حظر يحظر تحظر وافق يوافق", T::Decision, Verb, Cue::None, None),
    // Sanctions.
    ("فرض يفرض تفرض", T::Sanction, Verb, Cue::Sanctions, None),
    ("جمّد يجمّد تجمّد تجميد", T::Sanction, Verb, Cue::Assets, None),
    ("عقوبة عقوبات", T::Sanction, Noun, Cue::None, None),
    ("قائمة", T::Sanction, Noun, Cue::Black, None),
    // Summits, meetings, visits and calls.
    ("اتصال محادثة مكالمة", T::Meeting, Noun, Cue::Phone, None),
    ("اجتمع يجتمع تجتمع التقى التقت يلتقي تلتقي استقبل يستقبل تستقبل يزور تزور", T::Meeting, Verb, Cue::None, None),
    ("قمة اجتماع لقاء زيارة", T::Meeting, Noun, Cue::None, None),
    // Dialogues, talks and negotiations.
    ("ناقش يناقش تناقش تباحث يتباحث تحاور يتحاور تفاوض يتفاوض", T::Dialogue, Verb, Cue::None, None),
    ("حوار محادثة محادثات مباحثات مشاورات مفاوضات", T::Dialogue, Noun, Cue::None, None),
    // Pledges.
    ("تعهد يتعهد تتعهد نتعهد وعد التزم يلتزم تلتزم نلتزم", T::Pledge, Verb, Cue::None, None),
    ("وعود التزام تعهدات استعداد مستعد", T::Pledge, Noun, Cue::None, None),
    // UN resolutions.
    ("قرار مشروع", T::UnResolution, Noun, Cue::Un, None),
    ("اعتمد اعتمدت تعتمد يعتمد تبنى تبنت يتبنى تتبنى صوت صوتت", T::UnResolution, Verb, Cue::Un, None),
    // Cyberattacks and intrusions.
    ("اخترق يخترق تخترق قرصن", T::CyberIncident, Verb, Cue::None, None),
    ("شن يشن تشن تعرض يتعرض تتعرض تسلل يتسلل استهدف يستهدف تستهدف", T::CyberIncident, Verb, Cue::Cyber, None),
    ("اختراق قرصنة", T::CyberIncident, Noun, Cue::None, None),
    ("هجوم هجمة هجمات", T::CyberIncident, Noun, Cue::Cyber, None),
    // Denials and statements.
    ("نفى نفت ينفي تنفي نفوا أنكر ينكر تنكر", T::Statement, Verb, Cue::None, Some(Tone::Conflictual)),
    (
        "أدان يدين تدين حذر يحذر تحذر رفض يرفض ترفض انتقد ينتقد تنتقد",
        T::Statement,
        Verb,
        Cue::None,
        Some(Tone::Conflictual),
    ),
    ("رحب يرحب ترحب دعا دعت يدعو تدعو", T::Statement, Verb, Cue::None, None),
    (
        "قال يقول تقول أضاف يضيف تضيف أفاد يفيد تفيد ذكر يذكر تذكر أشار يشير تشير أكد يؤكد تؤكد صرح يصرح تصرح \
         أوضح يوضح توضح أعلن يعلن تعلن نقل ينقل تنقل كشف يكشف تكشف أبلغ لفت يلفت تلفت رأى يرى ترى \
         اعتبر يعتبر تعتبر",
        T::Statement,
        Frame,
        Cue::None,
        None,
    ),
    // Reports and assessments.
    ("تقرير تقارير تقييم", T::Report, Noun, Cue::None, None),
];

/// Topic words (phrases allowed), each with its topic.
const TOPICS: &[(&str, Topic)] = &[
    ("الجريمة الإلكترونية", Topic::Cybercrime),
    ("الجرائم الإلكترونية", Topic::Cybercrime),
    ("الجريمة السيبرانية", Topic::Cybercrime),
    ("الجرائم السيبرانية", Topic::Cybercrime),
    ("جرائم الإنترنت", Topic::Cybercrime),
    ("الاحتيال", Topic::Cybercrime),
    ("تجسس", Topic::Espionage),
    ("التجسس", Topic::Espionage),
    ("جاسوس", Topic::Espionage),
    ("التنصت", Topic::Espionage),
    ("البنية التحتية", Topic::CriticalInfrastructure),
    ("البنى التحتية", Topic::CriticalInfrastructure),
    ("شبكات الكهرباء", Topic::CriticalInfrastructure),
    ("محطات", Topic::CriticalInfrastructure),
    ("المنشآت الحيوية", Topic::CriticalInfrastructure),
    ("انتخابات", Topic::Elections),
    ("الانتخابات", Topic::Elections),
    ("الانتخابية", Topic::Elections),
    ("الفدية", Topic::Ransomware),
    ("فدية", Topic::Ransomware),
    ("قواعد السلوك", Topic::UnNorms),
    ("معايير", Topic::UnNorms),
    ("السلوك المسؤول", Topic::UnNorms),
    ("الأمم المتحدة", Topic::UnNorms),
    ("تبادل المعلومات", Topic::IntelligenceSharing),
    ("الاستخبارات", Topic::IntelligenceSharing),
    ("الاستخباراتية", Topic::IntelligenceSharing),
    ("الإرهاب", Topic::Terrorism),
    ("الإرهابية", Topic::Terrorism),
    ("الملكية الفكرية", Topic::IntellectualProperty),
    ("الأسرار التجارية", Topic::IntellectualProperty),
    ("السرقة التجارية", Topic::IntellectualProperty),
    ("التضليل", Topic::InfluenceOperations),
    ("التدخل", Topic::InfluenceOperations),
    ("التأثير", Topic::InfluenceOperations),
    ("الدعاية", Topic::InfluenceOperations),
    ("التصعيد", Topic::CrisisCommunication),
    ("قنوات الاتصال", Topic::CrisisCommunication),
    ("الخط الساخن", Topic::CrisisCommunication),
    ("الاستقرار الاستراتيجي", Topic::StrategicStability),
    ("النووية", Topic::StrategicStability),
    ("الأمن السيبراني", Topic::CyberDefence),
    ("الأمن الرقمي", Topic::CyberDefence),
    ("الأمن الإلكتروني", Topic::CyberDefence),
    ("الدفاع السيبراني", Topic::CyberDefence),
    ("أمن المعلومات", Topic::CyberDefence),
    ("سفير", Topic::DiplomaticRelations),
    ("السفير", Topic::DiplomaticRelations),
    ("سفارة", Topic::DiplomaticRelations),
    ("السفارة", Topic::DiplomaticRelations),
    ("العلاقات", Topic::DiplomaticRelations),
    ("دبلوماسي", Topic::DiplomaticRelations),
    ("الدبلوماسية", Topic::DiplomaticRelations),
];

/// A trigger as the rules use it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trigger {
    pub kind: EventType,
    pub class: Class,
    pub cue: Cue,
    pub tone: Option<Tone>,
}

/// The compiled lexicon.
pub struct Lexicon {
    triggers: HashMap<String, Vec<Trigger>>,
    /// Normalised cue words and phrases by cue.
    cues: Vec<(Cue, Vec<String>)>,
    topics: Vec<(String, Topic)>,
}

/// A sentence's words ready for lookups: every core of every word, and the normalised text with
/// a space at each end (so a phrase is found as ` words `).
pub struct Sentence {
    /// Per word: its cores, each marked true when it was read past a preposition or the article
    /// (a verbal noun then, not a finite verb).
    pub cores: Vec<Vec<(String, bool)>>,
    pub all: HashSet<String>,
    pub text: String,
}

impl Sentence {
    pub fn new(words: &[super::words::Word<'_>]) -> Sentence {
        let cores: Vec<Vec<(String, bool)>> = words
            .iter()
            .map(|w| {
                let bases = super::words::marked_bases(&w.norm);
                bases
                    .iter()
                    .flat_map(|(b, nominal)| super::words::cores(b).into_iter().map(|c| (c, *nominal)))
                    .collect()
            })
            .collect();
        let all = cores.iter().flatten().map(|(c, _)| c.clone()).collect();
        let text = format!(" {} ", words.iter().map(|w| w.norm.as_str()).collect::<Vec<_>>().join(" "));
        Sentence { cores, all, text }
    }

    /// Whether the sentence has this (normalised) word or phrase.
    fn has(&self, cue: &str) -> bool {
        if cue.contains(' ') {
            self.text.contains(&format!(" {cue} ")) || self.text.contains(&format!("{cue} "))
        } else {
            self.all.contains(cue)
        }
    }
}

/// A trigger found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub trigger: Trigger,
    /// Word index.
    pub at: usize,
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut triggers: HashMap<String, Vec<Trigger>> = HashMap::new();
        for (forms, kind, class, cue, tone) in TRIGGERS {
            for form in forms.split_whitespace() {
                let t = Trigger { kind: *kind, class: *class, cue: *cue, tone: *tone };
                triggers.entry(normalize(form)).or_default().push(t);
            }
        }
        let cue_list = [
            Cue::Pact,
            Cue::Understanding,
            Cue::Diplomat,
            Cue::Embassy,
            Cue::Sanctions,
            Cue::Assets,
            Cue::Un,
            Cue::Cyber,
            Cue::Responsibility,
            Cue::Phone,
            Cue::Black,
        ];
        let cues = cue_list.iter().map(|c| (*c, c.words().iter().map(|w| normalize(w)).collect())).collect();
        let topics = TOPICS.iter().map(|(w, t)| (normalize(w), *t)).collect();
        Lexicon { triggers, cues, topics }
    }

    /// Whether the sentence has the cue.
    pub fn cued(&self, s: &Sentence, cue: Cue) -> bool {
        cue == Cue::None
            || self.cues.iter().find(|(c, _)| *c == cue).is_some_and(|(_, words)| words.iter().any(|w| s.has(w)))
    }

    /// Every trigger in the sentence whose cue is there, in word order (one per word: the first
    /// row that counts).
    pub fn triggers(&self, s: &Sentence) -> Vec<Found> {
        let mut out = Vec::new();
        for (at, cores) in s.cores.iter().enumerate() {
            // A verb read past a preposition or the article is its verbal noun ("بشن", "بتوقيع").
            let found = cores
                .iter()
                .filter_map(|(c, nominal)| Some((self.triggers.get(c)?, *nominal)))
                .flat_map(|(ts, nominal)| ts.iter().map(move |t| (*t, nominal)))
                .filter(|(t, _)| self.cued(s, t.cue))
                .map(
                    |(t, nominal)| {
                        if nominal && t.class == Class::Verb {
                            Trigger { class: Class::Noun, ..t }
                        } else {
                            t
                        }
                    },
                )
                .min_by_key(|t| std::cmp::Reverse(t.class));
            if let Some(t) = found {
                out.push(Found { trigger: t, at });
            }
        }
        out
    }

    /// The topics the sentence's words name, in vocabulary order.
    pub fn topics(&self, s: &Sentence) -> Vec<Topic> {
        let mut out: Vec<Topic> = self.topics.iter().filter(|(w, _)| s.has(w)).map(|(_, t)| *t).collect();
        out.sort();
        out.dedup();
        out
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

/// A report noun that is the subject of a reporting verb ("ويلفت التقرير إلى أن…", "وذكر
/// التقرير") names the source of what the sentence says, not a report event: it counts as a
/// reporting verb. (After "وفقًا لـ" it stays a report: an intelligence assessment cited as the
/// source is often the event itself.)
pub fn attributions(found: &mut [Found]) {
    let frames: Vec<usize> = found.iter().filter(|f| f.trigger.class == Frame).map(|f| f.at).collect();
    for f in found.iter_mut().filter(|f| f.trigger.kind == T::Report && f.trigger.class == Noun) {
        if frames.iter().any(|&at| at + 1 == f.at) {
            f.trigger.class = Frame;
        }
    }
}

/// The main trigger: the first verb, else the first noun, else the first reporting verb.
pub fn main_trigger(found: &[Found]) -> Option<&Found> {
    [Verb, Noun, Frame].iter().find_map(|class| found.iter().find(|f| f.trigger.class == *class))
}

/// Whether the sentence is about something cyber (a statement framed by a reporting verb alone
/// counts only then, or between two states).
pub fn is_cyber(lex: &Lexicon, s: &Sentence) -> bool {
    lex.cued(s, Cue::Cyber)
}

/// The tone an event type usually has.
pub fn tone_of(kind: EventType) -> Tone {
    match kind {
        T::Agreement | T::Dialogue | T::Meeting | T::Pledge => Tone::Cooperative,
        T::Accusation | T::Sanction | T::CyberIncident => Tone::Conflictual,
        T::UnResolution | T::Decision | T::Report | T::Statement => Tone::Neutral,
    }
}
