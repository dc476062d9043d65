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

#[cfg(test)]
mod tests {
    use super::*;

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
