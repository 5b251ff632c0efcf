//! Which country codes have a flag in `public/flags/` (flag-icons 7.5.0, MIT: every ISO 3166-1
//! alpha-2 flag, plus EU, UN, Kosovo and a few territories it draws; drawn from its SVGs in
//! `vendor/flag-icons/` as 96×72 WebP images by `tests/browser/flags.mjs`). A code outside this
//! list gets the neutral mark and no request, so a re-user's dataset never asks for a missing
//! file. A test keeps the list equal to the folder.

/// The codes, lowercase, sorted, one space apart.
const CODES: &str = "ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cp cr cu cv cw cx cy cz de dg dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu ic id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pc pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um un us uy uz va vc ve vg vi vn vu wf ws xk ye yt za zm zw";

/// The site-relative file of `code`'s flag (`flags/cn.webp` for `CN`), if one is bundled.
pub fn file(code: &str) -> Option<String> {
    let code = code.to_ascii_lowercase();
    // 256 codes: a scan costs less code than an index and nothing a reader could notice.
    codes().any(|c| c == code).then(|| format!("flags/{code}.webp"))
}

/// Every bundled code (for the test that keeps the list equal to the folder).
pub fn codes() -> impl Iterator<Item = &'static str> {
    CODES.split(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_with_and_without_flags() {
        assert_eq!(file("CN").as_deref(), Some("flags/cn.webp"));
        assert_eq!(file("ad").as_deref(), Some("flags/ad.webp"));
        assert_eq!(file("ZW").as_deref(), Some("flags/zw.webp"));
        assert_eq!(file("EU").as_deref(), Some("flags/eu.webp"));
        for none in ["AA", "ZZ", "XX", "", "C", "CNN", "ab"] {
            assert_eq!(file(none), None, "{none}");
        }
        let all: Vec<&str> = codes().collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]) && all.iter().all(|c| c.len() == 2));
        assert!(all.iter().all(|c| file(c).is_some()));
    }
}
