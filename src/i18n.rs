//! Languages, every UI string in both, vocabulary labels, and the pinned Intl locales.
//!
//! The string table is a macro so a string cannot exist in one language only. Date and number
//! formatting goes through the browser's Intl with pinned locales (Gregorian calendar, Latin
//! digits) so no ICU default can bring Hijri dates or mixed digits; see [`intl`].

use crate::data::{EventType, Tone, Topic};

/// The interface language; Arabic first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }

    /// The BCP 47 locale handed to Intl: Gregorian calendar and Latin digits, pinned.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Ar => "ar-u-ca-gregory-nu-latn",
            Lang::En => "en-GB-u-ca-gregory-nu-latn",
        }
    }

    /// Picks the string of this language from a bilingual text.
    pub fn pick(self, t: &crate::data::Text) -> &str {
        match self {
            Lang::Ar => &t.ar,
            Lang::En => &t.en,
        }
    }

    /// The separator for a list of names: "، " in Arabic, ", " in English.
    pub fn list_sep(self) -> &'static str {
        match self {
            Lang::Ar => "، ",
            Lang::En => ", ",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ar => &AR,
            Lang::En => &EN,
        }
    }
}

macro_rules! strings {
    ($($key:ident: $ar:literal, $en:literal;)*) => {
        /// Every UI string. Built by a macro so each has both languages.
        pub struct Strings { $(pub $key: &'static str,)* }
        const AR: Strings = Strings { $($key: $ar,)* };
        const EN: Strings = Strings { $($key: $en,)* };
    };
}

strings! {
    app_name: "مرصد", "Marsad";
    tagline: "مستكشف أحداث الدبلوماسية السيبرانية الدولية", "Explorer of international cyber-diplomacy events";
    switch_lang: "English", "العربية";
    switch_lang_label: "Switch to English", "التبديل إلى العربية";
    loading: "جارٍ تحميل الأحداث…", "Loading events…";
    loading_earlier: "جارٍ تحميل السنوات الأقدم…", "Loading earlier years…";
    pair_more: "الأحداث الأقدم في قائمة الأحداث أدناه، وعددها:", "Earlier events are in the list of events below:";
    error_title: "تعذّر تحميل بيانات الأحداث", "The event data could not be loaded";
    error_network: "تعذّر الوصول إلى ملف البيانات. تحقّق من الاتصال ثم أعد المحاولة.", "The data file could not be reached. Check the connection and try again.";
    error_malformed: "ملف البيانات تالف أو بصيغة غير متوقعة.", "The data file is damaged or not in the expected format.";
    error_schema: "ملف البيانات بإصدار لا يقرؤه هذا المستكشف.", "The data file is in a version this explorer cannot read.";
    error_details: "التفاصيل التقنية", "Technical details";
    retry: "أعد المحاولة", "Try again";
    skipped_notice: "تعذّر عرض بعض السجلات لأنها غير صالحة:", "Some records could not be shown because they are invalid:";
    events_count_one: "حدث واحد", "1 event";
    events_count_many: "أحداث", "events";
    no_events: "لا أحداث تطابق هذه المرشحات.", "No events match these filters.";
    filters: "المرشحات", "Filters";
    search: "بحث", "Search";
    search_placeholder: "اسم، بلد، موضوع… مثل: شي، لندن، برامج الفدية", "Name, country, topic… e.g. Xi, London, ransomware";
    countries: "الدول", "Countries";
    pair: "ثنائية الدول", "Country pair";
    pair_none: "— بلا —", "— none —";
    types: "نوع الحدث", "Event type";
    topics: "الموضوع", "Topic";
    tones: "طابع العلاقة", "Tone";
    years: "السنوات", "Years";
    from: "من", "From";
    to: "إلى", "To";
    any: "الكل", "Any";
    clear_all: "مسح كل المرشحات", "Clear all filters";
    timeline: "الخط الزمني", "Timeline";
    country_cards: "بطاقات الدول", "Country cards";
    list_of_events: "قائمة الأحداث", "List of events";
    zoom_in: "تكبير", "Zoom in";
    zoom_out: "تصغير", "Zoom out";
    zoom_reset: "عرض الكل", "Show all";
    pan_earlier: "أقدم", "Earlier";
    pan_later: "أحدث", "Later";
    timeline_help: "استخدم + و − للتكبير، والأسهم للتنقل، وEnter لفتح الحدث.", "Use + and − to zoom, arrows to move, Enter to open an event.";
    legend: "دليل الرموز", "Legend";
    group_of: "أحداث متقاربة", "close events";
    date: "التاريخ", "Date";
    type_: "النوع", "Type";
    parties: "الأطراف", "Parties";
    initiator: "المبادِر", "Initiator";
    actors: "الفاعلون", "Actors";
    place: "المكان", "Place";
    summary: "الملخص", "Summary";
    related: "أحداث ذات صلة", "Related events";
    sources: "المصادر", "Sources";
    source_quote: "المقطع المقتبس", "Quoted passage";
    article: "المقال", "Article";
    published: "تاريخ النشر", "Published";
    outlets: "الوسائل الإعلامية المذكورة", "Outlets cited";
    show_in_article: "عرض المقطع في نص المقال", "Show the passage in the article";
    article_loading: "جارٍ تحميل نص المقال…", "Loading the article text…";
    article_error: "تعذّر تحميل نص المقال.", "The article text could not be loaded.";
    close: "إغلاق", "Close";
    back_to_list: "العودة إلى الأحداث", "Back to events";
    event_not_found: "لا يوجد حدث بهذا المعرّف في البيانات.", "There is no event with this id in the data.";
    events_word: "حدث", "events";
    partners: "الشركاء", "Partners";
    by_type: "حسب النوع", "By type";
    by_tone: "حسب الطابع", "By tone";
    first_event: "أول حدث", "First event";
    last_event: "آخر حدث", "Last event";
    activity: "النشاط حسب السنة", "Activity by year";
    latest_events: "أحدث الأحداث", "Latest events";
    open_pair: "عرض العلاقة الثنائية", "Open the pair view";
    show_country: "عرض أحداث هذا البلد", "Show this country's events";
    pair_summary: "كيف تطورت العلاقة", "How the relationship moved";
    pair_empty: "لا أحداث مشتركة بين هذين البلدين في البيانات.", "These two countries share no events in the data.";
    download: "تنزيل ما تراه", "Download what you see";
    download_csv: "CSV", "CSV";
    download_json: "JSON", "JSON";
    download_timelinejs: "TimelineJS", "TimelineJS";
    data_as_of: "البيانات بتاريخ", "Data as of";
    licence: "رخصة البيانات", "Data licence";
    all_countries: "كل الدول", "All countries";
    view_explorer: "افتح في مرصد", "Open in Marsad";
    main_nav: "التنقل الرئيسي", "Main navigation";
    offline_notice: "أنت غير متصل بالشبكة: تُعرض البيانات المحفوظة على هذا الجهاز.", "You are offline: showing the data saved on this device.";
    stale_notice: "تعذّر استخدام أحدث نسخة من البيانات لأنها تالفة؛ تُعرض آخر نسخة سليمة.", "The newest data could not be used because it is damaged; showing the last good copy.";
    update_ready: "يتوفر إصدار جديد من مرصد.", "A new version of Marsad is available.";
    update_reload: "أعد التحميل", "Reload";
    show_more: "عرض المزيد", "Show more";
    embed: "تضمين", "Embed";
    embed_title: "تضمين هذا العرض في صفحة أخرى", "Embed this view in another page";
    embed_widget: "الأداة", "Widget";
    embed_timeline: "الخط الزمني", "Timeline";
    embed_country: "بطاقة الدولة", "Country card";
    embed_pair: "العلاقة الثنائية", "Country pair";
    embed_event: "الحدث", "Single event";
    embed_theme: "المظهر", "Theme";
    theme_auto: "تلقائي", "Automatic";
    theme_light: "فاتح", "Light";
    theme_dark: "داكن", "Dark";
    embed_loader: "مع أداة التحميل (يضبط الارتفاع تلقائيًا)", "With the loader (sizes itself)";
    embed_iframe: "إطار iframe فقط (ارتفاع ثابت)", "Plain iframe (fixed height)";
    copy: "نسخ", "Copy";
    copied: "تم النسخ", "Copied";
    preview: "معاينة", "Preview";
    embed_frame_title: "مرصد: أحداث الدبلوماسية السيبرانية", "Marsad: cyber-diplomacy events";
}

pub fn type_label(lang: Lang, t: EventType) -> &'static str {
    let (ar, en) = match t {
        EventType::Dialogue => ("حوار", "Dialogue"),
        EventType::Meeting => ("اجتماع أو قمة", "Meeting or summit"),
        EventType::Agreement => ("اتفاق", "Agreement"),
        EventType::Pledge => ("تعهد", "Pledge"),
        EventType::UnResolution => ("قرار أممي", "UN resolution"),
        EventType::Accusation => ("اتهام أو إسناد", "Accusation or attribution"),
        EventType::CyberIncident => ("حادث سيبراني", "Cyber incident"),
        EventType::Sanction => ("عقوبات", "Sanctions"),
        EventType::Decision => ("قرار حكومي", "Government decision"),
        EventType::Report => ("تقرير", "Report"),
        EventType::Statement => ("تصريح", "Statement"),
    };
    match lang {
        Lang::Ar => ar,
        Lang::En => en,
    }
}

pub fn topic_label(lang: Lang, t: Topic) -> &'static str {
    let (ar, en) = match t {
        Topic::Cybercrime => ("الجريمة السيبرانية", "Cybercrime"),
        Topic::Espionage => ("التجسس", "Espionage"),
        Topic::CriticalInfrastructure => ("البنى التحتية الحيوية", "Critical infrastructure"),
        Topic::Elections => ("الانتخابات", "Elections"),
        Topic::Ransomware => ("برامج الفدية", "Ransomware"),
        Topic::UnNorms => ("المعايير الأممية", "UN norms"),
        Topic::IntelligenceSharing => ("تبادل المعلومات الاستخبارية", "Intelligence sharing"),
        Topic::Terrorism => ("الإرهاب", "Terrorism"),
        Topic::IntellectualProperty => ("الملكية الفكرية", "Intellectual property"),
        Topic::InfluenceOperations => ("عمليات التأثير", "Influence operations"),
        Topic::CrisisCommunication => ("قنوات الاتصال ومنع التصعيد", "Crisis communication"),
        Topic::StrategicStability => ("الاستقرار الاستراتيجي", "Strategic stability"),
        Topic::CyberDefence => ("الدفاع السيبراني", "Cyber defence"),
        Topic::DiplomaticRelations => ("العلاقات الدبلوماسية", "Diplomatic relations"),
    };
    match lang {
        Lang::Ar => ar,
        Lang::En => en,
    }
}

pub fn tone_label(lang: Lang, t: Tone) -> &'static str {
    match (lang, t) {
        (Lang::Ar, Tone::Cooperative) => "تعاوني",
        (Lang::Ar, Tone::Neutral) => "محايد",
        (Lang::Ar, Tone::Conflictual) => "صدامي",
        (Lang::En, Tone::Cooperative) => "Cooperative",
        (Lang::En, Tone::Neutral) => "Neutral",
        (Lang::En, Tone::Conflictual) => "Conflictual",
    }
}

/// "N events" in the language, with Arabic's number agreement (1, 2, 3–10, 11+).
pub fn count_events(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 event".to_owned(),
        Lang::En => format!("{n} events"),
        Lang::Ar => match n {
            0 => "لا أحداث".to_owned(),
            1 => "حدث واحد".to_owned(),
            2 => "حدثان".to_owned(),
            3..=10 => format!("{n} أحداث"),
            _ => format!("{n} حدثًا"),
        },
    }
}

/// Date formatting through the browser's Intl, with the locale pinned by [`Lang::locale`].
#[cfg(feature = "web")]
pub mod intl {
    use super::Lang;
    use crate::data::PartialDate;
    use crate::data::Precision;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;

    /// (language, precision, year, month, day).
    type DateKey = (Lang, u8, i32, u8, u8);

    thread_local! {
        static FORMATTERS: RefCell<HashMap<(Lang, u8), js_sys::Intl::DateTimeFormat>> = RefCell::new(HashMap::new());
        /// Formatted dates: every list row and timeline mark asks again on each render, and a
        /// call into Intl costs far more than a lookup. Bounded by the distinct dates shown.
        static FORMATTED: RefCell<HashMap<DateKey, String>> = RefCell::new(HashMap::new());
    }

    /// Formats at the date's own precision: "2023", "November 2023", "15 November 2023".
    pub fn format_date(lang: Lang, d: &PartialDate) -> String {
        let p = d.precision();
        let (m, day) = (d.month.unwrap_or(1), d.day.unwrap_or(1));
        format_parts(lang, p, d.year, m, day)
    }

    /// Formats a day given as (year, month, day) at `precision`.
    pub fn format_parts(lang: Lang, precision: Precision, year: i32, month: u8, day: u8) -> String {
        let memo = (lang, precision as u8, year, month, day);
        if let Some(hit) = FORMATTED.with(|f| f.borrow().get(&memo).cloned()) {
            return hit;
        }
        let text = format_uncached(lang, precision, year, month, day);
        FORMATTED.with(|f| f.borrow_mut().insert(memo, text.clone()));
        text
    }

    fn format_uncached(lang: Lang, precision: Precision, year: i32, month: u8, day: u8) -> String {
        let key = (lang, precision as u8);
        FORMATTERS.with(|f| {
            let mut f = f.borrow_mut();
            let fmt = f.entry(key).or_insert_with(|| {
                let options = js_sys::Object::new();
                let set = |k: &str, v: &str| {
                    let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
                };
                set("timeZone", "UTC");
                set("year", "numeric");
                if precision != Precision::Year {
                    set("month", "long");
                }
                if precision == Precision::Day {
                    set("day", "numeric");
                }
                let locales = js_sys::Array::of1(&JsValue::from_str(lang.locale()));
                js_sys::Intl::DateTimeFormat::new(&locales, &options)
            });
            let iso = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
            let date = js_sys::Date::new(&JsValue::from_str(&iso));
            fmt.format()
                .call1(&JsValue::NULL, &date)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| format!("{year}"))
        })
    }
}
