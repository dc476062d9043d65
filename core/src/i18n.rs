//! UI strings as data: one flat JSON object per language in `content/i18n/<code>.json`,
//! mapping a key such as `nav.catalog` to its text. `{name}` marks a placeholder.
//!
//! English is complete by rule (a test checks it); any key missing in another language falls back
//! to English, and a key missing everywhere shows the key itself, so a gap is visible, never blank.

use std::collections::BTreeMap;

/// The strings of one language, with English as the fallback.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Strings {
    lang: String,
    own: BTreeMap<String, String>,
    fallback: BTreeMap<String, String>,
}

/// A string file could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("UI strings for {lang:?} are not valid: {detail}")]
pub struct StringsError {
    pub lang: String,
    pub detail: String,
}

/// Parses one string file (a flat JSON object of strings).
pub fn parse_strings(lang: &str, json: &str) -> Result<BTreeMap<String, String>, StringsError> {
    serde_json::from_str(json).map_err(|e| StringsError {
        lang: lang.to_owned(),
        detail: e.to_string(),
    })
}

impl Strings {
    /// Strings for `lang`, with `fallback` (English) behind them.
    pub fn new(
        lang: &str,
        own: BTreeMap<String, String>,
        fallback: BTreeMap<String, String>,
    ) -> Self {
        Strings {
            lang: lang.to_owned(),
            own,
            fallback,
        }
    }

    /// The language code these strings are for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// This language's own strings.
    pub fn own(&self) -> &BTreeMap<String, String> {
        &self.own
    }

    /// The English strings behind this language.
    pub fn fallback(&self) -> &BTreeMap<String, String> {
        &self.fallback
    }

    /// The text for `key`.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.own
            .get(key)
            .or_else(|| self.fallback.get(key))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders replaced.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The form of `key` for a plural category (`one`, `few`, `many`, `other` …, as the
    /// browser's `Intl.PluralRules` names them) with placeholders filled. A string file gives a
    /// form as `key#one`; the plain `key` is the form for every category not given. The active
    /// language's forms come before English ones.
    pub fn plural(&self, key: &str, category: &str, args: &[(&str, &str)]) -> String {
        let form = format!("{key}#{category}");
        let text = self
            .own
            .get(&form)
            .or_else(|| self.own.get(key))
            .or_else(|| self.fallback.get(&form))
            .or_else(|| self.fallback.get(key))
            .map(String::as_str)
            .unwrap_or(key);
        fill(text, args)
    }
}

/// Replaces `{name}` placeholders in `template`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Languages (primary subtags) whose numbers are written with the digits 0–9: their default
/// numbering system in the Unicode CLDR is `latn`. A language not listed here is not wrong, only
/// slower: its numbers always go through the browser's number formatting. A browser test checks
/// the list against the browser's own formatting.
pub const LATIN_DIGITS: &[&str] = &[
    "af", "am", "az", "be", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu",
    "fi", "fil", "fr", "ga", "gl", "he", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk",
    "ko", "ku", "lt", "lv", "mk", "ms", "mt", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk",
    "sl", "so", "sq", "sr", "sv", "sw", "ti", "tr", "uk", "vi", "zh",
];

/// A whole number below 1,000 as a language in [`LATIN_DIGITS`] writes it: its digits, with no
/// separator. `None` for any other number or language, which needs the browser's number
/// formatting (`Intl.NumberFormat`). The browser loads its number data on the first use, which
/// costs a cheap phone a long pause; the counts on the first screen never need it.
pub fn plain_number(value: f64, lang: &str) -> Option<String> {
    let primary = lang.split(['-', '_']).next()?.to_ascii_lowercase();
    let plain = value.fract() == 0.0
        && (0.0..1000.0).contains(&value)
        && !lang.contains("-u-")
        && LATIN_DIGITS.contains(&primary.as_str());
    plain.then(|| (value as u32).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_whole_numbers_in_latin_digit_languages_need_no_number_formatting() {
        assert_eq!(plain_number(4.0, "de").as_deref(), Some("4"));
        assert_eq!(plain_number(0.0, "en").as_deref(), Some("0"));
        assert_eq!(plain_number(999.0, "de-AT").as_deref(), Some("999"));
        assert_eq!(plain_number(1000.0, "de"), None, "grouped: 1.000");
        assert_eq!(plain_number(2.5, "en"), None, "a fraction");
        assert_eq!(plain_number(-1.0, "en"), None);
        assert_eq!(plain_number(4.0, "fa"), None, "Persian digits");
        assert_eq!(plain_number(4.0, "ar"), None, "digits vary by region");
        assert_eq!(plain_number(4.0, "en-u-nu-arab"), None);
        let mut sorted = LATIN_DIGITS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, LATIN_DIGITS, "sorted, each once");
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn plural_forms_come_from_the_language_then_english() {
        let s = Strings::new(
            "de",
            map(&[
                ("cases.count#one", "{count} Praxisfall"),
                ("cases.count", "{count} Praxisfälle"),
                ("steps", "{count} Schritte"),
            ]),
            map(&[
                ("cases.count#one", "{count} case"),
                ("cases.count", "{count} cases"),
                ("steps#one", "{count} step"),
                ("steps", "{count} steps"),
            ]),
        );
        assert_eq!(
            s.plural("cases.count", "one", &[("count", "1")]),
            "1 Praxisfall"
        );
        assert_eq!(
            s.plural("cases.count", "other", &[("count", "3")]),
            "3 Praxisfälle"
        );
        // German has only the general form: it is used for every category.
        assert_eq!(s.plural("steps", "one", &[("count", "1")]), "1 Schritte");
        assert_eq!(s.plural("missing", "one", &[]), "missing");
    }

    #[test]
    fn falls_back_to_english_then_to_the_key() {
        let s = Strings::new(
            "de",
            map(&[("a", "A-de")]),
            map(&[("a", "A-en"), ("b", "B-en")]),
        );
        assert_eq!(s.get("a"), "A-de");
        assert_eq!(s.get("b"), "B-en");
        assert_eq!(s.get("c"), "c");
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Strings::new("en", map(&[("x", "{n} of {total} done")]), BTreeMap::new());
        assert_eq!(s.format("x", &[("n", "2"), ("total", "5")]), "2 of 5 done");
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        assert!(parse_strings("de", "{\"a\": 1}").is_err());
        assert!(parse_strings("de", "{").is_err());
    }
}
