//! The Umm al-Qura day of a Gregorian day, from the browser's Intl (ICU's calendar data) with a
//! pinned locale. `i18n::format_date` writes the text around it; this gives it numbers only.

use wasm_bindgen::JsValue;

use crate::i18n::HijriDay;

/// The calendar asked for: Umm al-Qura, Latin digits, in UTC (a date, not an instant).
const LOCALE: &str = "en-u-ca-islamic-umalqura-nu-latn";

thread_local! {
    /// The formatter, if this browser has the calendar (an unknown calendar falls back silently
    /// to the Gregorian one: that would print Gregorian numbers as Hijri).
    static FORMAT: Option<js_sys::Intl::DateTimeFormat> = {
        let options = js_sys::Object::new();
        for (k, v) in [("timeZone", "UTC"), ("year", "numeric"), ("month", "numeric"), ("day", "numeric")] {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        }
        let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&LOCALE.into()), &options);
        let calendar = js_sys::Reflect::get(&f.resolved_options(), &"calendar".into()).ok().and_then(|c| c.as_string());
        (calendar.as_deref() == Some("islamic-umalqura")).then_some(f)
    };
}

/// The Umm al-Qura day of the Gregorian day (`year`, `month`, `day`), or `None` where this
/// browser cannot say. Not cached: a few microseconds, for the few dates a view shows (a cache
/// cost more bytes than it saved time).
pub fn hijri(year: i32, month: u8, day: u8) -> Option<HijriDay> {
    FORMAT.with(|f| {
        let f = f.as_ref()?;
        let ms = js_sys::Date::utc(f64::from(year), f64::from(month) - 1.0) + (f64::from(day) - 1.0) * 86_400_000.0;
        let parts = f.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(ms)));
        let (mut y, mut m, mut d) = (None, None, None);
        for part in parts.iter() {
            let get = |k: &str| js_sys::Reflect::get(&part, &k.into()).ok().and_then(|v| v.as_string());
            let (Some(kind), Some(value)) = (get("type"), get("value")) else { continue };
            match kind.as_str() {
                "year" => y = value.parse().ok(),
                "month" => m = value.parse().ok(),
                "day" => d = value.parse().ok(),
                _ => {}
            }
        }
        Some((y?, m.filter(|m| (1..=12).contains(m))?, d.filter(|d| (1..=30).contains(d))?))
    })
}
