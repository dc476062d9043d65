//! A content file that could not be used, explained in the user's language.

use erasmi_core::validate::ContentError;
use leptos::prelude::*;

use crate::i18n::{tr, use_i18n};
use crate::source::{LoadError, LoadProblem};

/// Explains a [`LoadError`]: which file, what is wrong, what to do.
#[component]
pub fn ContentErrorView(error: LoadError) -> impl IntoView {
    let i18n = use_i18n();
    let file = format!("content/{}", error.file);
    let detail = move || {
        let f = file.as_str();
        match &error.problem {
            LoadProblem::NotFound => i18n.format("error.content.not_found", &[("file", f)]),
            LoadProblem::Status(s) => i18n.format(
                "error.content.status",
                &[("file", f), ("status", &s.to_string())],
            ),
            LoadProblem::Network(_) => i18n.format("error.content.network", &[("file", f)]),
            LoadProblem::Strings(d) => {
                i18n.format("error.content.invalid", &[("file", f), ("detail", d)])
            }
            LoadProblem::Content(ContentError::Syntax {
                path,
                line,
                column,
                message,
            }) => i18n.format(
                "error.content.syntax",
                &[
                    ("file", f),
                    ("path", path),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("detail", message),
                ],
            ),
            LoadProblem::Content(ContentError::FutureFormat { found, supported }) => i18n.format(
                "error.content.future",
                &[
                    ("file", f),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            LoadProblem::Content(ContentError::Invalid(problems)) => {
                let list = problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                i18n.format("error.content.invalid", &[("file", f), ("detail", &list)])
            }
        }
    };
    view! {
        <div class="notice notice-error" role="alert" data-testid="content-error">
            <h2>{tr("error.content.title")}</h2>
            <p>{detail}</p>
            <p>{tr("error.content.what_to_do")}</p>
        </div>
    }
}
