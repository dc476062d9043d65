//! Markdown to a safe document tree.
//!
//! Lesson text is written by partners and must be treated as untrusted. It is parsed with
//! pulldown-cmark into [`Node`]s that can only express what lessons need: there is no node for raw
//! HTML, so `<script>` or `onerror=` can never reach the DOM, and a link is only a link when its
//! target is one of the [`LinkTarget`] kinds (http(s), mailto, an in-app path, a glossary entry or
//! an anchor). Everything else keeps its text and loses its link.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use serde::{Deserialize, Serialize};

/// Deeper nesting than this is flattened into its parent, so hostile input cannot exhaust the
/// stack of the renderer.
pub const MAX_DEPTH: usize = 24;

/// A node of a rendered document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// A heading with an anchor id derived from its text (unique within the document).
    Heading {
        level: u8,
        anchor: String,
        children: Vec<Node>,
    },
    Paragraph(Vec<Node>),
    /// A list; each item is a sequence of nodes.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Node>>,
    },
    Quote(Vec<Node>),
    /// A table: header cells and rows of cells.
    Table {
        head: Vec<Vec<Node>>,
        rows: Vec<Vec<Vec<Node>>>,
    },
    CodeBlock(String),
    Rule,
    Text(String),
    Emphasis(Vec<Node>),
    Strong(Vec<Node>),
    Strikethrough(Vec<Node>),
    Code(String),
    Link {
        target: LinkTarget,
        children: Vec<Node>,
    },
    LineBreak,
}

/// Where a safe link points. A target read from JSON (the build's parsed texts) is checked as a
/// parsed one is: `{"External": "javascript:…"}` is an error, never a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredTarget")]
pub enum LinkTarget {
    /// `http://`, `https://` or `mailto:`: opens in a new tab.
    External(String),
    /// A path inside the app, starting with `/`.
    Internal(String),
    /// `glossary:<id>`: opens the glossary entry.
    Glossary(String),
    /// `#anchor` within the same page.
    Anchor(String),
}

/// A link target as JSON holds it, before [`LinkTarget::classify`] has accepted it.
#[derive(Deserialize)]
enum StoredTarget {
    External(String),
    Internal(String),
    Glossary(String),
    Anchor(String),
}

impl TryFrom<StoredTarget> for LinkTarget {
    type Error = String;

    fn try_from(stored: StoredTarget) -> Result<Self, String> {
        let (dest, claimed) = match stored {
            StoredTarget::External(d) => (d.clone(), LinkTarget::External(d)),
            StoredTarget::Internal(d) => (d.clone(), LinkTarget::Internal(d)),
            StoredTarget::Glossary(id) => (format!("glossary:{id}"), LinkTarget::Glossary(id)),
            StoredTarget::Anchor(a) => (format!("#{a}"), LinkTarget::Anchor(a)),
        };
        match LinkTarget::classify(&dest) {
            Some(target) if target == claimed => Ok(target),
            _ => Err(format!("link target {dest:?} is not allowed")),
        }
    }
}

/// Markdown in one language, as a content file holds it: the source an author wrote (a JSON
/// string), or the safe tree the build parsed it into (a JSON array of [`Node`]s).
///
/// `content/` holds source. The build ships every text parsed (`content-check --compile`), so the
/// app draws trees and has no parser; source that reaches it anyway (a file that did not go
/// through the build) is shown as written (see [`Markdown::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Markdown {
    Source(String),
    Parsed(Vec<Node>),
}

impl Markdown {
    /// True while the text is source that has not been parsed.
    pub fn is_source(&self) -> bool {
        matches!(self, Markdown::Source(_))
    }

    /// Replaces source with the tree `parse` makes of it; a parsed text stays as it is.
    pub fn parse_with(&mut self, parse: &dyn Fn(&str) -> Vec<Node>) {
        if let Markdown::Source(source) = self {
            *self = Markdown::Parsed(parse(source));
        }
    }

    /// The tree to draw. Source, which the build never ships, is shown as written, as text in
    /// one paragraph: the app has no parser.
    pub fn nodes(&self) -> std::borrow::Cow<'_, [Node]> {
        match self {
            Markdown::Parsed(nodes) => std::borrow::Cow::Borrowed(nodes),
            Markdown::Source(source) if source.trim().is_empty() => {
                std::borrow::Cow::Owned(Vec::new())
            }
            Markdown::Source(source) => {
                std::borrow::Cow::Owned(vec![Node::Paragraph(vec![Node::Text(source.clone())])])
            }
        }
    }

    /// The visible text, without markup (source as written).
    pub fn plain_text(&self) -> String {
        match self {
            Markdown::Parsed(nodes) => plain_text(nodes),
            Markdown::Source(source) => source.clone(),
        }
    }

    /// The tree, parsing source: for the content tools. The app has trees already and must not
    /// call this, which would bring the parser into its code.
    pub fn parsed(&self) -> Vec<Node> {
        match self {
            Markdown::Parsed(nodes) => nodes.clone(),
            Markdown::Source(source) => parse(source).nodes,
        }
    }
}

impl Serialize for Markdown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Markdown::Source(source) => s.serialize_str(source),
            Markdown::Parsed(nodes) => nodes.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Markdown {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Markdown;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("markdown text or a parsed document")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Markdown, E> {
                Ok(Markdown::Source(v.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Markdown, E> {
                Ok(Markdown::Source(v))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Markdown, A::Error> {
                let mut nodes = Vec::new();
                while let Some(node) = seq.next_element::<Node>()? {
                    nodes.push(node);
                }
                Ok(Markdown::Parsed(nodes))
            }
        }
        d.deserialize_any(Either)
    }
}

/// In the JSON Schema of `content/`: markdown source, or the tree the build writes.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Markdown {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Markdown".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Markdown (a subset: headings, lists, emphasis, links, tables, block quotes; no raw HTML). The build ships it parsed: an array of nodes (core/src/markdown.rs `Node`).",
            "anyOf": [{ "type": "string" }, { "type": "array" }]
        })
    }
}

impl LinkTarget {
    /// Classifies a link destination; `None` for anything unsafe or unknown
    /// (`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`, …).
    pub fn classify(dest: &str) -> Option<LinkTarget> {
        let d = dest.trim();
        let lower = d.to_ascii_lowercase();
        if let Some(id) = d.strip_prefix("glossary:") {
            return is_id(id).then(|| LinkTarget::Glossary(id.to_owned()));
        }
        if lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with("mailto:")
        {
            // Control characters inside a URL are a classic filter bypass.
            return (!d.chars().any(char::is_control)).then(|| LinkTarget::External(d.to_owned()));
        }
        if d.starts_with('/') && !d.starts_with("//") && !d.contains('\\') {
            return Some(LinkTarget::Internal(d.to_owned()));
        }
        if let Some(a) = d.strip_prefix('#') {
            return (!a.is_empty()).then(|| LinkTarget::Anchor(a.to_owned()));
        }
        None
    }
}

/// True for ids made of lowercase ASCII letters, digits and single hyphens.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// What [`parse`] noticed that a content author should fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Raw HTML fragments that were dropped.
    pub raw_html: Vec<String>,
    /// Link destinations that were not safe and were rendered as plain text.
    pub unsafe_links: Vec<String>,
    /// Glossary ids linked from the text.
    pub glossary_links: Vec<String>,
    /// Internal app paths linked from the text.
    pub internal_links: Vec<String>,
}

/// A parsed document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub nodes: Vec<Node>,
    pub findings: Findings,
}

enum Frame {
    Root,
    Paragraph,
    Heading(u8),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Node>>,
    },
    Item,
    Quote,
    Table {
        head: Vec<Vec<Node>>,
        rows: Vec<Vec<Vec<Node>>>,
    },
    TableHead(Vec<Vec<Node>>),
    TableRow(Vec<Vec<Node>>),
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Link(Option<LinkTarget>),
    CodeBlock,
    /// Children go to the parent (too deep, images, unknown containers).
    Transparent,
    /// Everything inside is dropped (raw HTML blocks, metadata).
    Drop,
}

/// Parses markdown into a safe document.
pub fn parse(markdown: &str) -> Document {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut stack: Vec<(Frame, Vec<Node>)> = vec![(Frame::Root, Vec::new())];
    let mut findings = Findings::default();
    let mut anchors: Vec<String> = Vec::new();
    // Inside an inline `<script>` or `<style>` element: its text is code, not prose; drop it.
    let mut in_raw_element = false;

    for event in Parser::new_ext(markdown, options) {
        let dropping = in_raw_element || stack.iter().any(|(f, _)| matches!(f, Frame::Drop));
        match event {
            Event::Start(tag) => {
                let frame = if dropping {
                    Frame::Drop
                } else if stack.len() > MAX_DEPTH {
                    Frame::Transparent
                } else {
                    frame_for(tag, &mut findings)
                };
                stack.push((frame, Vec::new()));
            }
            Event::End(_) => {
                if stack.len() == 1 {
                    continue;
                }
                let (frame, children) = stack.pop().expect("stack has a root");
                let parent = stack.last_mut().expect("stack has a root");
                close(frame, children, parent, &mut anchors);
            }
            Event::Text(t) if !dropping => push_text(&mut stack, &t),
            Event::Code(t) if !dropping => top(&mut stack).push(Node::Code(t.into_string())),
            Event::Html(h) | Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                if lower.starts_with("<script") || lower.starts_with("<style") {
                    in_raw_element = !(lower.contains("</script") || lower.contains("</style"));
                } else if lower.starts_with("</script") || lower.starts_with("</style") {
                    in_raw_element = false;
                }
                findings.raw_html.push(h.into_string());
            }
            Event::SoftBreak if !dropping => push_text(&mut stack, " "),
            Event::HardBreak if !dropping => top(&mut stack).push(Node::LineBreak),
            Event::Rule if !dropping => top(&mut stack).push(Node::Rule),
            _ => {}
        }
    }
    // Unbalanced input cannot happen with pulldown-cmark, but never lose text if it did.
    while stack.len() > 1 {
        let (frame, children) = stack.pop().expect("len > 1");
        close(
            frame,
            children,
            stack.last_mut().expect("root"),
            &mut anchors,
        );
    }
    let nodes = stack.pop().map(|(_, n)| n).unwrap_or_default();
    collect_links(&nodes, &mut findings);
    Document { nodes, findings }
}

fn frame_for(tag: Tag<'_>, findings: &mut Findings) -> Frame {
    match tag {
        Tag::Paragraph => Frame::Paragraph,
        Tag::Heading { level, .. } => Frame::Heading(heading_level(level)),
        Tag::BlockQuote(_) => Frame::Quote,
        Tag::CodeBlock(_) => Frame::CodeBlock,
        Tag::HtmlBlock => Frame::Drop,
        Tag::List(start) => Frame::List {
            ordered: start.is_some(),
            start: start.unwrap_or(1),
            items: Vec::new(),
        },
        Tag::Item => Frame::Item,
        Tag::Table(_) => Frame::Table {
            head: Vec::new(),
            rows: Vec::new(),
        },
        Tag::TableHead => Frame::TableHead(Vec::new()),
        Tag::TableRow => Frame::TableRow(Vec::new()),
        Tag::TableCell => Frame::TableCell,
        Tag::Emphasis => Frame::Emphasis,
        Tag::Strong => Frame::Strong,
        Tag::Strikethrough => Frame::Strikethrough,
        Tag::Link { dest_url, .. } => {
            let target = LinkTarget::classify(&dest_url);
            if target.is_none() {
                findings.unsafe_links.push(dest_url.into_string());
            }
            Frame::Link(target)
        }
        Tag::MetadataBlock(_) => Frame::Drop,
        _ => Frame::Transparent,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn top(stack: &mut [(Frame, Vec<Node>)]) -> &mut Vec<Node> {
    &mut stack.last_mut().expect("stack has a root").1
}

fn push_text(stack: &mut [(Frame, Vec<Node>)], text: &str) {
    let children = top(stack);
    if let Some(Node::Text(prev)) = children.last_mut() {
        prev.push_str(text);
    } else {
        children.push(Node::Text(text.to_owned()));
    }
}

fn close(
    frame: Frame,
    children: Vec<Node>,
    parent: &mut (Frame, Vec<Node>),
    anchors: &mut Vec<String>,
) {
    let node = match frame {
        Frame::Root | Frame::Drop => return,
        Frame::Transparent => {
            parent.1.extend(children);
            return;
        }
        Frame::Paragraph => Node::Paragraph(children),
        Frame::Heading(level) => {
            let anchor = unique_anchor(&plain_text(&children), anchors);
            Node::Heading {
                level,
                anchor,
                children,
            }
        }
        Frame::Quote => Node::Quote(children),
        Frame::CodeBlock => Node::CodeBlock(plain_text(&children)),
        Frame::List {
            ordered,
            start,
            items,
        } => Node::List {
            ordered,
            start,
            items,
        },
        Frame::Item => {
            if let Frame::List { items, .. } = &mut parent.0 {
                items.push(children);
            } else {
                parent.1.extend(children);
            }
            return;
        }
        Frame::Table { head, rows } => Node::Table { head, rows },
        Frame::TableHead(cells) => {
            if let Frame::Table { head, .. } = &mut parent.0 {
                *head = cells;
            }
            return;
        }
        Frame::TableRow(cells) => {
            if let Frame::Table { rows, .. } = &mut parent.0 {
                rows.push(cells);
            }
            return;
        }
        Frame::TableCell => {
            match &mut parent.0 {
                Frame::TableHead(cells) | Frame::TableRow(cells) => cells.push(children),
                _ => parent.1.extend(children),
            }
            return;
        }
        Frame::Emphasis => Node::Emphasis(children),
        Frame::Strong => Node::Strong(children),
        Frame::Strikethrough => Node::Strikethrough(children),
        Frame::Link(Some(target)) => Node::Link { target, children },
        Frame::Link(None) => {
            parent.1.extend(children);
            return;
        }
    };
    parent.1.push(node);
}

/// The visible text of nodes, without markup.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    append_text(nodes, &mut out);
    out
}

fn append_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) | Node::Code(t) | Node::CodeBlock(t) => out.push_str(t),
            Node::LineBreak | Node::Rule => out.push(' '),
            Node::Heading { children, .. }
            | Node::Paragraph(children)
            | Node::Quote(children)
            | Node::Emphasis(children)
            | Node::Strong(children)
            | Node::Strikethrough(children)
            | Node::Link { children, .. } => {
                append_text(children, out);
                if matches!(
                    node,
                    Node::Heading { .. } | Node::Paragraph(_) | Node::Quote(_)
                ) {
                    out.push('\n');
                }
            }
            Node::List { items, .. } => {
                for item in items {
                    append_text(item, out);
                    out.push('\n');
                }
            }
            Node::Table { head, rows } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    append_text(cell, out);
                    out.push(' ');
                }
                out.push('\n');
            }
        }
    }
}

fn unique_anchor(text: &str, taken: &mut Vec<String>) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "section" } else { slug };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

fn collect_links(nodes: &[Node], findings: &mut Findings) {
    for node in nodes {
        match node {
            Node::Link { target, children } => {
                match target {
                    LinkTarget::Glossary(id) => findings.glossary_links.push(id.clone()),
                    LinkTarget::Internal(p) => findings.internal_links.push(p.clone()),
                    _ => {}
                }
                collect_links(children, findings);
            }
            Node::Heading { children, .. }
            | Node::Paragraph(children)
            | Node::Quote(children)
            | Node::Emphasis(children)
            | Node::Strong(children)
            | Node::Strikethrough(children) => collect_links(children, findings),
            Node::List { items, .. } => items.iter().for_each(|i| collect_links(i, findings)),
            Node::Table { head, rows } => head
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| collect_links(c, findings)),
            _ => {}
        }
    }
}

/// Words in a markdown text, as a reader counts them.
pub fn word_count(markdown: &str) -> usize {
    words(&parse(markdown).nodes)
}

/// Words in a parsed text, as a reader counts them.
pub fn words(nodes: &[Node]) -> usize {
    plain_text(nodes)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Reading time in whole minutes at an unhurried 180 words per minute (second-language readers).
pub fn reading_minutes(words: usize) -> u32 {
    (words as u32).div_ceil(180).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_text(doc: &Document) -> String {
        plain_text(&doc.nodes)
    }

    #[test]
    fn raw_html_never_becomes_a_node_and_is_reported() {
        let doc = parse("Hello <script>alert(1)</script> world\n\n<div onerror=\"x()\">block</div>\n\n<img src=x onerror=alert(1)>");
        assert!(!all_text(&doc).contains("alert"));
        assert!(!all_text(&doc).contains("onerror"));
        assert!(doc.findings.raw_html.len() >= 3, "{:?}", doc.findings);
        assert!(all_text(&doc).contains("Hello"));
    }

    #[test]
    fn unsafe_links_keep_their_text_but_lose_the_link() {
        let doc = parse("[a](javascript:alert(1)) [b](data:text/html,x) [c](JaVaScRiPt:x) [d](//evil.example) [e](vbscript:x)");
        assert_eq!(doc.findings.unsafe_links.len(), 5);
        let text = all_text(&doc);
        for w in ["a", "b", "c", "d", "e"] {
            assert!(text.contains(w));
        }
        fn has_link(nodes: &[Node]) -> bool {
            nodes.iter().any(|n| match n {
                Node::Link { .. } => true,
                Node::Paragraph(c) => has_link(c),
                _ => false,
            })
        }
        assert!(!has_link(&doc.nodes));
    }

    #[test]
    fn safe_links_are_classified() {
        let doc = parse("[x](https://ec.europa.eu) [y](glossary:backbone) [z](/module/a) [w](#top) [m](mailto:a@b.eu)");
        let Node::Paragraph(children) = &doc.nodes[0] else {
            panic!()
        };
        let targets: Vec<_> = children
            .iter()
            .filter_map(|n| match n {
                Node::Link { target, .. } => Some(target.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            vec![
                LinkTarget::External("https://ec.europa.eu".into()),
                LinkTarget::Glossary("backbone".into()),
                LinkTarget::Internal("/module/a".into()),
                LinkTarget::Anchor("top".into()),
                LinkTarget::External("mailto:a@b.eu".into()),
            ]
        );
        assert_eq!(doc.findings.glossary_links, vec!["backbone"]);
    }

    #[test]
    fn headings_get_unique_anchors() {
        let doc = parse("## Wer ist beteiligt?\n\ntext\n\n## Wer ist beteiligt?\n");
        let anchors: Vec<_> = doc
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Heading { anchor, .. } => Some(anchor.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(anchors, vec!["wer-ist-beteiligt", "wer-ist-beteiligt-2"]);
    }

    #[test]
    fn tables_lists_and_quotes_keep_their_structure() {
        let doc = parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n\n> quoted *text*");
        assert!(
            matches!(&doc.nodes[0], Node::Table { head, rows } if head.len() == 2 && rows.len() == 1)
        );
        assert!(
            matches!(&doc.nodes[1], Node::List { ordered: true, items, .. } if items.len() == 2)
        );
        assert!(matches!(&doc.nodes[2], Node::Quote(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_not_lost() {
        let mut md = String::new();
        for depth in 0..200 {
            md.push_str(&"  ".repeat(depth));
            md.push_str("- level\n");
        }
        let doc = parse(&md);
        fn depth(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| match n {
                    Node::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    Node::Paragraph(c) | Node::Quote(c) => 1 + depth(c),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&doc.nodes) <= MAX_DEPTH + 2);
        assert!(all_text(&doc).matches("level").count() >= 100);
    }

    #[test]
    fn word_count_ignores_markup() {
        assert_eq!(
            word_count("## Title\n\nOne *two* [three](https://x.eu) - four."),
            5
        );
    }

    #[test]
    fn markdown_is_read_as_source_or_as_a_tree_and_written_back_the_same() {
        let source: Markdown = serde_json::from_str(r#""Hello *you*""#).unwrap();
        assert_eq!(source, Markdown::Source("Hello *you*".into()));
        assert_eq!(serde_json::to_string(&source).unwrap(), r#""Hello *you*""#);

        let mut parsed = source.clone();
        parsed.parse_with(&|md| parse(md).nodes);
        assert!(!parsed.is_source());
        assert_eq!(
            parsed.nodes().as_ref(),
            parse("Hello *you*").nodes.as_slice()
        );
        let json = serde_json::to_string(&parsed).unwrap();
        assert!(json.starts_with('['), "{json}");
        assert_eq!(serde_json::from_str::<Markdown>(&json).unwrap(), parsed);
        assert_eq!(parsed.plain_text(), "Hello you\n");
        assert_eq!(words(&parsed.nodes()), 2);

        // A number is neither.
        assert!(serde_json::from_str::<Markdown>("3").is_err());

        // Source, which the build never ships, is drawn as written: the app has no parser.
        assert_eq!(
            source.nodes().as_ref(),
            [Node::Paragraph(vec![Node::Text("Hello *you*".into())])].as_slice()
        );
    }

    #[test]
    fn a_parsed_tree_from_json_can_only_hold_links_the_parser_allows() {
        let link = |target: &str| {
            format!(
                r#"[{{"Paragraph":[{{"Link":{{"target":{target},"children":[{{"Text":"x"}}]}}}}]}}]"#
            )
        };
        for allowed in [
            r#"{"External":"https://europa.eu"}"#,
            r#"{"External":"mailto:team@example.org"}"#,
            r#"{"Internal":"/glossary"}"#,
            r#"{"Glossary":"stakeholder"}"#,
            r#"{"Anchor":"step-2"}"#,
        ] {
            assert!(
                serde_json::from_str::<Markdown>(&link(allowed)).is_ok(),
                "{allowed}"
            );
        }
        for refused in [
            r#"{"External":"javascript:alert(1)"}"#,
            r#"{"External":"data:text/html,hi"}"#,
            r#"{"External":"https://x.eu/\u0007"}"#,
            r#"{"Internal":"//evil.example"}"#,
            r#"{"Internal":"javascript:alert(1)"}"#,
            r#"{"Glossary":"Bad Id"}"#,
            r#"{"Anchor":""}"#,
        ] {
            let error = serde_json::from_str::<Markdown>(&link(refused)).unwrap_err();
            assert!(
                error.to_string().contains("is not allowed"),
                "{refused}: {error}"
            );
        }
        // Raw HTML has no node to hide in.
        assert!(serde_json::from_str::<Markdown>(r#"[{"Html":"<script>"}]"#).is_err());
    }

    #[test]
    fn ids() {
        assert!(is_id("network-charter-2"));
        assert!(!is_id("Network"));
        assert!(!is_id("a--b"));
        assert!(!is_id(""));
    }
}
