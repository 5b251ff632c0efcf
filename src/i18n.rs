//! Every UI string in both languages, Arabic number agreement, and the pinned Intl locales.
//!
//! The string table is a macro so a string cannot exist in one language only; labels of closed
//! lists live with the lists (`crate::vocab`). Count phrases follow Arabic number agreement (CLDR
//! plural categories), adjectives included. Numbers and dates are written here, by [`Fmt`] (the
//! language and the reader's options: digits, calendar), not by the browser's Intl, so no ICU
//! default can bring Hijri dates or mixed digits, and static pages print the same. Intl gives one
//! thing only: the Umm al-Qura day of a Gregorian day ([`set_hijri`]), the browser's calendar
//! data; the text around it is written here.

pub use crate::query::Reading;
pub use crate::vocab::Lang;
use crate::vocab::{Calendar, Digits};

/// How numbers and dates are written for one reader: the interface language and the reading
/// options. Copy, so every view takes it by value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fmt {
    pub lang: Lang,
    pub reading: Reading,
}

impl Fmt {
    pub fn new(lang: Lang, reading: Reading) -> Fmt {
        Fmt { lang, reading }
    }

    pub fn strings(self) -> &'static Strings {
        self.lang.strings()
    }

    /// `s` in the interface's digits: Arabic-Indic (with the Arabic thousands separator ٬) in
    /// the Arabic interface when the reader asked for them; else as written.
    pub fn digits(self, s: String) -> String {
        if self.lang != Lang::Ar || self.reading.digits != Digits::Arab {
            return s;
        }
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '\u{066C}',
                c => c,
            })
            .collect()
    }

    /// A year as the interface writes it ("2024", "٢٠٢٤"): no grouping.
    pub fn year(self, y: i32) -> String {
        self.digits(y.to_string())
    }

    /// The same, with the Gregorian calendar (a time axis's ticks).
    pub fn gregorian(self) -> Fmt {
        Fmt { reading: Reading { cal: Calendar::Gregory, ..self.reading }, ..self }
    }

    /// Whether the timeline runs right to left (the oldest on the right): the Arabic interface,
    /// unless the reader asked for the other way.
    pub fn axis_rtl(self) -> bool {
        self.lang == Lang::Ar && self.reading.axis == crate::vocab::Axis::Rtl
    }
}

/// A day of the Umm al-Qura calendar: (year, month 1–12, day).
pub type HijriDay = (i32, u8, u8);
/// Gregorian (year, month, day) → its Umm al-Qura day, or `None` outside the calendar's data.
pub type HijriOf = fn(i32, u8, u8) -> Option<HijriDay>;

static HIJRI: std::sync::OnceLock<HijriOf> = std::sync::OnceLock::new();

/// Gives the formatter its Umm al-Qura source (the browser's Intl, set once by the app). Without
/// one, `cal=islamic` writes Gregorian dates.
pub fn set_hijri(f: HijriOf) {
    let _ = HIJRI.set(f);
}

impl Lang {
    /// The BCP 47 locale whose Intl output [`format_date`] reproduces: Gregorian calendar, Latin
    /// digits.
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

    /// The separator between the clauses of a sentence: "؛ " in Arabic, "; " in English.
    pub fn clause_sep(self) -> &'static str {
        match self {
            Lang::Ar => "؛ ",
            Lang::En => "; ",
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
    ($($(#[$only:meta])? $key:ident: $ar:literal, $en:literal;)*) => {
        /// Every UI string. Built by a macro so each has both languages. A string only the
        /// build's pages use is marked `#[cfg(not(target_arch = "wasm32"))]`: the app's wasm,
        /// which carries every string it has, has none of those.
        pub struct Strings { $($(#[$only])? pub $key: &'static str,)* }
        const AR: Strings = Strings { $($(#[$only])? $key: $ar,)* };
        const EN: Strings = Strings { $($(#[$only])? $key: $en,)* };
    };
}

strings! {
    app_name: "مرصد", "Marsad";
    tagline: "مستكشف أحداث الدبلوماسية السيبرانية الدولية", "Explorer of international cyber-diplomacy events";
    history_first: "أُضيف إلى مرصد في", "Added to Marsad on";
    history_updated: "حُدّث السجل آخر مرة في", "Record last updated on";
    history_corrected: "صُحّح في", "Corrected";
    withdrawn_title: "سُحب هذا الحدث من البيانات", "This event was withdrawn from the dataset";
    withdrawn_on: "تاريخ السحب", "Withdrawn on";
    withdrawn_reason: "السبب", "Reason";
    withdrawn_was: "كان عنوانه", "Its title was";
    report_correction: "أبلغ عن خطأ أو اقترح تصحيحًا", "Report an error or suggest a correction";
    cite_title: "استشهد بهذه الصفحة", "Cite this";
    cite_format: "صيغة المرجع", "Citation format";
    cite_copy: "انسخ المرجع", "Copy the citation";
    cite_download: "نزّل الملف", "Download the file";
    cite_release: "ملف الإصدار الذي يشير إليه المرجع", "The release file this citation points to";
    changes_intro: "كل إصدار من بيانات مرصد، الأحدث أولًا، مع ملفه كما نُشر تمامًا. تابع الأحداث الجديدة والمصحّحة عبر موجزات Atom:", "Every release of Marsad's data, newest first, with its exact file as published. Follow new and corrected events with the Atom feeds:";
    changes_loading: "جارٍ تحميل سجل الإصدارات…", "Loading the release history…";
    changes_failed: "تعذّر تحميل سجل الإصدارات.", "The release history could not be loaded.";
    feed_ar: "الموجز بالعربية", "Feed in Arabic";
    feed_en: "الموجز بالإنجليزية", "Feed in English";
    release: "الإصدار", "Release";
    release_download: "نزّل ملف هذا الإصدار (JSON)", "Download this release's file (JSON)";
    release_first: "الإصدار الأول", "The first release";
    release_nothing: "لم يتغيّر أي حدث في هذا الإصدار.", "No event changed in this release.";
    release_added: "أحداث جديدة", "New events";
    release_changed: "أحداث صُحّحت", "Corrected events";
    release_withdrawn: "أحداث سُحبت", "Withdrawn events";
    release_vanished: "أحداث حُذفت دون سجل سحب", "Events removed without a withdrawal record";
    release_articles_added: "مقالات جديدة بين المصادر", "New source articles";
    release_articles_changed: "مقالات صُحّح سجلّها بين المصادر", "Source articles whose record was corrected";
    what_changed: "ما تغيّر", "What changed";
    field_title: "العنوان", "Title";
    field_date_note: "كيفية تأريخه", "How it was dated";
    field_tone: "طابع العلاقة", "Tone";
    field_type: "نوع الحدث", "Event type";
    switch_lang_label: "Switch to English", "التبديل إلى العربية";
    loading: "جارٍ تحميل الأحداث…", "Loading events…";
    loading_earlier: "جارٍ تحميل السنوات الأقدم…", "Loading earlier years…";
    older_in_list: "في قائمة الأحداث أدناه.", "are in the list of events below.";
    error_title: "تعذّر تحميل بيانات الأحداث", "The event data could not be loaded";
    error_network: "تعذّر الوصول إلى ملف البيانات. تحقّق من الاتصال ثم أعد المحاولة.", "The data file could not be reached. Check the connection and try again.";
    error_timeout: "لم تصل البيانات في الوقت المناسب. تحقّق من الاتصال ثم أعد المحاولة.", "The data did not arrive in time. Check the connection and try again.";
    error_malformed: "ملف البيانات تالف أو بصيغة غير متوقعة.", "The data file is damaged or not in the expected format.";
    error_schema: "ملف البيانات بإصدار لا يقرؤه هذا المستكشف.", "The data file is in a version this explorer cannot read.";
    error_details: "التفاصيل التقنية", "Technical details";
    retry: "أعد المحاولة", "Try again";
    view_loading: "جارٍ تحميل هذا العرض…", "Loading this view…";
    view_failed: "تعذّر تحميل هذا العرض. تحقّق من الاتصال ثم أعد المحاولة.", "This view could not be loaded. Check the connection and try again.";
    skipped_notice: "تعذّر عرض بعض السجلات لأنها غير صالحة:", "Some records could not be shown because they are invalid:";
    no_events: "لا أحداث تطابق هذه المرشحات.", "No events match these filters.";
    filters: "المرشحات", "Filters";
    search: "بحث", "Search";
    no_match_for: "لا نتائج مطابقة لـ", "Nothing matches";
    did_you_mean: "تُعرض نتائج أقرب كلمة:", "Showing the nearest word instead:";
    searching: "جارٍ البحث…", "Searching…";
    search_placeholder: "مثل: شي، لندن، برامج الفدية", "e.g. Xi, London, ransomware";
    countries: "الدول", "Countries";
    events_of: "أحداث الدول المختارة:", "Events of the chosen countries:";
    find_country: "ابحث عن دولة", "Find a country";
    no_country_found: "لا توجد دولة بهذا الاسم.", "No state by that name.";
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
    list_of_events: "قائمة الأحداث", "List of events";
    zoom_in: "تكبير", "Zoom in";
    zoom_out: "تصغير", "Zoom out";
    zoom_reset: "عرض الكل", "Show all";
    pan_earlier: "أقدم", "Earlier";
    pan_later: "أحدث", "Later";
    timeline_help: "مرّر المؤشر فوق علامة لمعرفة الحدث، واسحب للتحريك. وبلوحة المفاتيح: مفتاحا + و − للتكبير والتصغير، والأسهم للتنقل، ومفتاح Enter لفتح الحدث.", "Point at a mark to see what it is, drag to move. With the keyboard: + and − zoom, the arrow keys move, Enter opens an event.";
    legend: "دليل الرموز", "Legend";
    legend_span: "شريط: حدث مؤرَّخ بشهر أو بسنة، يمتد على مدتها", "Bar: an event dated to a month or a year, drawn over that period";
    legend_density: "شريط مظلَّل بجانب رمز: كثافة نوع من الأحداث عبر الزمن، حين تكثر الأحداث عن رسمها واحدًا واحدًا؛ كبّر لرؤيتها منفردة", "Shaded strip by a symbol: how dense one type of event is over time, when there are too many events to draw one by one; zoom in to see them singly";
    legend_group: "رقم في دائرة: أحداث متقاربة، ألوانها أنواعها؛ افتحها للتكبير", "Number in a circle: events close together, coloured by type; open it to zoom in";
    open_event: "فتح الحدث", "Open the event";
    group_help: "افتح المجموعة للتكبير عليها.", "Open the group to zoom in on it.";
    density_help: "أحداث أكثر من أن تُرسم واحدًا واحدًا: كل شريط يبيّن كثافة نوع من الأحداث عبر الزمن. كبّر لرؤية الأحداث منفردة.", "Too many events to draw one by one: each strip shows how dense one type of event is over time. Zoom in to see single events.";
    timeline_empty: "لا أحداث لرسمها بهذه المرشحات. أزل مرشحًا أو امسحها كلها.", "No events to draw with these filters. Remove a filter, or clear them all.";
    date: "التاريخ", "Date";
    parties: "الأطراف", "Parties";
    initiator: "المبادِر", "Initiator";
    actors: "الفاعلون", "Actors";
    place: "المكان", "Place";
    summary: "الملخص", "Summary";
    related: "أحداث ذات صلة", "Related events";
    earlier_event: "الحدث السابق:", "Earlier event:";
    later_event: "الحدث التالي:", "Later event:";
    in_time: "الأحداث المجاورة زمنيًا", "Events next to this one in time";
    sources: "المصادر", "Sources";
    article: "المقال", "Article";
    published: "تاريخ النشر", "Published";
    outlets: "الوسائل الإعلامية المذكورة", "Outlets cited";
    show_in_article: "عرض المقطع في نص المقال", "Show the passage in the article";
    quote_nav: "التنقل بين المقاطع المقتبسة", "Move between the quoted passages";
    previous_quote: "المقطع السابق", "Previous passage";
    next_quote: "المقطع التالي", "Next passage";
    article_loading: "جارٍ تحميل نص المقال…", "Loading the article text…";
    article_error: "تعذّر تحميل نص المقال.", "The article text could not be loaded.";
    close: "إغلاق", "Close";
    back_to_list: "العودة إلى الأحداث", "Back to events";
    event_not_found: "لا يوجد حدث بهذا المعرّف في البيانات.", "There is no event with this id in the data.";
    partners: "الشركاء", "Partners";
    all_partners: "عرض جميع الشركاء:", "Show all partners:";
    no_partners: "لا دولة أخرى في هذه الأحداث.", "No other state in these events.";
    card_filtered_out: "لا أحداث لهذه الدولة بهذه المرشحات.", "No events of this state under these filters.";
    card_no_events: "لا أحداث لهذه الدولة في البيانات.", "No events of this state in the data.";
    sort_by: "ترتيب البطاقات", "Order the cards by";
    page: "الصفحة", "Page";
    pages: "صفحات البطاقات", "Pages of cards";
    previous_page: "الصفحة السابقة", "Previous page";
    next_page: "الصفحة التالية", "Next page";
    by_type: "حسب النوع", "By type";
    by_tone: "حسب الطابع", "By tone";
    first_event: "أول حدث", "First event";
    last_event: "آخر حدث", "Last event";
    activity: "النشاط حسب السنة", "Activity by year";
    peak_in: "الذروة في", "peak in";
    latest_events: "أحدث الأحداث", "Latest events";
    open_pair: "عرض العلاقة الثنائية", "Open the pair view";
    show_country: "عرض أحداث هذا البلد", "Show this country's events";
    pair_summary: "كيف تطورت العلاقة", "How the relationship moved";
    of_total: "من أصل", "of";
    all_time: "كل الفترات", "all time";
    pair_empty: "لا أحداث مشتركة بين هذين البلدين في البيانات.", "These two countries share no events in the data.";
    download: "تنزيل ما تراه", "Download what you see";
    download_csv: "CSV", "CSV";
    download_failed: "تعذّر تجهيز الملف. تحقّق من الاتصال ثم أعد المحاولة.", "The file could not be prepared. Check the connection and try again.";
    download_json: "JSON", "JSON";
    download_timelinejs: "TimelineJS", "TimelineJS";
    data_as_of: "البيانات محدّثة حتى", "Data as of";
    data_version: "إصدار البيانات", "Data version";
    licence: "رخصة البيانات", "Data licence";
    view_explorer: "افتح في مرصد", "Open in Marsad";
    main_nav: "التنقل الرئيسي", "Main navigation";
    skip_to_main: "انتقل إلى المحتوى الرئيسي", "Skip to main content";
    offline_notice: "أنت غير متصل بالشبكة: تُعرض البيانات المحفوظة على هذا الجهاز.", "You are offline: showing the data saved on this device.";
    widget_unknown: "لا توجد أداة تضمين باسم", "There is no widget called";
    widget_shows_timeline: "يُعرض الخط الزمني بدلًا منها.", "Showing the timeline instead.";
    widget_needs_country: "تحتاج أداة بطاقة الدولة إلى دولة واحدة: country=CN.", "A country widget needs one state: country=CN.";
    widget_needs_pair: "تحتاج أداة العلاقة الثنائية إلى دولتين: pair=GB-CN.", "A pair widget needs two states: pair=GB-CN.";
    widget_needs_compare: "تحتاج أداة المقارنة إلى دولتين أو ثلاث: compare=GB,CN.", "A comparison widget needs two or three states: compare=GB,CN.";
    widget_needs_event: "تحتاج أداة الحدث إلى معرّف حدث: event=….", "An event widget needs an event's id: event=….";
    no_such_states: "ليست في بيانات مرصد:", "Not in Marsad's data:";
    #[cfg(not(target_arch = "wasm32"))]
    not_found_title: "الصفحة غير موجودة", "Page not found";
    #[cfg(not(target_arch = "wasm32"))]
    not_found_text: "لا توجد في مرصد صفحة بهذا العنوان: ربما قُطع الرابط أو وقع فيه خطأ، أو نُقلت الصفحة.", "Marsad has no page at this address: the link may be cut short or mistyped, or the page may have moved.";
    #[cfg(not(target_arch = "wasm32"))]
    not_found_search: "ابحث في أحداث مرصد", "Search Marsad's events";
    #[cfg(not(target_arch = "wasm32"))]
    not_found_or: "أو انتقل إلى:", "Or go to:";
    #[cfg(not(target_arch = "wasm32"))]
    offline_title: "لا اتصال بالشبكة", "You are offline";
    #[cfg(not(target_arch = "wasm32"))]
    offline_text: "هذا العنوان غير محفوظ على هذا الجهاز، ولا يمكن جلبه دون اتصال. أحداث مرصد وصفحاته الرئيسية محفوظة وتُفتح دون اتصال.", "This address is not saved on this device, and it cannot be fetched without a connection. Marsad's events and main pages are saved and open offline.";
    unread_values: "ترك مرصد من هذا الرابط ما لم يفهمه:", "Not understood in this link, and left out:";
    back_online_notice: "عاد الاتصال بالشبكة، والبيانات المعروضة هي المحفوظة على هذا الجهاز: أعد التحميل لعرض أحدثها.", "You are back online. The data shown is the copy saved on this device: reload for the latest.";
    server_error_notice: "أجاب الخادم بخطأ، فتُعرض البيانات المحفوظة على هذا الجهاز.", "The server answered with an error, so the data saved on this device is shown.";
    stalled_notice: "لم تصل البيانات من الشبكة في الوقت المناسب، فتُعرض البيانات المحفوظة على هذا الجهاز.", "The network did not answer in time, so the data saved on this device is shown.";
    stale_notice: "تعذّر استخدام أحدث نسخة من البيانات لأنها تالفة؛ تُعرض آخر نسخة سليمة.", "The newest data could not be used because it is damaged; showing the last good copy.";
    update_ready: "يتوفر إصدار جديد من مرصد.", "A new version of Marsad is available.";
    update_reload: "أعد التحميل", "Reload";
    update_held: "يؤخّر المتصفح التحديث: أعد تحميل الصفحة من المتصفح لإتمامه.", "The browser is holding the update back: reload the page from the browser to finish it.";
    show_more: "عرض المزيد", "Show more";
    embed: "تضمين", "Embed";
    embed_title: "تضمين هذا العرض في صفحة أخرى", "Embed this view in another page";
    reading_options: "خيارات العرض", "Display options";
    digits: "الأرقام", "Digits";
    calendar: "التقويم", "Calendar";
    axis: "اتجاه الخط الزمني", "Timeline direction";
    embed_widget: "الأداة", "Widget";
    embed_theme: "المظهر", "Theme";
    embed_lang: "لغة الأداة", "Widget language";
    embed_plain: "دون إطار: رابط صغير لمرصد فقط", "Plain: only a small credit link";
    embed_transparent: "بخلفية الصفحة المضيفة", "The host page's background";
    read_in_context: "اقرأ الجملة في سياق مقالها", "Read the sentence in its article";
    embed_loader: "مع أداة التحميل (يضبط الارتفاع تلقائيًا)", "With the loader (sizes itself)";
    embed_iframe: "إطار iframe فقط (ارتفاع ثابت)", "Plain iframe (fixed height)";
    copy: "نسخ", "Copy";
    copy_link: "نسخ الرابط", "Copy link";
    link_copied: "تم نسخ الرابط", "Link copied";
    remove_filter: "إزالة المرشح", "Remove filter";
    active_filters: "المرشحات النشطة", "Active filters";
    copied: "تم النسخ", "Copied";
    preview: "معاينة", "Preview";
    embed_frame_title: "مرصد: أحداث الدبلوماسية السيبرانية", "Marsad: cyber-diplomacy events";
    widget_events: "أحداث الدبلوماسية السيبرانية", "Cyber-diplomacy events";
    comparison: "مقارنة", "Comparison";
    compare_add: "أضف إلى المقارنة", "Add to comparison";
    compare_full: "المقارنة مكتملة: ثلاث دول", "Comparison full: three states";
    compare_chosen: "قارن بين الدول المختارة", "Compare the chosen countries";
    compare_remove: "إزالة", "Remove";
    compare_from: "من المقارنة", "from the comparison";
    compare_pick: "أضف دولة إلى المقارنة", "Add a state to the comparison";
    compare_add_chosen: "أضف", "Add";
    compare_pick_none: "— اختر دولة —", "— choose a state —";
    compare_end: "إنهاء المقارنة", "End the comparison";
    compare_hint: "أضف دولة أو دولتين للمقارنة بينها.", "Add one or two states to compare them.";
    compare_years: "الأحداث في كل سنة (بمقياس واحد للدول كلها)", "Events per year (one scale for every state)";
    compare_common: "شركاء مشتركون", "Partners in common";
    compare_common_none: "لا شركاء مشتركين بين هذه الدول بهذه المرشحات.", "These states have no partners in common under these filters.";
    compare_shared: "أحداث تجمعها", "Events they share";
    compare_shared_none: "لا أحداث تجمع اثنتين من هذه الدول بهذه المرشحات.", "No event brings two of these states together under these filters.";
    compare_conflict_share: "نسبة الأحداث الصدامية", "conflictual";
    state: "الدولة", "State";
    partner: "الشريك", "Partner";
    events: "الأحداث", "Events";
    download_compare: "نزّل المقارنة (CSV)", "Download the comparison (CSV)";
    net_summary_some: "في الشبكة", "The network draws";
    net_summary_of: "الأكثر أحداثًا، من أصل", "with the most events, of";
    net_summary_all: "في الشبكة كل الثنائيات:", "The network draws every pair:";
    net_states: "عدد الدول فيها", "States in it";
    net_states_list: "الدول في الشبكة", "States in the network";
    net_pairs_shown: "الثنائيات المرسومة", "Pairs drawn";
    net_legend: "كيف تُقرأ الشبكة", "How to read the network";
    net_width: "سُمك الخط: عدد الأحداث المشتركة بين الدولتين", "Line width: the events two states share";
    net_size: "حجم الدائرة: عدد أحداث الدولة", "Circle size: the state's events";
    net_arrow: "السهم: من الدولة التي بادرت بأكثر أحداث الثنائية", "Arrow: from the state that initiated most of the pair's events";
    net_keys: "بلوحة المفاتيح: مفتاح Tab ينتقل بين الدول والخطوط، وEnter يفتح بطاقة الدولة أو العلاقة الثنائية.", "With the keyboard: Tab moves between states and lines, Enter opens a state's card or a pair's view.";
    net_skip: "انتقل إلى جدول الثنائيات", "Skip to the table of pairs";
    net_table: "جدول الثنائيات", "Table of pairs";
    net_empty: "لا ثنائيات بهذه المرشحات: لا حدث يجمع دولتين.", "No pairs under these filters: no event brings two states together.";
    net_balance: "الطابع الغالب", "Balance";
    net_initiated: "بمبادرة من", "initiated by";
    net_show_all: "اعرض كل الثنائيات:", "Show every pair:";
    download_pairs: "نزّل جدول الثنائيات (CSV)", "Download the table of pairs (CSV)";
}

/// CLDR plural categories, which Arabic number agreement follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    /// n % 100 in 3..=10: plural noun ("٣ أحداث").
    Few,
    /// n % 100 in 11..=99: singular accusative ("١٢ حدثًا").
    Many,
    /// 100, 101, 102, 200, 1000…: singular genitive ("١٠٠ حدث").
    Other,
}

/// The Arabic plural category of `n` (CLDR).
pub fn plural_ar(n: usize) -> Plural {
    match (n, n % 100) {
        (0, _) => Plural::Zero,
        (1, _) => Plural::One,
        (2, _) => Plural::Two,
        (_, 3..=10) => Plural::Few,
        (_, 11..=99) => Plural::Many,
        _ => Plural::Other,
    }
}

/// A counted noun phrase in both languages. Arabic forms by [`Plural`] category (zero, one, two,
/// few, many, other), adjectives agreeing; English (one, other). `{n}` stands for the number.
pub struct Noun {
    ar: [&'static str; 6],
    en: [&'static str; 2],
}

/// "events".
pub const EVENTS: Noun = Noun {
    ar: ["لا أحداث", "حدث واحد", "حدثان", "{n} أحداث", "{n} حدثًا", "{n} حدث"],
    en: ["1 event", "{n} events"],
};

/// "events close together" (a timeline group).
pub const CLOSE_EVENTS: Noun = Noun {
    ar: ["لا أحداث", "حدث واحد", "حدثان متقاربان", "{n} أحداث متقاربة", "{n} حدثًا متقاربًا", "{n} حدث متقارب"],
    en: ["1 event", "{n} events close together"],
};

/// "earlier events" (the elative أقدم does not change with the number).
pub const EARLIER_EVENTS: Noun = Noun {
    ar: ["لا أحداث أقدم", "حدث واحد أقدم", "حدثان أقدم", "{n} أحداث أقدم", "{n} حدثًا أقدم", "{n} حدث أقدم"],
    en: ["1 earlier event", "{n} earlier events"],
};

/// "pairs" of states (the network's edges).
pub const PAIRS: Noun = Noun {
    ar: ["لا ثنائيات", "ثنائية واحدة", "ثنائيتان", "{n} ثنائيات", "{n} ثنائيةً", "{n} ثنائية"],
    en: ["1 pair", "{n} pairs"],
};

/// `part` of `whole` in whole percent, rounded half up (0 of nothing).
pub fn whole_percent(part: usize, whole: usize) -> usize {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (whole * 2)
    }
}

/// A share as a whole percentage, rounded half up ("46%", "٤٦٪" in Arabic-Indic digits); 0%
/// of nothing.
pub fn percent(f: Fmt, part: usize, whole: usize) -> String {
    let p = whole_percent(part, whole);
    let sign = if f.lang == Lang::Ar && f.reading.digits == Digits::Arab { '\u{066A}' } else { '%' };
    format!("{}{sign}", f.digits(p.to_string()))
}

/// A key to sort names by in `lang`. Arabic ignores the article ال (الصين under ص) and the
/// letter forms search folds (أ إ آ ا, ة ه, ى ي); English ignores case and a leading "the".
/// A name that begins with أل (ألمانيا, ألبانيا) has no article: its hamza is a letter of the
/// word, and it sorts under أ.
pub fn sort_key(lang: Lang, name: &str) -> String {
    let norm = crate::search::normalize(name);
    let article = name.trim_start().starts_with("ال");
    match lang {
        Lang::Ar if !article => norm,
        Lang::Ar => norm.strip_prefix("ال").filter(|rest| rest.chars().count() >= 2).unwrap_or(&norm).to_owned(),
        Lang::En => norm.strip_prefix("the ").unwrap_or(&norm).to_owned(),
    }
}

/// "years", only ever after "in" (Arabic's genitive dual; four or more are the only counts said).
const YEARS_IN: Noun = Noun {
    ar: ["لا سنوات", "سنة واحدة", "سنتين", "{n} سنوات", "{n} سنةً", "{n} سنة"],
    en: ["1 year", "{n} years"],
};

/// What a chart of events per year says to a screen reader, which reads none of its bars (a
/// `role="img"`): its label, the years it spans and its peak, every year with the most events
/// (named up to three, counted beyond). "Activity by year, 1990–2026; peak in 2019: 42 events",
/// "…; peak in 2017 and 2019: 42 events each" (Arabic: "…، …؛ الذروة في 2017 و2019: 42 حدثًا في
/// كلٍّ منهما").
pub fn year_bars_summary(f: Fmt, label: &str, years: &[(i32, usize)]) -> String {
    let sep = f.lang.list_sep();
    let most = years.iter().map(|y| y.1).max().unwrap_or(0);
    let peaks: Vec<i32> = years.iter().filter(|y| y.1 == most).map(|y| y.0).collect();
    let (Some(&(first, _)), Some(&(last, _)), true) = (years.first(), years.last(), most > 0) else {
        return label.to_owned();
    };
    let count = EVENTS.count(f, most);
    if first == last {
        return format!("{label}{sep}{}: {count}", f.year(first));
    }
    let semi = match f.lang {
        Lang::Ar => "؛ ",
        Lang::En => "; ",
    };
    let (span, peak_in) = (year_span(f, first, last), f.strings().peak_in);
    let named: Vec<String> = peaks.iter().map(|&y| f.year(y)).collect();
    let (when, each) = match (f.lang, named.as_slice()) {
        (_, [one]) => (one.clone(), ""),
        (Lang::En, [rest @ .., last]) if named.len() <= 3 => (format!("{} and {last}", rest.join(", ")), " each"),
        (Lang::Ar, [a, b]) => (format!("{a} و{b}"), " في كلٍّ منهما"),
        (Lang::Ar, [a, b, c]) => (format!("{a} و{b} و{c}"), " في كلٍّ منها"),
        (Lang::En, _) => (YEARS_IN.count(f, named.len()), " each"),
        (Lang::Ar, _) => (YEARS_IN.count(f, named.len()), " في كلٍّ منها"),
    };
    format!("{label}{sep}{span}{semi}{peak_in} {when}: {count}{each}")
}

/// A span of years, "2015–2024", or one year once ("2014", never "2014–2014").
pub fn year_span(f: Fmt, first: i32, last: i32) -> String {
    if first == last {
        return f.year(first);
    }
    format!("{}–{}", f.year(first), f.year(last))
}

/// `n` with thousands separators ("2,333", "٢٬٣٣٣"), in the interface's digits.
pub fn number(f: Fmt, n: usize) -> String {
    f.digits(grouped(n))
}

fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Noun {
    /// The phrase for `n`, grammatical in `lang`: "حدثان", "3 أحداث", "12 حدثًا", "100 حدث".
    pub fn count(&self, f: Fmt, n: usize) -> String {
        let form = match f.lang {
            Lang::Ar => self.ar[plural_ar(n) as usize],
            Lang::En => self.en[usize::from(n != 1)],
        };
        form.replace("{n}", &number(f, n))
    }

    /// The phrase with the number always written as a word of its own: for an accessible name
    /// that must contain a visible count (WCAG 2.5.3), where Arabic says "حدثان" for 2 without a
    /// digit. (Not in brackets: checkers drop bracketed text before comparing.)
    pub fn count_with_digits(&self, f: Fmt, n: usize) -> String {
        let phrase = self.count(f, n);
        let digits = number(f, n);
        if phrase.contains(&digits) {
            phrase
        } else {
            format!("{digits} — {phrase}")
        }
    }
}

/// Gregorian month names: the Arabic ones Egyptian and Gulf outlets print (and ICU's `ar`
/// locale gives), and the English ones.
const MONTHS: [[&str; 12]; 2] = [
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

/// Umm al-Qura month names: the Arabic ones, and the transliterations English outlets print.
const HIJRI_MONTHS: [[&str; 12]; 2] = [
    [
        "محرم",
        "صفر",
        "ربيع الأول",
        "ربيع الآخر",
        "جمادى الأولى",
        "جمادى الآخرة",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذو القعدة",
        "ذو الحجة",
    ],
    [
        "Muharram",
        "Safar",
        "Rabi al-Awwal",
        "Rabi al-Thani",
        "Jumada al-Ula",
        "Jumada al-Akhirah",
        "Rajab",
        "Shaban",
        "Ramadan",
        "Shawwal",
        "Dhu al-Qadah",
        "Dhu al-Hijjah",
    ],
];

/// A date at its own precision: "2023", "نوفمبر 2023" / "November 2023", "15 نوفمبر 2023" /
/// "15 November 2023", in the interface's digits. With `cal=islamic`, the Hijri date first and the
/// Gregorian one beside it; a month or a year the data gives covers parts of two Hijri months or
/// years, and the Hijri side says so ("رجب–شعبان 1445 هـ (فبراير 2024 م)"). Pure, so the browser
/// and the static pages print the same text.
pub fn format_date(f: Fmt, d: &crate::data::PartialDate) -> String {
    format_parts(f, d.precision(), d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// A day given as (year, month, day), formatted at `precision`.
pub fn format_parts(f: Fmt, precision: crate::data::Precision, year: i32, month: u8, day: u8) -> String {
    let gregorian = gregorian(f.lang, precision, year, month, day);
    let hijri = match (f.reading.cal, HIJRI.get()) {
        (Calendar::Islamic, Some(of)) => hijri_span(f.lang, precision, year, month, day, *of),
        _ => None,
    };
    f.digits(match hijri {
        Some(h) => match f.lang {
            Lang::Ar => format!("{h} هـ ({gregorian} م)"),
            Lang::En => format!("{h} AH ({gregorian})"),
        },
        None => gregorian,
    })
}

fn gregorian(lang: Lang, precision: crate::data::Precision, year: i32, month: u8, day: u8) -> String {
    use crate::data::Precision;
    let name = MONTHS[lang.index()].get(usize::from(month).wrapping_sub(1)).copied().unwrap_or("");
    match precision {
        Precision::Year => year.to_string(),
        Precision::Month => format!("{name} {year}"),
        Precision::Day => format!("{day} {name} {year}"),
    }
}

/// The Hijri side of a date, without its era: a day ("3 شعبان 1445"); the Hijri months a
/// Gregorian month covers ("رجب–شعبان 1445", "ذو الحجة 1445 – محرم 1446"); the Hijri years a
/// Gregorian year covers ("1445–1446"). `None` when the calendar has no data for it.
fn hijri_span(
    lang: Lang,
    precision: crate::data::Precision,
    year: i32,
    month: u8,
    day: u8,
    of: HijriOf,
) -> Option<String> {
    use crate::data::Precision;
    let name = |m: u8| HIJRI_MONTHS[lang.index()].get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("");
    let (first, last) = match precision {
        Precision::Day => {
            let (y, m, d) = of(year, month, day)?;
            return Some(format!("{d} {} {y}", name(m)));
        }
        Precision::Month => (of(year, month, 1)?, of(year, month, crate::data::date::days_in_month(year, month))?),
        Precision::Year => (of(year, 1, 1)?, of(year, 12, 31)?),
    };
    Some(match precision {
        Precision::Year if first.0 == last.0 => first.0.to_string(),
        Precision::Year => format!("{}–{}", first.0, last.0),
        _ if (first.0, first.1) == (last.0, last.1) => format!("{} {}", name(first.1), first.0),
        _ if first.0 == last.0 => format!("{}–{} {}", name(first.1), name(last.1), first.0),
        _ => format!("{} {} – {} {}", name(first.1), first.0, name(last.1), last.0),
    })
}

/// A wire field of an event or a source article in the reader's words (what a correction
/// changed); the wire name itself for a field without one.
pub fn field_label(lang: Lang, field: &str) -> &str {
    let s = lang.strings();
    match field {
        "title" => s.field_title,
        "summary" => s.summary,
        "date" | "date_precision" => s.date,
        "type" => s.field_type,
        "tone" => s.field_tone,
        "parties" => s.parties,
        "initiator" => s.initiator,
        "actors" => s.actors,
        "topics" => s.topics,
        "place" => s.place,
        "sources" => s.sources,
        "related" => s.related,
        // An article's.
        "published" | "published_precision" => s.published,
        "published_note" => s.field_date_note,
        "outlets" => s.outlets,
        "text" | "seed_file" => s.article,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{PartialDate, Precision};

    const AR: Fmt = Fmt { lang: Lang::Ar, reading: READ };
    const EN: Fmt = Fmt { lang: Lang::En, reading: READ };
    const READ: Reading = Reading { digits: Digits::Latn, cal: Calendar::Gregory, axis: crate::vocab::Axis::Rtl };

    fn with(lang: Lang, digits: Digits, cal: Calendar) -> Fmt {
        Fmt { lang, reading: Reading { digits, cal, ..READ } }
    }

    /// Umm al-Qura days as Chromium's Intl (ICU) gives them for `en-u-ca-islamic-umalqura`,
    /// recorded; the browser tests check the real thing.
    fn umm_al_qura(y: i32, m: u8, d: u8) -> Option<HijriDay> {
        const DAYS: &[((i32, u8, u8), HijriDay)] = &[
            ((2024, 2, 1), (1445, 7, 20)),
            ((2024, 2, 14), (1445, 8, 4)),
            ((2024, 2, 29), (1445, 8, 19)),
            ((2024, 1, 1), (1445, 6, 19)),
            ((2024, 12, 31), (1446, 6, 30)),
            ((2023, 11, 15), (1445, 5, 1)),
            ((2024, 7, 1), (1445, 12, 25)),
            ((2024, 7, 31), (1446, 1, 25)),
            ((2025, 3, 1), (1446, 9, 1)),
            ((2025, 3, 31), (1446, 10, 2)),
        ];
        DAYS.iter().find(|(g, _)| *g == (y, m, d)).map(|(_, h)| *h)
    }

    #[test]
    fn a_span_of_one_year_is_that_year() {
        let f = Fmt { lang: Lang::En, reading: Default::default() };
        assert_eq!(year_span(f, 2014, 2014), "2014");
        assert_eq!(year_span(f, 2015, 2024), "2015–2024");
    }

    #[test]
    fn a_year_chart_names_its_span_and_its_peaks() {
        let years = [(2015, 3), (2016, 0), (2017, 12), (2018, 11), (2019, 2)];
        assert_eq!(
            year_bars_summary(EN, "Activity by year", &years),
            "Activity by year, 2015–2019; peak in 2017: 12 events"
        );
        assert_eq!(
            year_bars_summary(AR, "النشاط حسب السنة", &years),
            "النشاط حسب السنة، 2015–2019؛ الذروة في 2017: 12 حدثًا"
        );
        // Years that tie are each the peak: named up to three, counted beyond.
        let tied = [(2015, 3), (2016, 5), (2017, 1), (2018, 5)];
        assert_eq!(
            year_bars_summary(EN, "Activity", &tied),
            "Activity, 2015–2018; peak in 2016 and 2018: 5 events each"
        );
        assert_eq!(
            year_bars_summary(AR, "النشاط", &tied),
            "النشاط، 2015–2018؛ الذروة في 2016 و2018: 5 أحداث في كلٍّ منهما"
        );
        let three = [(2015, 2), (2016, 2), (2017, 1), (2018, 2)];
        assert_eq!(
            year_bars_summary(EN, "Activity", &three),
            "Activity, 2015–2018; peak in 2015, 2016 and 2018: 2 events each"
        );
        assert_eq!(
            year_bars_summary(AR, "النشاط", &three),
            "النشاط، 2015–2018؛ الذروة في 2015 و2016 و2018: حدثان في كلٍّ منها"
        );
        let flat: Vec<(i32, usize)> = (2010..2022).map(|y| (y, 1)).collect();
        assert_eq!(year_bars_summary(EN, "Activity", &flat), "Activity, 2010–2021; peak in 12 years: 1 event each");
        assert_eq!(year_bars_summary(AR, "النشاط", &flat), "النشاط، 2010–2021؛ الذروة في 12 سنةً: حدث واحد في كلٍّ منها");
        assert_eq!(
            year_bars_summary(AR, "النشاط", &flat[..5]),
            "النشاط، 2010–2014؛ الذروة في 5 سنوات: حدث واحد في كلٍّ منها"
        );
        // The peak's count agrees with its number; one year is its own span.
        assert_eq!(year_bars_summary(AR, "النشاط", &[(2020, 2)]), "النشاط، 2020: حدثان");
        assert_eq!(year_bars_summary(EN, "Activity", &[(2020, 1)]), "Activity, 2020: 1 event");
        // Arabic-Indic digits where the reader chose them.
        let arab = with(Lang::Ar, Digits::Arab, Calendar::Gregory);
        assert_eq!(
            year_bars_summary(arab, "النشاط", &[(2019, 1), (2020, 4)]),
            "النشاط، ٢٠١٩–٢٠٢٠؛ الذروة في ٢٠٢٠: ٤ أحداث"
        );
        // Nothing to summarise: the label alone.
        assert_eq!(year_bars_summary(EN, "Activity", &[]), "Activity");
        assert_eq!(year_bars_summary(EN, "Activity", &[(2019, 0), (2020, 0)]), "Activity");
    }

    #[test]
    fn arabic_counts_agree_with_their_number() {
        let ar = |n| EVENTS.count(AR, n);
        assert_eq!(ar(0), "لا أحداث");
        assert_eq!(ar(1), "حدث واحد");
        assert_eq!(ar(2), "حدثان");
        assert_eq!(ar(3), "3 أحداث");
        assert_eq!(ar(10), "10 أحداث");
        assert_eq!(ar(11), "11 حدثًا");
        assert_eq!(ar(99), "99 حدثًا");
        assert_eq!(ar(100), "100 حدث");
        assert_eq!(ar(102), "102 حدث");
        assert_eq!(ar(103), "103 أحداث");
        assert_eq!(ar(111), "111 حدثًا");
        assert_eq!(ar(2333), "2,333 حدثًا");
        assert_eq!(ar(1000), "1,000 حدث");
    }

    #[test]
    fn adjectives_agree_too() {
        let ar = |n| CLOSE_EVENTS.count(AR, n);
        assert_eq!(ar(2), "حدثان متقاربان");
        assert_eq!(ar(3), "3 أحداث متقاربة");
        assert_eq!(ar(12), "12 حدثًا متقاربًا");
        assert_eq!(ar(200), "200 حدث متقارب");
        assert_eq!(EARLIER_EVENTS.count(AR, 74), "74 حدثًا أقدم");
        assert_eq!(CLOSE_EVENTS.count(EN, 2), "2 events close together");
        assert_eq!(EVENTS.count(EN, 1), "1 event");
        assert_eq!(EVENTS.count(EN, 1234567), "1,234,567 events");
    }

    #[test]
    fn a_name_with_digits_always_contains_the_visible_number() {
        assert_eq!(CLOSE_EVENTS.count_with_digits(AR, 2), "2 — حدثان متقاربان");
        assert_eq!(CLOSE_EVENTS.count_with_digits(AR, 5), "5 أحداث متقاربة");
        assert_eq!(CLOSE_EVENTS.count_with_digits(EN, 2), "2 events close together");
    }

    #[test]
    fn plural_categories_follow_cldr() {
        use Plural::*;
        let got: Vec<Plural> = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 110, 111, 199, 200, 1000, 1011]
            .into_iter()
            .map(plural_ar)
            .collect();
        assert_eq!(
            got,
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Other, Few, Few, Many, Many, Other, Other, Many]
        );
    }

    #[test]
    fn names_sort_without_the_article() {
        let mut ar = vec![
            "الصين",
            "روسيا",
            "ألمانيا",
            "إيران",
            "المملكة المتحدة",
            "الولايات المتحدة",
            "قطر",
            "السعودية",
            "كوبا",
            "ألبانيا",
        ];
        ar.sort_by_key(|n| sort_key(Lang::Ar, n));
        assert_eq!(
            ar,
            [
                "ألبانيا",
                "ألمانيا",
                "إيران",
                "روسيا",
                "السعودية",
                "الصين",
                "قطر",
                "كوبا",
                "المملكة المتحدة",
                "الولايات المتحدة"
            ]
        );
        let mut en = vec!["the Netherlands", "China", "iran", "United States"];
        en.sort_by_key(|n| sort_key(Lang::En, n));
        assert_eq!(en, ["China", "iran", "the Netherlands", "United States"]);
    }

    #[test]
    fn dates_print_at_their_precision_in_both_languages() {
        let d = |s: &str, p| PartialDate::parse(s, p).unwrap();
        assert_eq!(
            format_date(with(Lang::Ar, Digits::Arab, Calendar::Gregory), &d("2023-11-15", Precision::Day)),
            "١٥ نوفمبر ٢٠٢٣"
        );
        assert_eq!(
            format_date(with(Lang::En, Digits::Arab, Calendar::Gregory), &d("2023-11-15", Precision::Day)),
            "15 November 2023"
        );
        assert_eq!(format_date(AR, &d("2023-11-15", Precision::Day)), "15 نوفمبر 2023");
        assert_eq!(format_date(EN, &d("2023-11-15", Precision::Day)), "15 November 2023");
        assert_eq!(format_date(AR, &d("2021-10", Precision::Month)), "أكتوبر 2021");
        assert_eq!(format_date(EN, &d("2021-10", Precision::Month)), "October 2021");
        assert_eq!(format_date(AR, &d("2016", Precision::Year)), "2016");
        assert_eq!(format_parts(EN, Precision::Month, 2024, 1, 1), "January 2024");
    }

    #[test]
    fn hijri_dates_come_first_and_say_what_the_data_does_not_know() {
        set_hijri(umm_al_qura);
        let (ar, en) =
            (with(Lang::Ar, Digits::Latn, Calendar::Islamic), with(Lang::En, Digits::Latn, Calendar::Islamic));
        let day = |f, y, m, d| format_parts(f, Precision::Day, y, m, d);
        assert_eq!(day(ar, 2024, 2, 14), "4 شعبان 1445 هـ (14 فبراير 2024 م)");
        assert_eq!(day(en, 2024, 2, 14), "4 Shaban 1445 AH (14 February 2024)");
        assert_eq!(
            day(with(Lang::Ar, Digits::Arab, Calendar::Islamic), 2023, 11, 15),
            "١ جمادى الأولى ١٤٤٥ هـ (١٥ نوفمبر ٢٠٢٣ م)"
        );
        // A Gregorian month covers parts of two Hijri months (and may cross a Hijri year).
        assert_eq!(format_parts(ar, Precision::Month, 2024, 2, 1), "رجب–شعبان 1445 هـ (فبراير 2024 م)");
        assert_eq!(format_parts(en, Precision::Month, 2024, 2, 1), "Rajab–Shaban 1445 AH (February 2024)");
        assert_eq!(format_parts(ar, Precision::Month, 2024, 7, 1), "ذو الحجة 1445 – محرم 1446 هـ (يوليو 2024 م)");
        assert_eq!(format_parts(en, Precision::Month, 2025, 3, 1), "Ramadan–Shawwal 1446 AH (March 2025)");
        // A year covers parts of two Hijri years.
        assert_eq!(format_parts(ar, Precision::Year, 2024, 1, 1), "1445–1446 هـ (2024 م)");
        assert_eq!(
            format_parts(with(Lang::Ar, Digits::Arab, Calendar::Islamic), Precision::Year, 2024, 1, 1),
            "١٤٤٥–١٤٤٦ هـ (٢٠٢٤ م)"
        );
        assert_eq!(format_parts(en, Precision::Year, 2024, 1, 1), "1445–1446 AH (2024)");
        // Outside the calendar's data: the Gregorian date alone.
        assert_eq!(day(ar, 1990, 1, 1), "1 يناير 1990");
        // The Gregorian calendar ignores the source.
        assert_eq!(day(AR, 2024, 2, 14), "14 فبراير 2024");
    }

    #[test]
    fn arabic_indic_digits_in_the_arabic_interface_only() {
        let (ar, en) =
            (with(Lang::Ar, Digits::Arab, Calendar::Gregory), with(Lang::En, Digits::Arab, Calendar::Gregory));
        assert_eq!(EVENTS.count(ar, 2333), "٢٬٣٣٣ حدثًا");
        assert_eq!(EVENTS.count(ar, 12), "١٢ حدثًا");
        assert_eq!(EVENTS.count(ar, 2), "حدثان");
        assert_eq!(CLOSE_EVENTS.count_with_digits(ar, 2), "٢ — حدثان متقاربان");
        assert_eq!(number(ar, 1_234_567), "١٬٢٣٤٬٥٦٧");
        assert_eq!(ar.year(2024), "٢٠٢٤");
        assert_eq!(EVENTS.count(en, 2333), "2,333 events");
        assert_eq!(en.year(2024), "2024");
        assert!(AR.axis_rtl() && !EN.axis_rtl());
        assert!(!Fmt { lang: Lang::Ar, reading: Reading { axis: crate::vocab::Axis::Ltr, ..READ } }.axis_rtl());
    }
}
