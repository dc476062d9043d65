//! Renders the core crate's safe markdown tree. There is no way to emit raw HTML from here:
//! every node becomes a fixed element, and text is always a text node.

use erasmi_core::markdown::{LinkTarget, Node};
use leptos::prelude::*;

/// A rendered markdown document.
#[component]
pub fn Markdown(nodes: Vec<Node>) -> impl IntoView {
    view! { <div class="prose">{render(&nodes)}</div> }
}

fn render(nodes: &[Node]) -> AnyView {
    nodes.iter().map(render_node).collect_view().into_any()
}

fn render_node(node: &Node) -> AnyView {
    match node {
        Node::Heading { level, anchor, children } => {
            let inner = render(children);
            let id = anchor.clone();
            // Lesson titles are the page's h1; headings inside a lesson start at h2.
            match level {
                0..=2 => view! { <h2 id=id>{inner}</h2> }.into_any(),
                3 => view! { <h3 id=id>{inner}</h3> }.into_any(),
                _ => view! { <h4 id=id>{inner}</h4> }.into_any(),
            }
        }
        Node::Paragraph(c) => view! { <p>{render(c)}</p> }.into_any(),
        Node::List { ordered: true, start, items } => {
            let start = *start as i32;
            view! { <ol start=start>{items.iter().map(|i| view! { <li>{render(i)}</li> }).collect_view()}</ol> }.into_any()
        }
        Node::List { ordered: false, items, .. } => {
            view! { <ul>{items.iter().map(|i| view! { <li>{render(i)}</li> }).collect_view()}</ul> }.into_any()
        }
        Node::Quote(c) => view! { <blockquote>{render(c)}</blockquote> }.into_any(),
        Node::Table { head, rows } => view! {
            <div class="table-scroll">
                <table>
                    <thead><tr>{head.iter().map(|c| view! { <th scope="col">{render(c)}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows
                            .iter()
                            .map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{render(c)}</td> }).collect_view()}</tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
        Node::CodeBlock(t) => view! { <pre><code>{t.clone()}</code></pre> }.into_any(),
        Node::Rule => view! { <hr/> }.into_any(),
        Node::Text(t) => t.clone().into_any(),
        Node::Emphasis(c) => view! { <em>{render(c)}</em> }.into_any(),
        Node::Strong(c) => view! { <strong>{render(c)}</strong> }.into_any(),
        Node::Strikethrough(c) => view! { <s>{render(c)}</s> }.into_any(),
        Node::Code(t) => view! { <code>{t.clone()}</code> }.into_any(),
        Node::LineBreak => view! { <br/> }.into_any(),
        Node::Link { target, children } => {
            let inner = render(children);
            match target {
                LinkTarget::External(href) => view! {
                    <a href=href.clone() target="_blank" rel="noopener noreferrer" class="external">{inner}</a>
                }
                .into_any(),
                LinkTarget::Internal(href) => view! { <a href=href.clone()>{inner}</a> }.into_any(),
                LinkTarget::Glossary(id) => {
                    view! { <a href=format!("/glossary#{id}") class="glossary-link">{inner}</a> }.into_any()
                }
                LinkTarget::Anchor(a) => view! { <a href=format!("#{a}")>{inner}</a> }.into_any(),
            }
        }
    }
}
