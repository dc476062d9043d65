//! `/module/:id/quiz`: the knowledge quiz — one question at a time, immediate feedback, every
//! answer saved as it is given, results with review and "retry the ones I got wrong".
//!
//! Scoring, feedback and shuffling come from `erasmi_core::quiz`; this file only renders.

use std::collections::BTreeMap;
use std::sync::Arc;

use erasmi_core::content::{Module, Question, QuestionKind, Text};
use erasmi_core::quiz::{feedback, score, shuffled, Answer, QuizAttempt};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_i18n};
use crate::state::{now, use_app};
use crate::ui::components::markdown::Markdown;
use crate::ui::pages::module::WithModule;

/// Reads the learner's current answer from the inputs of one question.
type Draft = Arc<dyn Fn() -> Option<Answer> + Send + Sync>;

/// The quiz page.
#[component]
pub fn QuizPage() -> impl IntoView {
    view! { <WithModule class="page quiz-page" render=|m| view! { <QuizRunner module=m/> }.into_any()/> }
}

#[component]
fn QuizRunner(module: Arc<Module>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let attempts: RwSignal<Option<Vec<QuizAttempt>>> = RwSignal::new(None);
    let review: RwSignal<Option<String>> = RwSignal::new(None);
    {
        let id = module.id.clone();
        leptos::task::spawn_local(async move {
            attempts.set(Some(app.quiz_attempts(&id).await));
        });
    }
    let save = move |attempt: QuizAttempt| {
        attempts.update(|list| {
            let list = list.get_or_insert_with(Vec::new);
            list.retain(|a| a.id != attempt.id);
            list.push(attempt.clone());
            list.sort_by(|a, b| a.started_at.total_cmp(&b.started_at));
        });
        app.save_quiz_attempt(attempt);
    };
    let start = {
        let module = module.clone();
        move |only: Option<Vec<String>>| {
            let seed = (js_sys::Math::random() * 9.0e15) as u64;
            let profile = app.profile.get_untracked();
            review.set(None);
            save(QuizAttempt::start(&profile, &module, only, seed, now()));
        }
    };
    let title = module.title.clone();
    let module_href = format!("/module/{}", module.id);
    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href>{move || title.get(&i18n.lang.get()).to_owned()}</A>
        </nav>
        {move || {
            let Some(list) = attempts.get() else {
                return view! { <div class="skeleton" aria-busy="true"></div> }.into_any();
            };
            let module = module.clone();
            let start = start.clone();
            if let Some(active) = list.iter().rev().find(|a| a.finished_at.is_none()).cloned() {
                if active.is_stale(&module) {
                    let restart = {
                        let start = start.clone();
                        move |_| {
                            app.delete_quiz_attempt(&active.id);
                            attempts.update(|l| {
                                if let Some(l) = l {
                                    l.retain(|a| a.id != active.id)
                                }
                            });
                            start(None);
                        }
                    };
                    return view! {
                        <h1 tabindex="-1">{tr("quiz.title")}</h1>
                        <div class="notice notice-warning" role="alert">
                            <p>{tr("quiz.changed.unfinished")}</p>
                            <button class="button button-primary" on:click=restart>{tr("quiz.restart")}</button>
                        </div>
                    }
                    .into_any();
                }
                return view! { <QuestionStep module attempt=active on_save=save review/> }.into_any();
            }
            if let Some(id) = review.get() {
                if let Some(done) = list.iter().find(|a| a.id == id).cloned() {
                    let retry = {
                        let start = start.clone();
                        move |ids: Vec<String>| start(Some(ids))
                    };
                    return view! { <Results module attempt=done on_retry=retry on_restart=move || start(None)/> }.into_any();
                }
            }
            view! { <Intro module attempts=list on_start=move || start(None) review/> }.into_any()
        }}
    }
}

#[component]
fn Intro(
    module: Arc<Module>,
    attempts: Vec<QuizAttempt>,
    on_start: impl Fn() + Send + Sync + 'static,
    review: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = module.quiz.questions.len().to_string();
    let pass = module.quiz.pass_mark.to_string();
    let lang = i18n.lang.get_untracked();
    let history: Vec<_> = attempts
        .iter()
        .rev()
        .filter(|a| a.finished_at.is_some())
        .map(|a| {
            let r = a.result(&module, &lang);
            let stale = a.is_stale(&module);
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
                a.finished_at.unwrap_or(a.started_at),
            ))
            .to_locale_date_string(&lang, &wasm_bindgen::JsValue::UNDEFINED)
            .as_string()
            .unwrap_or_default();
            (
                a.id.clone(),
                r.percent,
                r.passed,
                stale,
                date,
                a.questions.len(),
            )
        })
        .collect();
    let has_history = !history.is_empty();
    view! {
        <h1 tabindex="-1">{tr("quiz.title")}</h1>
        <p class="lead">{move || i18n.format("quiz.summary", &[("count", &count), ("pass", &pass)])}</p>
        <p>{tr("quiz.how")}</p>
        <button class="button button-primary" on:click=move |_| on_start() data-testid="start-quiz">{tr("quiz.start")}</button>
        <Show when=move || has_history>
            <section class="card">
                <h2>{tr("quiz.history")}</h2>
                <ul class="history" data-testid="history">
                    {history
                        .iter()
                        .map(|(id, percent, passed, stale, date, n)| {
                            let id = id.clone();
                            let text = i18n.format(
                                "quiz.history.row",
                                &[("date", date), ("percent", &percent.to_string()), ("count", &n.to_string())],
                            );
                            let passed = *passed;
                            let stale = *stale;
                            view! {
                                <li>
                                    <span>{text}</span>" "
                                    <span class="badge" class:badge-done=passed>
                                        {if passed { tr("quiz.passed")() } else { tr("quiz.not_passed")() }}
                                    </span>
                                    {stale.then(|| view! { " "<span class="badge">{tr("quiz.changed.since")}</span> })}
                                    " "
                                    <button class="button button-small" on:click=move |_| review.set(Some(id.clone()))>
                                        {tr("quiz.review")}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn QuestionStep(
    module: Arc<Module>,
    attempt: QuizAttempt,
    on_save: impl Fn(QuizAttempt) + Clone + Send + Sync + 'static,
    review: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let total = attempt.questions.len();
    let index = attempt.current.min(total.saturating_sub(1));
    let qid = attempt.questions.get(index).cloned().unwrap_or_default();
    let Some(question) = module.quiz.questions.iter().find(|q| q.id == qid).cloned() else {
        return view! { <p>{tr("quiz.missing_question")}</p> }.into_any();
    };
    let given = attempt.answers.get(&qid).cloned();
    let answered = given.is_some();
    let (input, draft) = answer_input(
        &question.kind,
        &question.id,
        attempt.seed,
        given.clone(),
        &lang,
    );
    let progress = ((index + if answered { 1 } else { 0 }) * 100 / total.max(1)).to_string();
    let position = i18n.format(
        "quiz.position",
        &[
            ("n", &(index + 1).to_string()),
            ("total", &total.to_string()),
        ],
    );
    let no_answer = RwSignal::new(false);
    let check = {
        let attempt = attempt.clone();
        let on_save = on_save.clone();
        let qid = qid.clone();
        move |_| match draft() {
            Some(answer) => {
                let mut a = attempt.clone();
                a.answers.insert(qid.clone(), answer);
                on_save(a);
            }
            None => no_answer.set(true),
        }
    };
    let is_last = index + 1 >= total;
    let next = {
        let attempt = attempt.clone();
        move |_| {
            let mut a = attempt.clone();
            if is_last {
                a.finished_at = Some(now());
                review.set(Some(a.id.clone()));
            } else {
                a.current = index + 1;
            }
            on_save(a);
        }
    };
    let feedback_view = given.map(|g| {
        let s = score(&question.kind, Some(&g), &lang);
        let items: Vec<(Text, bool)> = feedback(&question.kind, &g, &lang).into_iter().map(|(t, ok)| (t.clone(), ok)).collect();
        view! {
            <p class="verdict" class:right=s.is_correct()>
                {if s.is_correct() { tr("quiz.right")() } else if s.0 > 0.0 { tr("quiz.partly")() } else { tr("quiz.wrong")() }}
            </p>
            <ul class="feedback-list">
                {items
                    .into_iter()
                    .map(|(t, ok)| view! {
                        <li class:right=ok>
                            <span class="mark" aria-hidden="true">{if ok { "✓" } else { "✗" }}</span>
                            <span class="visually-hidden">{if ok { tr("quiz.right")() } else { tr("quiz.wrong")() }}": "</span>
                            {t.get(&lang).to_owned()}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
    });
    // Focus the new question's heading so keyboard and screen-reader users start there.
    Effect::new(move |_| {
        if let Some(h) = document().get_element_by_id("question-title") {
            use wasm_bindgen::JsCast;
            if let Some(h) = h.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    });
    let prompt = question.prompt.get(&lang).to_owned();
    let type_key = format!("quiz.type.{}", question.kind.type_name());
    view! {
        <h1>{tr("quiz.title")}</h1>
        <div class="quiz-progress">
            <span>{position}</span>
            <progress max="100" value=progress aria-label=tr("quiz.progress")></progress>
        </div>
        <section class="question card" aria-labelledby="question-title" data-testid="question">
            <p class="meta">{i18n.t(&type_key)}</p>
            <h2 id="question-title" tabindex="-1">{prompt}</h2>
            {input}
            <div class="feedback" aria-live="polite" data-testid="feedback">{feedback_view}</div>
            <Show when=move || no_answer.get() && !answered>
                <p class="form-error" role="alert">{tr("quiz.answer_first")}</p>
            </Show>
            <div class="lesson-actions">
                {if answered {
                    view! {
                        <button class="button button-primary" on:click=next data-testid="next">
                            {if is_last { tr("quiz.finish")() } else { tr("quiz.next")() }}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <button class="button button-primary" on:click=check data-testid="check">{tr("quiz.check")}</button> }.into_any()
                }}
            </div>
        </section>
    }
    .into_any()
}

/// The inputs for one question (in the attempt's seeded order), and a reader of the answer.
fn answer_input(
    kind: &QuestionKind,
    qid: &str,
    seed: u64,
    given: Option<Answer>,
    lang: &str,
) -> (AnyView, Draft) {
    let locked = given.is_some();
    let name = format!("answer-{qid}");
    match kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. } => {
            let multiple = matches!(kind, QuestionKind::MultipleChoice { .. });
            let chosen: RwSignal<Vec<String>> = RwSignal::new(match &given {
                Some(Answer::SingleChoice(a)) => vec![a.clone()],
                Some(Answer::MultipleChoice(a)) => a.clone(),
                _ => Vec::new(),
            });
            let order = shuffled(options.len(), seed, qid);
            let view = view! {
                <fieldset class="options" disabled=locked>
                    <legend class="visually-hidden">{tr("quiz.options")}</legend>
                    {multiple.then(|| view! { <p class="meta">{tr("quiz.choose_all")}</p> })}
                    {order
                        .into_iter()
                        .map(|i| {
                            let o = options[i].clone();
                            let id = o.id.clone();
                            let id_check = o.id.clone();
                            let on_change = move |ev: leptos::ev::Event| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    if !multiple {
                                        c.clear();
                                    }
                                    c.retain(|x| *x != id);
                                    if on {
                                        c.push(id.clone());
                                    }
                                });
                            };
                            view! {
                                <label class="option">
                                    <input
                                        type=if multiple { "checkbox" } else { "radio" }
                                        name=name.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&id_check))
                                        on:change=on_change
                                    />
                                    <span>{o.text.get(lang).to_owned()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
            .into_any();
            let draft: Draft = Arc::new(move || {
                let c = chosen.get_untracked();
                if multiple {
                    (!c.is_empty()).then_some(Answer::MultipleChoice(c))
                } else {
                    c.first().cloned().map(Answer::SingleChoice)
                }
            });
            (view, draft)
        }
        QuestionKind::TrueFalse { .. } => {
            let chosen: RwSignal<Option<bool>> = RwSignal::new(match given {
                Some(Answer::TrueFalse(b)) => Some(b),
                _ => None,
            });
            let radio = move |value: bool, key: &'static str| {
                view! {
                    <label class="option">
                        <input
                            type="radio"
                            name=name.clone()
                            prop:checked=move || chosen.get() == Some(value)
                            on:change=move |_| chosen.set(Some(value))
                        />
                        <span>{tr(key)}</span>
                    </label>
                }
            };
            let view = view! {
                <fieldset class="options" disabled=locked>
                    <legend class="visually-hidden">{tr("quiz.options")}</legend>
                    {radio.clone()(true, "quiz.true")}
                    {radio(false, "quiz.false")}
                </fieldset>
            }
            .into_any();
            (
                view,
                Arc::new(move || chosen.get_untracked().map(Answer::TrueFalse)),
            )
        }
        QuestionKind::Ordering { items } => {
            let texts: BTreeMap<String, Text> = items
                .iter()
                .map(|i| (i.id.clone(), i.text.clone()))
                .collect();
            let initial = match given {
                Some(Answer::Ordering(o)) => o,
                _ => shuffled(items.len(), seed, qid)
                    .into_iter()
                    .map(|i| items[i].id.clone())
                    .collect(),
            };
            let order = RwSignal::new(initial);
            let lang = lang.to_owned();
            let view = view! {
                <p class="meta">{tr("quiz.ordering.hint")}</p>
                <ol class="ordering" aria-live="polite">
                    {move || {
                        let current = order.get();
                        let n = current.len();
                        current
                            .into_iter()
                            .enumerate()
                            .map(|(pos, id)| {
                                let text = texts.get(&id).map(|t| t.get(&lang).to_owned()).unwrap_or_default();
                                let up_label = format!("{} {}", tr("quiz.move_up")(), text);
                                let down_label = format!("{} {}", tr("quiz.move_down")(), text);
                                view! {
                                    <li class="ordering-item">
                                        <span class="ordering-text">{text}</span>
                                        <span class="ordering-buttons">
                                            <button
                                                type="button"
                                                class="button button-small"
                                                aria-label=up_label
                                                disabled=locked || pos == 0
                                                on:click=move |_| order.update(|o| o.swap(pos, pos - 1))
                                            >"↑"</button>
                                            <button
                                                type="button"
                                                class="button button-small"
                                                aria-label=down_label
                                                disabled=locked || pos + 1 == n
                                                on:click=move |_| order.update(|o| o.swap(pos, pos + 1))
                                            >"↓"</button>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            }
            .into_any();
            (
                view,
                Arc::new(move || Some(Answer::Ordering(order.get_untracked()))),
            )
        }
        QuestionKind::Matching { pairs } => {
            let chosen: RwSignal<BTreeMap<String, String>> = RwSignal::new(match given {
                Some(Answer::Matching(m)) => m,
                _ => BTreeMap::new(),
            });
            let rights: Vec<(String, String)> = shuffled(pairs.len(), seed, qid)
                .into_iter()
                .map(|i| (pairs[i].id.clone(), pairs[i].right.get(lang).to_owned()))
                .collect();
            let view = view! {
                <div class="matching">
                    {pairs
                        .iter()
                        .map(|p| {
                            let left_id = p.id.clone();
                            let select_id = format!("match-{qid}-{}", p.id);
                            let current = {
                                let left_id = left_id.clone();
                                move || chosen.with(|c| c.get(&left_id).cloned().unwrap_or_default())
                            };
                            let on_change = move |ev: leptos::ev::Event| {
                                let v = event_target_value(&ev);
                                chosen.update(|c| {
                                    if v.is_empty() {
                                        c.remove(&left_id);
                                    } else {
                                        c.insert(left_id.clone(), v);
                                    }
                                });
                            };
                            let rights = rights.clone();
                            view! {
                                <div class="match-row">
                                    <label for=select_id.clone()>{p.left.get(lang).to_owned()}</label>
                                    <select id=select_id disabled=locked on:change=on_change prop:value=current.clone()>
                                        <option value="">{tr("quiz.matching.choose")}</option>
                                        {rights
                                            .into_iter()
                                            .map(|(id, text)| {
                                                let sel = {
                                                    let current = current.clone();
                                                    let id = id.clone();
                                                    move || current() == id
                                                };
                                                view! { <option value=id selected=sel>{text}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any();
            let n = pairs.len();
            let draft: Draft = Arc::new(move || {
                let c = chosen.get_untracked();
                (c.len() == n).then_some(Answer::Matching(c))
            });
            (view, draft)
        }
        QuestionKind::ShortText { .. } => {
            let text = RwSignal::new(match given {
                Some(Answer::ShortText(t)) => t,
                _ => String::new(),
            });
            let id = format!("short-{qid}");
            let view = view! {
                <div class="short-answer">
                    <label for=id.clone()>{tr("quiz.short.label")}</label>
                    <input
                        id=id
                        type="text"
                        autocomplete="off"
                        disabled=locked
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
            }
            .into_any();
            let draft: Draft = Arc::new(move || {
                let t = text.get_untracked();
                (!t.trim().is_empty()).then_some(Answer::ShortText(t))
            });
            (view, draft)
        }
        QuestionKind::Scenario { case, questions } => {
            let given_subs = match given {
                Some(Answer::Scenario(m)) => m,
                _ => BTreeMap::new(),
            };
            let case_nodes = case.get(lang).nodes().into_owned();
            let mut drafts: Vec<(String, Draft)> = Vec::new();
            let mut views = Vec::new();
            for (i, sub) in questions.iter().enumerate() {
                let (v, d) = answer_input(
                    &sub.kind,
                    &sub.id,
                    seed,
                    given_subs.get(&sub.id).cloned(),
                    lang,
                );
                drafts.push((sub.id.clone(), d));
                let prompt = sub.prompt.get(lang).to_owned();
                views.push(view! {
                    <div class="sub-question">
                        <h3>{format!("{}. ", i + 1)}{prompt}</h3>
                        {v}
                    </div>
                });
            }
            let view = view! {
                <div class="scenario-case"><Markdown nodes=case_nodes/></div>
                {views}
            }
            .into_any();
            let draft: Draft = Arc::new(move || {
                let mut subs = BTreeMap::new();
                for (id, d) in &drafts {
                    subs.insert(id.clone(), d()?);
                }
                Some(Answer::Scenario(subs))
            });
            (view, draft)
        }
    }
}

#[component]
fn Results(
    module: Arc<Module>,
    attempt: QuizAttempt,
    on_retry: impl Fn(Vec<String>) + Send + Sync + 'static,
    on_restart: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let result = attempt.result(&module, &lang);
    let wrong = result.wrong();
    let has_wrong = !wrong.is_empty();
    let score_text = i18n.format(
        "quiz.result.score",
        &[
            ("percent", &result.percent.to_string()),
            ("points", &format!("{:.1}", result.points)),
            ("max", &format!("{:.0}", result.max)),
        ],
    );
    let verdict = if result.passed {
        i18n.format(
            "quiz.result.passed",
            &[("pass", &module.quiz.pass_mark.to_string())],
        )
    } else {
        i18n.format(
            "quiz.result.failed",
            &[("pass", &module.quiz.pass_mark.to_string())],
        )
    };
    let stale = attempt.is_stale(&module);
    let rows: Vec<(Question, Option<Answer>, f64)> = result
        .per_question
        .iter()
        .filter_map(|(id, s)| {
            let q = module.quiz.questions.iter().find(|q| &q.id == id)?.clone();
            Some((q, attempt.answers.get(id).cloned(), s.0))
        })
        .collect();
    view! {
        <h1 tabindex="-1">{tr("quiz.result.title")}</h1>
        <section class="card result-summary" data-testid="result">
            <p class="score" data-testid="score">{score_text}</p>
            <p class:passed=result.passed>{verdict}</p>
            {stale.then(|| view! { <p class="badge">{tr("quiz.changed.since")}</p> })}
            <div class="lesson-actions">
                {has_wrong.then(|| view! {
                    <button class="button button-primary" on:click=move |_| on_retry(wrong.clone()) data-testid="retry-wrong">
                        {tr("quiz.retry_wrong")}
                    </button>
                })}
                <button class="button" on:click=move |_| on_restart()>{tr("quiz.start_again")}</button>
            </div>
        </section>
        <h2>{tr("quiz.review.title")}</h2>
        <ol class="review-list">
            {rows
                .into_iter()
                .map(|(q, answer, points)| {
                    let fb: Vec<(String, bool)> = answer
                        .as_ref()
                        .map(|a| feedback(&q.kind, a, &lang).into_iter().map(|(t, ok)| (t.get(&lang).to_owned(), ok)).collect())
                        .unwrap_or_default();
                    let mark = if points >= 1.0 { "✓" } else if points > 0.0 { "½" } else { "✗" };
                    let state = if points >= 1.0 {
                        tr("quiz.right")()
                    } else if points > 0.0 {
                        tr("quiz.partly")()
                    } else {
                        tr("quiz.wrong")()
                    };
                    let right = points >= 1.0;
                    view! {
                        <li class="review-item" class:right=right>
                            <p><span aria-hidden="true" class="mark">{mark}</span>" "<strong>{q.prompt.get(&lang).to_owned()}</strong></p>
                            <p class="meta">{state}</p>
                            <ul class="feedback-list">
                                {fb.into_iter().map(|(t, ok)| view! { <li class:right=ok>{t}</li> }).collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
