//! Offline full-text search: text folding, a small inverted index, and queries with snippets.
//!
//! [`fold`] is the one folding function of the app: the search and the quiz's short-text answers
//! both use it, so "Öffentlichkeit", "oeffentlichkeit" and "OEFFENTLICHKEIT" are the same word.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Module,
    Lesson,
    Case,
    Blueprint,
    Glossary,
}

/// One searchable document in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub kind: DocKind,
    /// The in-app address of the document.
    pub href: String,
    pub title: String,
    /// Plain text (markdown already flattened).
    pub text: String,
}

/// `content/search/<lang>.json`: the searchable documents of one language, written with the
/// catalog at publishing time (`make catalog`), so the first search reads one file instead of
/// every module and parses no markdown. The content test fails when it is out of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchFile {
    /// Content format version, see [`crate::content::CONTENT_FORMAT`].
    pub format: u32,
    pub lang: String,
    pub docs: Vec<Doc>,
}

impl SearchFile {
    /// The path of the file of `lang` under `content/`.
    pub fn path(lang: &str) -> String {
        format!("search/{lang}.json")
    }
}

/// An inverted index over folded words of titles and texts.
///
/// A query touches only the vocabulary range of each typed prefix and the postings under it;
/// snippets are cut for the hits shown, never for every match.
#[derive(Debug, Clone, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Folded word → `(document, occurrences in its text)`, in document order. A word that is
    /// only in a title has 0 occurrences.
    postings: BTreeMap<String, Vec<(u32, u32)>>,
    /// Folded word → documents whose title contains it, in document order.
    title_postings: BTreeMap<String, Vec<u32>>,
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
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        let mut titled: BTreeSet<String> = BTreeSet::new();
        for (i, doc) in docs.iter().enumerate() {
            let i = i as u32;
            counts.clear();
            titled.clear();
            for (s, e) in words(&doc.title) {
                let w = fold(&doc.title[s..e]);
                counts.entry(w.clone()).or_default();
                titled.insert(w);
            }
            for (s, e) in words(&doc.text) {
                *counts.entry(fold(&doc.text[s..e])).or_default() += 1;
            }
            for (w, n) in std::mem::take(&mut counts) {
                index.postings.entry(w).or_default().push((i, n));
            }
            for w in std::mem::take(&mut titled) {
                index.title_postings.entry(w).or_default().push(i);
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

    /// The entries of `map` whose word starts with `prefix` (folded).
    fn prefix_range<'a, V>(
        map: &'a BTreeMap<String, V>,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a V> + 'a {
        map.range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ))
        .take_while(move |(w, _)| w.starts_with(prefix))
        .map(|(_, v)| v)
    }

    /// Finds documents containing every query word (each as a prefix, so results appear while
    /// typing). Title matches rank first. At most `limit` hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut terms: Vec<String> = words(query)
            .into_iter()
            .map(|(s, e)| fold(&query[s..e]))
            .collect();
        terms.sort();
        terms.dedup();
        if terms.is_empty() {
            return Vec::new();
        }
        // Document → (occurrences of any term in its text, terms found in its title), for the
        // documents that contain every term.
        let mut found: Option<BTreeMap<u32, (u32, u32)>> = None;
        for t in &terms {
            let mut docs: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
            for list in Self::prefix_range(&self.postings, t) {
                for &(d, n) in list {
                    docs.entry(d).or_default().0 += n;
                }
            }
            let mut in_title: BTreeSet<u32> = BTreeSet::new();
            for list in Self::prefix_range(&self.title_postings, t) {
                in_title.extend(list.iter().copied());
            }
            for d in in_title {
                if let Some(e) = docs.get_mut(&d) {
                    e.1 += 1;
                }
            }
            found = Some(match found {
                None => docs,
                Some(mut f) => {
                    f.retain(|d, _| docs.contains_key(d));
                    for (d, e) in f.iter_mut() {
                        let (n, t) = docs[d];
                        e.0 += n;
                        e.1 += t;
                    }
                    f
                }
            });
            if found.as_ref().is_some_and(|f| f.is_empty()) {
                return Vec::new();
            }
        }
        let mut ranked: Vec<(u32, u32)> = found
            .unwrap_or_default()
            .into_iter()
            .map(|(d, (count, title_terms))| {
                let kind_bonus = match self.docs[d as usize].kind {
                    DocKind::Glossary => 2,
                    DocKind::Module | DocKind::Lesson => 1,
                    _ => 0,
                };
                (d, title_terms * 100 + kind_bonus * 10 + count.min(9))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                self.docs[a.0 as usize]
                    .title
                    .cmp(&self.docs[b.0 as usize].title)
            })
        });
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(d, score)| {
                let doc = &self.docs[d as usize];
                Hit {
                    kind: doc.kind,
                    href: doc.href.clone(),
                    title: doc.title.clone(),
                    snippet: snippet(&doc.text, &terms),
                    score,
                }
            })
            .collect()
    }
}

/// The passage around the first word that matches a term. Only the words up to the first match
/// and the passage itself are folded.
fn snippet(text: &str, terms: &[String]) -> Vec<Fragment> {
    let ws = words(text);
    let is_match = |(s, e): (usize, usize)| {
        let w = fold(&text[s..e]);
        terms.iter().any(|t| w.starts_with(t.as_str()))
    };
    let Some(first) = ws.iter().position(|w| is_match(*w)) else {
        let end = ws.get(SNIPPET_WORDS * 2).map(|w| w.0).unwrap_or(text.len());
        return vec![Fragment::Plain(text[..end].trim().to_owned())];
    };
    let from = first.saturating_sub(SNIPPET_WORDS / 2);
    let to = (from + SNIPPET_WORDS * 2).min(ws.len());
    let mut out = Vec::new();
    if from > 0 {
        out.push(Fragment::Plain("… ".into()));
    }
    let mut cursor = ws[from].0;
    for &(s, e) in &ws[from..to] {
        if is_match((s, e)) {
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
    out
}

/// The searchable documents of all content in one language. Markdown is read parsed (see
/// [`crate::content::MarkdownFields`]); the content tools parse a bundle before they index it.
pub fn documents(
    lang: &str,
    modules: &[crate::content::Module],
    cases: &[crate::content::Case],
    blueprints: &[crate::content::Blueprint],
    glossary: &[crate::content::GlossaryTerm],
) -> Vec<Doc> {
    // Texts are read as loading leaves them: parsed (source would be indexed as written).
    let flat = |md: &crate::markdown::Markdown| md.plain_text();
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

    #[test]
    fn the_limit_keeps_the_best_hits_and_repeated_words_rank_higher() {
        let mut docs: Vec<Doc> = (0..200)
            .map(|i| Doc {
                kind: DocKind::Case,
                href: format!("/cases/c{i:03}"),
                title: format!("Fall {i:03}"),
                text: if i == 150 {
                    "Beratung, Beratung und nochmals Beratung.".into()
                } else {
                    "Eine Beratung im Quartier.".into()
                },
            })
            .collect();
        docs.push(Doc {
            kind: DocKind::Case,
            href: "/cases/title".into(),
            title: "Beratungsnetzwerk".into(),
            text: "Wer berät wen?".into(),
        });
        let idx = Index::new(docs);
        let hits = idx.search("beratung", 5);
        let hrefs: Vec<&str> = hits.iter().map(|h| h.href.as_str()).collect();
        // Title first, then three occurrences, then the rest by title.
        assert_eq!(
            hrefs,
            [
                "/cases/title",
                "/cases/c150",
                "/cases/c000",
                "/cases/c001",
                "/cases/c002"
            ]
        );
        assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
        // A word typed twice counts once.
        assert_eq!(idx.search("beratung Beratung", 500).len(), 201);
    }
}
