//! `/tools`: the toolkit's worksheets — a stakeholder map, a regional action plan and a network
//! health check — listed, created, opened and deleted. Each tool's editor is in its own file.

pub mod action_plan;
pub mod health_check;
pub mod stakeholder_map;

pub use erasmi_core::worksheet::file_stem;
use erasmi_core::worksheet::{check_name, Tool, WorksheetRecord};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::i18n::{format_date, tr, I18n};
use crate::state::{now, random_id, use_app, AppState};
use crate::ui::pages::not_found::NotFoundPage;

/// The UI string of a tool: `tools.<tool>.<part>`.
pub fn tool_text(i18n: I18n, tool: Tool, part: &str) -> String {
    i18n.t(&format!("tools.{}.{part}", tool.key()))
}

/// `/tools`: the three tools, what each is for, and how many worksheets the learner has.
#[component]
pub fn ToolsPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let sheets = LocalResource::new(move || {
        app.revision.track();
        async move { app.worksheets(None).await }
    });
    view! {
        <div class="page tools-page">
            <h1 tabindex="-1">{tr("tools.title")}</h1>
            <p class="lead">{tr("tools.lead")}</p>
            <ul class="card-grid">
                {Tool::ALL.into_iter().map(|t| {
                    let count = move || sheets.get().map(|l| l.iter().filter(|w| w.tool() == t).count());
                    view! {
                        <li class="card tool-card">
                            <h2><A href=format!("/tools/{}", t.slug())>{move || tool_text(i18n, t, "title")}</A></h2>
                            <p>{move || tool_text(i18n, t, "summary")}</p>
                            <p class="meta">{move || count().map(|n| i18n.format("tools.count", &[("count", &n.to_string())]))}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="meta">{tr("tools.private")}</p>
        </div>
    }
}

/// `/tools/:tool`: the learner's worksheets of one tool, and a form to start a new one.
#[component]
pub fn ToolPage() -> impl IntoView {
    let params = use_params_map();
    move || match params
        .with(|p| p.get("tool"))
        .as_deref()
        .and_then(Tool::from_slug)
    {
        Some(tool) => view! { <ToolList tool/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn ToolList(tool: Tool) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let sheets = LocalResource::new(move || {
        app.revision.track();
        async move { app.worksheets(Some(tool)).await }
    });
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = match check_name(&name.get_untracked()) {
            Ok(t) => t,
            Err(e) => {
                error.set(Some(i18n.t(e.message_key())));
                return;
            }
        };
        error.set(None);
        let record = WorksheetRecord::new(
            &app.profile.get_untracked(),
            random_id("ws"),
            tool,
            &title,
            now(),
        );
        let href = format!("/tools/{}/{}", tool.slug(), record.id);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if app.save_worksheet(record).await {
                navigate(&href, Default::default());
            }
        });
    };
    view! {
        <div class="page tool-list-page">
            <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
                <A href="/tools">{tr("tools.title")}</A>
            </nav>
            <h1 tabindex="-1">{move || tool_text(i18n, tool, "title")}</h1>
            <p class="lead">{move || tool_text(i18n, tool, "lead")}</p>
            <form class="card new-worksheet" on:submit=create novalidate>
                <label for="worksheet-name">{move || tool_text(i18n, tool, "new_name")}</label>
                <div class="inline-form">
                    <input id="worksheet-name" type="text" maxlength="120" required
                        aria-describedby="worksheet-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <button type="submit" class="button button-primary" data-testid="create-worksheet">{move || tool_text(i18n, tool, "create")}</button>
                </div>
                <p id="worksheet-name-error" class="field-error" role="alert">{move || error.get()}</p>
            </form>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || sheets.get().map(|list| {
                    if list.is_empty() {
                        return view! { <p class="empty">{move || tool_text(i18n, tool, "empty")}</p> }.into_any();
                    }
                    let lang = i18n.lang.get_untracked();
                    view! {
                        <h2>{tr("tools.yours")}</h2>
                        <ul class="link-list worksheet-list" data-testid="worksheet-list">
                            {list.into_iter().map(|w| view! {
                                <li>
                                    <A href=format!("/tools/{}/{}", tool.slug(), w.id)>{w.title.clone()}</A>
                                    <span class="meta">" · "{i18n.format("tools.changed", &[("date", &format_date(w.updated_at, &lang))])}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}

/// What a worksheet editor shows about saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed,
}

/// A worksheet being edited: the record, and whether the last change is stored. Every change
/// goes through [`Editor::edit`], which saves at once.
#[derive(Clone, Copy)]
pub struct Editor {
    pub record: RwSignal<WorksheetRecord>,
    pub state: RwSignal<SaveState>,
    app: AppState,
}

impl Editor {
    fn new(app: AppState, record: WorksheetRecord) -> Self {
        Editor {
            record: RwSignal::new(record),
            state: RwSignal::new(SaveState::Saved),
            app,
        }
    }

    /// Changes the worksheet in memory only (while dragging); [`Editor::save`] stores it.
    pub fn change(&self, f: impl FnOnce(&mut WorksheetRecord)) {
        self.record.update(f);
    }

    /// Changes the worksheet and saves it.
    pub fn edit(&self, f: impl FnOnce(&mut WorksheetRecord)) {
        self.record.update(f);
        self.save();
    }

    /// Saves the worksheet as it is now.
    pub fn save(&self) {
        let editor = *self;
        let record = self.record.get_untracked();
        self.state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let ok = editor.app.save_worksheet(record).await;
            editor.state.set(if ok {
                SaveState::Saved
            } else {
                SaveState::Failed
            });
        });
    }
}

/// The worksheet routes: `/tools/:tool/:id` and its `print` and `run` views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorksheetView {
    Edit,
    Print,
    Run,
}

/// Loads the worksheet named in the address and opens the editor for its kind; an unknown id or
/// a worksheet of another tool is "not found".
#[component]
pub fn WorksheetPage(view: WorksheetView) -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let data = LocalResource::new(move || {
        let tool = params.with(|p| p.get("tool")).unwrap_or_default();
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        async move {
            let tool = Tool::from_slug(&tool)?;
            app.worksheet(&id).await.filter(|w| w.tool() == tool)
        }
    });
    view! {
        <div class="page worksheet-page">
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|found| match found {
                    None => view! { <NotFoundPage/> }.into_any(),
                    Some(record) => {
                        let editor = Editor::new(app, record.clone());
                        match (record.tool(), view) {
                            (Tool::StakeholderMap, _) => view! { <stakeholder_map::MapEditor editor/> }.into_any(),
                            (Tool::ActionPlan, WorksheetView::Print) => view! { <action_plan::PlanPrint editor/> }.into_any(),
                            (Tool::ActionPlan, _) => view! { <action_plan::PlanEditor editor/> }.into_any(),
                            (Tool::HealthCheck, WorksheetView::Run) => view! { <health_check::CheckRun editor/> }.into_any(),
                            (Tool::HealthCheck, _) => view! { <health_check::CheckResults editor/> }.into_any(),
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The top of every worksheet: breadcrumb, the title (renamable), save state, and delete.
#[component]
pub fn WorksheetHead(editor: Editor) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let tool = editor.record.with_untracked(|r| r.tool());
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match check_name(&name.get_untracked()) {
            Ok(t) => {
                editor.edit(|r| r.title = t);
                error.set(None);
                renaming.set(false);
            }
            Err(e) => error.set(Some(i18n.t(e.message_key()))),
        }
    };
    let delete = move |_| {
        let id = editor.record.with_untracked(|r| r.id.clone());
        let title = editor.record.with_untracked(|r| r.title.clone());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            if app.delete_worksheet(&id).await {
                app.tell(i18n.format("tools.deleted", &[("title", &title)]));
                navigate(&format!("/tools/{}", tool.slug()), Default::default());
            }
        });
    };
    view! {
        <nav class="breadcrumb no-print" aria-label=tr("nav.breadcrumb")>
            <A href="/tools">{tr("tools.title")}</A>
            " › "
            <A href=format!("/tools/{}", tool.slug())>{move || tool_text(i18n, tool, "title")}</A>
        </nav>
        <div class="worksheet-head">
            <div>
                <p class="eyebrow">{move || tool_text(i18n, tool, "title")}</p>
                <h1 tabindex="-1">{move || editor.record.with(|r| r.title.clone())}</h1>
            </div>
            <p class="save-state no-print" role="status" data-testid="save-state" class:failed=move || editor.state.get() == SaveState::Failed>
                {move || match editor.state.get() {
                    SaveState::Saved => i18n.t("tools.saved"),
                    SaveState::Saving => i18n.t("tools.saving"),
                    SaveState::Failed => i18n.t("tools.save_failed"),
                }}
            </p>
        </div>
        <div class="button-row no-print">
            <button class="button button-small" on:click=move |_| { name.set(editor.record.with_untracked(|r| r.title.clone())); renaming.set(true); }>{tr("tools.rename")}</button>
            <button class="button button-small button-danger" on:click=move |_| confirming.set(true)>{tr("tools.delete")}</button>
        </div>
        <Show when=move || renaming.get()>
            <form class="card inline-form no-print" on:submit=rename novalidate>
                <label for="rename-worksheet" class="visually-hidden">{move || tool_text(i18n, tool, "new_name")}</label>
                <input id="rename-worksheet" type="text" maxlength="120" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="button button-primary">{tr("action.save")}</button>
                <button type="button" class="button" on:click=move |_| renaming.set(false)>{tr("action.cancel")}</button>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </form>
        </Show>
        <Show when=move || confirming.get()>
            <div class="confirm no-print" role="alertdialog" aria-labelledby="delete-worksheet-q">
                <p id="delete-worksheet-q">{move || i18n.format("tools.delete.question", &[("title", &editor.record.with(|r| r.title.clone()))])}</p>
                <button class="button button-danger" on:click=delete.clone() data-testid="confirm-delete-worksheet">{tr("tools.delete.confirm")}</button>
                <button class="button" on:click=move |_| confirming.set(false)>{tr("action.cancel")}</button>
            </div>
        </Show>
    }
}
