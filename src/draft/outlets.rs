//! News outlets an article cites ("بحسب صحيفة فايننشال تايمز", "وفق ما ذكرت رويترز"), for the
//! article record's `outlets`, in both languages. Outlet names that contain a place name no state
//! ([`super::gazetteer`] reads them as nothing).

use crate::data::wire::Text;
use crate::search::normalize;

/// (Arabic form, English name, needs a word such as صحيفة or وكالة before it): a name that is
/// also a common word ("الجزيرة" is "the island", "الشرق الأوسط" "the Middle East") counts only
/// after one.
pub const OUTLETS: &[(&str, &str, bool)] = &[
    ("رويترز", "Reuters", false),
    ("فرانس برس", "Agence France-Presse", false),
    ("فرانس بريس", "Agence France-Presse", false),
    ("أسوشيتد برس", "Associated Press", false),
    ("أسوشيتيد برس", "Associated Press", false),
    ("بلومبرغ", "Bloomberg", false),
    ("بلومبيرغ", "Bloomberg", false),
    ("بلومبرج", "Bloomberg", false),
    ("فايننشال تايمز", "Financial Times", false),
    ("فاينانشيال تايمز", "Financial Times", false),
    ("فاينانشال تايمز", "Financial Times", false),
    ("فايننشيال تايمز", "Financial Times", false),
    ("واشنطن بوست", "The Washington Post", false),
    ("واشنطن تايمز", "The Washington Times", false),
    ("نيويورك تايمز", "The New York Times", false),
    ("وول ستريت جورنال", "The Wall Street Journal", false),
    ("لوس أنجلوس تايمز", "Los Angeles Times", false),
    ("سي إن إن", "CNN", false),
    ("بي بي سي", "BBC", false),
    ("سكاي نيوز", "Sky News", false),
    ("الغارديان", "The Guardian", false),
    ("الجارديان", "The Guardian", false),
    ("التايمز", "The Times", true),
    ("ديلي تلغراف", "The Daily Telegraph", false),
    ("الإندبندنت", "The Independent", false),
    ("بوليتيكو", "Politico", false),
    ("أكسيوس", "Axios", false),
    ("فورين بوليسي", "Foreign Policy", false),
    ("الجزيرة", "Al Jazeera", true),
    ("العربية", "Al Arabiya", true),
    ("الشرق الأوسط", "Asharq Al-Awsat", true),
    ("شينخوا", "Xinhua", false),
    ("تاس", "TASS", true),
    ("ريا نوفوستي", "RIA Novosti", false),
    ("روسيا اليوم", "RT", true),
    ("فرانس 24", "France 24", false),
    ("فرنسا 24", "France 24", false),
    ("دويتشه فيله", "Deutsche Welle", false),
    ("كيودو", "Kyodo News", false),
    ("يونهاب", "Yonhap", false),
    ("الأناضول", "Anadolu Agency", true),
    ("إرنا", "IRNA", true),
    ("وكالة الأنباء السعودية", "Saudi Press Agency", false),
    ("واس", "Saudi Press Agency", true),
    ("وكالة أنباء الإمارات", "Emirates News Agency", false),
    ("وام", "Emirates News Agency", true),
    ("وكالة الأنباء القطرية", "Qatar News Agency", false),
    ("قنا", "Qatar News Agency", true),
    ("وكالة أنباء الشرق الأوسط", "Middle East News Agency", false),
    ("جيروزاليم بوست", "The Jerusalem Post", false),
    ("تايمز أوف إسرائيل", "The Times of Israel", false),
    ("هآرتس", "Haaretz", false),
    ("صوت أمريكا", "Voice of America", false),
    ("صوت أميركا", "Voice of America", false),
    ("موسكو تايمز", "The Moscow Times", false),
    ("جابان تايمز", "The Japan Times", false),
    ("ساوث تشاينا مورنينغ بوست", "South China Morning Post", false),
    ("لوموند", "Le Monde", false),
    ("دير شبيغل", "Der Spiegel", false),
];

/// Words that name a medium before an outlet's name.
const MEDIA: &[&str] = &["صحيفة", "جريدة", "قناة", "وكالة", "موقع", "شبكة", "مجلة", "تلفزيون", "إذاعة"];

/// The outlets `text` names, each once, in order of first mention, the Arabic as written in the
/// table above.
pub fn cited(text: &str) -> Vec<Text> {
    let words: Vec<String> = normalize(text).split(' ').map(str::to_owned).collect();
    // Each word's bases once ("ولرويترز" → رويترز), and whether it names a medium.
    let bases: Vec<Vec<String>> =
        words.iter().map(|w| super::words::bases(w).into_iter().map(|b| b.into_owned()).collect()).collect();
    let media: Vec<String> = MEDIA.iter().map(|m| normalize(m)).collect();
    let medium: Vec<bool> = bases.iter().map(|b| b.iter().any(|b| media.contains(b))).collect();
    let mut found: Vec<(usize, &(&str, &str, bool))> = Vec::new();
    for outlet in OUTLETS {
        let name: Vec<String> = normalize(outlet.0).split(' ').map(str::to_owned).collect();
        let at = (0..words.len()).find(|&i| {
            bases[i].contains(&name[0])
                && words.get(i + 1..i + name.len()).is_some_and(|rest| rest == &name[1..])
                && (!outlet.2 || i.checked_sub(1).is_some_and(|p| medium[p]))
        });
        if let Some(at) = at {
            found.push((at, outlet));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut out: Vec<Text> = Vec::new();
    for (_, (ar, en, _)) in found {
        if !out.iter().any(|t| t.en == *en) {
            out.push(Text { ar: (*ar).to_owned(), en: (*en).to_owned() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_found_once_and_ambiguous_names_need_a_medium() {
        let t = "وقالت وكالة رويترز إن الوفد وصل. وذكرت فاينانشيال تايمز أن الجزيرة العربية تشهد توتراً، \
                 ونقلت قناة الجزيرة عن رويترز";
        let en: Vec<String> = cited(t).into_iter().map(|o| o.en).collect();
        assert_eq!(en, ["Reuters", "Financial Times", "Al Jazeera"]);
    }
}
