//! Offline full-text search: text folding, a small inverted index, and queries with snippets.
//!
//! [`fold`] is the one folding function of the app: the search and the quiz's short-text answers
//! both use it, so "Öffentlichkeit", "oeffentlichkeit" and "OEFFENTLICHKEIT" are the same word.

use std::collections::{BTreeMap, BTreeSet};

/// Folds text for comparison: lowercase; German umlauts and ß to their two-letter spellings
/// (ä→ae, ö→oe, ü→ue, ß→ss); other Latin diacritics removed (é→e, ł→l); whitespace collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for l in c.to_lowercase() {
            match l {
                'ä' => out.push_str("ae"),
                'ö' => out.push_str("oe"),
                'ü' => out.push_str("ue"),
                'ß' => out.push_str("ss"),
                other => out.push(strip_diacritic(other)),
            }
        }
    }
    out
}

/// Maps a lowercase Latin letter with a diacritic to its base letter.
fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ł' | 'ľ' | 'ļ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ž' | 'ż' => 'z',
        other => other,
    }
}

/// Splits text into words (letters and digits), with their byte ranges in the original.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// What a search result points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    Module,
    Lesson,
    Case,
    Blueprint,
    Glossary,
}

/// One searchable document in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub kind: DocKind,
    /// The in-app address of the document.
    pub href: String,
    pub title: String,
    /// Plain text (markdown already flattened).
    pub text: String,
}

/// An inverted index over folded words of titles and texts.
#[derive(Debug, Clone, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Folded word → documents containing it.
    postings: BTreeMap<String, BTreeSet<usize>>,
    /// Folded word → documents whose title contains it.
    title_postings: BTreeMap<String, BTreeSet<usize>>,
}

/// A part of a snippet: plain, or a matched word to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    Plain(String),
    Match(String),
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: DocKind,
    pub href: String,
    pub title: String,
    /// The passage around the first match, with matches marked.
    pub snippet: Vec<Fragment>,
    pub score: u32,
}

/// Words around the first match shown in a snippet.
const SNIPPET_WORDS: usize = 12;

impl Index {
    /// Builds the index.
    pub fn new(docs: Vec<Doc>) -> Self {
        let mut index = Index::default();
        for (i, doc) in docs.iter().enumerate() {
            for (s, e) in words(&doc.title) {
                let w = fold(&doc.title[s..e]);
                index.title_postings.entry(w.clone()).or_default().insert(i);
                index.postings.entry(w).or_default().insert(i);
            }
            for (s, e) in words(&doc.text) {
                index
                    .postings
                    .entry(fold(&doc.text[s..e]))
                    .or_default()
                    .insert(i);
            }
        }
        index.docs = docs;
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Documents containing a word that starts with `prefix` (folded), in `postings`.
    fn prefix_docs(map: &BTreeMap<String, BTreeSet<usize>>, prefix: &str) -> BTreeSet<usize> {
        map.range(prefix.to_owned()..)
            .take_while(|(w, _)| w.starts_with(prefix))
            .flat_map(|(_, d)| d.iter().copied())
            .collect()
    }

    /// Finds documents containing every query word (each as a prefix, so results appear while
    /// typing). Title matches rank first. At most `limit` hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = words(query)
            .into_iter()
            .map(|(s, e)| fold(&query[s..e]))
            .collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut found: Option<BTreeSet<usize>> = None;
        for t in &terms {
            let docs = Self::prefix_docs(&self.postings, t);
            found = Some(match found {
                None => docs,
                Some(f) => f.intersection(&docs).copied().collect(),
            });
        }
        let mut hits: Vec<Hit> = found
            .unwrap_or_default()
            .into_iter()
            .map(|i| {
                let doc = &self.docs[i];
                let title_terms = terms
                    .iter()
                    .filter(|t| Self::prefix_docs(&self.title_postings, t).contains(&i))
                    .count() as u32;
                let (snippet, count) = snippet(&doc.text, &terms);
                let kind_bonus = match doc.kind {
                    DocKind::Glossary => 2,
                    DocKind::Module | DocKind::Lesson => 1,
                    _ => 0,
                };
                Hit {
                    kind: doc.kind,
                    href: doc.href.clone(),
                    title: doc.title.clone(),
                    snippet,
                    score: title_terms * 100 + kind_bonus * 10 + count.min(9),
                }
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.title.cmp(&b.title)));
        hits.truncate(limit);
        hits
    }
}

/// The passage around the first word that matches a term, and how many words match in all.
fn snippet(text: &str, terms: &[String]) -> (Vec<Fragment>, u32) {
    let ws = words(text);
    let matches: Vec<bool> = ws
        .iter()
        .map(|(s, e)| {
            let w = fold(&text[*s..*e]);
            terms.iter().any(|t| w.starts_with(t.as_str()))
        })
        .collect();
    let count = matches.iter().filter(|m| **m).count() as u32;
    let Some(first) = matches.iter().position(|m| *m) else {
        let end = ws.get(SNIPPET_WORDS * 2).map(|w| w.0).unwrap_or(text.len());
        return (vec![Fragment::Plain(text[..end].trim().to_owned())], 0);
    };
    let from = first.saturating_sub(SNIPPET_WORDS / 2);
    let to = (from + SNIPPET_WORDS * 2).min(ws.len());
    let mut out = Vec::new();
    if from > 0 {
        out.push(Fragment::Plain("… ".into()));
    }
    let mut cursor = ws[from].0;
    for i in from..to {
        let (s, e) = ws[i];
        if matches[i] {
            if cursor < s {
                out.push(Fragment::Plain(text[cursor..s].to_owned()));
            }
            out.push(Fragment::Match(text[s..e].to_owned()));
            cursor = e;
        }
    }
    let end = ws[to - 1].1;
    if cursor < end {
        out.push(Fragment::Plain(text[cursor..end].to_owned()));
    }
    if to < ws.len() {
        out.push(Fragment::Plain(" …".into()));
    }
    (out, count)
}

/// The searchable documents of all content in one language.
pub fn documents(
    lang: &str,
    modules: &[crate::content::Module],
    cases: &[crate::content::Case],
    blueprints: &[crate::content::Blueprint],
    glossary: &[crate::content::GlossaryTerm],
) -> Vec<Doc> {
    use crate::markdown::{parse, plain_text};
    let flat = |md: &str| plain_text(&parse(md).nodes);
    let mut docs = Vec::new();
    for m in modules {
        let objectives: Vec<&str> = m.objectives.iter().map(|o| o.get(lang)).collect();
        docs.push(Doc {
            kind: DocKind::Module,
            href: format!("/module/{}", m.id),
            title: m.title.get(lang).to_owned(),
            text: format!("{} {}", m.summary.get(lang), objectives.join(" ")),
        });
        for l in &m.lessons {
            docs.push(Doc {
                kind: DocKind::Lesson,
                href: format!("/module/{}/lesson/{}", m.id, l.id),
                title: l.title.get(lang).to_owned(),
                text: format!(
                    "{}\n{}\n{}",
                    flat(l.body.get(lang)),
                    l.activity.title.get(lang),
                    flat(l.activity.body.get(lang))
                ),
            });
        }
    }
    for c in cases {
        let lessons: Vec<&str> = c.lessons.iter().map(|l| l.get(lang)).collect();
        docs.push(Doc {
            kind: DocKind::Case,
            href: format!("/cases/{}", c.id),
            title: c.title.get(lang).to_owned(),
            text: [
                flat(c.summary.get(lang)),
                flat(c.challenge.get(lang)),
                flat(c.approach.get(lang)),
                flat(c.results.get(lang)),
                lessons.join(" "),
            ]
            .join("\n"),
        });
    }
    for b in blueprints {
        let mut text = vec![b.summary.get(lang).to_owned()];
        for s in &b.steps {
            text.push(s.title.get(lang).to_owned());
            text.push(flat(s.body.get(lang)));
            text.extend(s.checklist.iter().map(|c| c.text.get(lang).to_owned()));
        }
        docs.push(Doc {
            kind: DocKind::Blueprint,
            href: format!("/blueprints/{}", b.id),
            title: b.title.get(lang).to_owned(),
            text: text.join("\n"),
        });
    }
    for t in glossary {
        docs.push(Doc {
            kind: DocKind::Glossary,
            href: format!("/glossary#{}", t.id),
            title: t.term.get(lang).to_owned(),
            text: t.definition.get(lang).to_owned(),
        });
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_treats_umlauts_and_their_spellings_alike() {
        assert_eq!(fold("Öffentlichkeit"), "oeffentlichkeit");
        assert_eq!(fold("Oeffentlichkeit"), "oeffentlichkeit");
        assert_eq!(fold("STRAẞE"), fold("Strasse"));
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Ämter  für\tGeflüchtete "), "aemter fuer gefluechtete");
        assert_eq!(fold("Café Łódź"), "cafe lodz");
        assert_eq!(fold("  "), "");
    }

    #[test]
    fn words_keep_their_positions() {
        let t = "Wer, wo – warum?";
        let w: Vec<&str> = words(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["Wer", "wo", "warum"]);
    }

    fn index() -> Index {
        Index::new(vec![
            Doc {
                kind: DocKind::Lesson,
                href: "/module/a/lesson/x".into(),
                title: "Öffentlichkeitsarbeit im Netzwerk".into(),
                text: "Gute Öffentlichkeit braucht klare Botschaften und einen langen Atem.".into(),
            },
            Doc {
                kind: DocKind::Glossary,
                href: "/glossary#stakeholder".into(),
                title: "Stakeholder".into(),
                text: "Eine Person oder Organisation mit Interesse an der Öffentlichkeit.".into(),
            },
            Doc {
                kind: DocKind::Case,
                href: "/cases/c".into(),
                title: "Wohnen in der Stadt".into(),
                text: "Ein Netzwerk für Wohnraum.".into(),
            },
        ])
    }

    #[test]
    fn umlaut_and_spelled_out_queries_find_the_same_documents() {
        let idx = index();
        let a: Vec<String> = idx
            .search("Öffentlichkeit", 10)
            .into_iter()
            .map(|h| h.href)
            .collect();
        let b: Vec<String> = idx
            .search("Oeffentlichkeit", 10)
            .into_iter()
            .map(|h| h.href)
            .collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
        // The title match ranks first.
        assert_eq!(a[0], "/module/a/lesson/x");
    }

    #[test]
    fn prefixes_match_while_typing_and_all_words_must_match() {
        let idx = index();
        assert_eq!(idx.search("netzw", 10).len(), 2);
        assert_eq!(idx.search("netzwerk wohn", 10).len(), 1);
        assert!(idx.search("zzz", 10).is_empty());
        assert!(idx.search("  ", 10).is_empty());
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let idx = index();
        let hit = &idx.search("oeffentlichkeit", 10)[0];
        assert!(
            hit.snippet
                .contains(&Fragment::Match("Öffentlichkeit".into())),
            "{:?}",
            hit.snippet
        );
        let text: String = hit
            .snippet
            .iter()
            .map(|f| match f {
                Fragment::Plain(s) | Fragment::Match(s) => s.as_str(),
            })
            .collect();
        assert!(text.contains("Gute Öffentlichkeit braucht"), "{text}");
    }
}
