//! The stakeholder map: stakeholders on a power/interest grid, moved by dragging (pointer and
//! touch) or with the arrow keys, edited in a form, listed beside the grid, and exported as SVG,
//! PNG and JSON.

use std::sync::Arc;

use erasmi_core::worksheet::{
    grid, map_svg, Attitude, MapLabels, Quadrant, Sheet, Stakeholder, StakeholderMap,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{file_stem, Editor, WorksheetHead};
use crate::device;
use crate::i18n::{tr, I18n};
use crate::source;
use crate::state::{random_id, use_app};

/// How far one arrow key press moves a stakeholder (with Shift: one step).
const STEP: i32 = 5;

fn map_of(editor: &Editor) -> Option<StakeholderMap> {
    editor.record.with(|r| match &r.sheet {
        Sheet::StakeholderMap(m) => Some(m.clone()),
        _ => None,
    })
}

/// Changes one stakeholder; `save` stores the map at once.
fn change_stakeholder(editor: Editor, id: &str, save: bool, f: impl FnOnce(&mut Stakeholder)) {
    let apply = |r: &mut erasmi_core::worksheet::WorksheetRecord| {
        if let Sheet::StakeholderMap(m) = &mut r.sheet {
            if let Some(s) = m.get_mut(id) {
                f(s);
            }
        }
    };
    if save {
        editor.edit(apply);
    } else {
        editor.change(apply);
    }
}

fn quadrant_name(i18n: I18n, q: Quadrant) -> String {
    i18n.t(&format!("tools.stakeholder_map.quadrant.{}", q.key()))
}

fn position_text(i18n: I18n, s: &Stakeholder) -> String {
    i18n.format(
        "tools.stakeholder_map.position",
        &[
            ("name", &s.name),
            ("influence", &s.influence.to_string()),
            ("interest", &s.interest.to_string()),
            ("field", &quadrant_name(i18n, s.quadrant())),
        ],
    )
}

/// The labels of the exported picture in the UI language.
fn labels(i18n: I18n, title: &str) -> MapLabels {
    MapLabels {
        title: title.to_owned(),
        influence: i18n.t("tools.stakeholder_map.influence"),
        interest: i18n.t("tools.stakeholder_map.interest"),
        quadrants: Quadrant::ALL.map(|q| quadrant_name(i18n, q)),
        attitudes: Attitude::ALL
            .map(|a| i18n.t(&format!("tools.stakeholder_map.attitude.{}", a.as_str()))),
    }
}

/// The stakeholder map editor.
#[component]
pub fn MapEditor(editor: Editor) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let taxonomy = LocalResource::new(|| async { source::load_taxonomy().await.ok() });
    let selected = RwSignal::new(None::<String>);
    let announce = RwSignal::new(String::new());
    let export_error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let new_group = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let map = Memo::new(move |_| map_of(&editor).unwrap_or_default());
    let ids = move || {
        map.with(|m| {
            m.stakeholders
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let groups = move || -> Vec<(String, String)> {
        let lang = i18n.lang.get();
        taxonomy
            .get()
            .flatten()
            .map(|t| {
                t.stakeholder_groups
                    .iter()
                    .map(|g| (g.id.clone(), g.label.get(&lang).to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let group_name = move |id: &str| {
        groups()
            .into_iter()
            .find(|(g, _)| g == id)
            .map(|(_, n)| n)
            .unwrap_or_default()
    };

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = random_id("s");
        let mut result = Ok(());
        let group = new_group.get_untracked();
        editor.change(|r| {
            if let Sheet::StakeholderMap(m) = &mut r.sheet {
                result = m.add(id.clone(), &new_name.get_untracked());
                if result.is_ok() {
                    if let Some(s) = m.get_mut(&id) {
                        s.group = group;
                    }
                }
            }
        });
        match result {
            Ok(()) => {
                editor.save();
                add_error.set(None);
                new_name.set(String::new());
                announce.set(i18n.format(
                    "tools.stakeholder_map.added",
                    &[(
                        "name",
                        &map.with_untracked(|m| {
                            m.stakeholders
                                .last()
                                .map(|s| s.name.clone())
                                .unwrap_or_default()
                        }),
                    )],
                ));
            }
            Err(e) => add_error.set(Some(i18n.t(e.message_key()))),
        }
    };

    // Dragging: the pointer is captured by the grid, which turns its position into values.
    let svg_ref: NodeRef<leptos::svg::Svg> = NodeRef::new();
    let dragging = RwSignal::new(None::<String>);
    let point_values = move |ev: &web_sys::PointerEvent| -> Option<(u8, u8)> {
        let svg = svg_ref.get_untracked()?;
        let el: &web_sys::Element = svg.unchecked_ref();
        let rect = el.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let x = (f64::from(ev.client_x()) - rect.left()) * grid::WIDTH / rect.width();
        let y = (f64::from(ev.client_y()) - rect.top()) * grid::HEIGHT / rect.height();
        Some(grid::from_xy(x, y))
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(id) = dragging.get_untracked() else {
            return;
        };
        ev.prevent_default();
        if let Some((interest, influence)) = point_values(&ev) {
            change_stakeholder(editor, &id, false, |s| {
                s.interest = interest;
                s.influence = influence;
            });
        }
    };
    let on_up = move |_ev: web_sys::PointerEvent| {
        if let Some(id) = dragging.get_untracked() {
            dragging.set(None);
            editor.save();
            if let Some(s) =
                map.with_untracked(|m| m.stakeholders.iter().find(|s| s.id == id).cloned())
            {
                announce.set(position_text(i18n, &s));
            }
        }
    };

    let export_svg = move |_| {
        let title = editor.record.with_untracked(|r| r.title.clone());
        let svg = map_svg(&map.get_untracked(), &labels(i18n, &title));
        device::download_as(&svg, &format!("{}.svg", file_stem(&title)), "image/svg+xml");
    };
    let export_png = move |_| {
        let title = editor.record.with_untracked(|r| r.title.clone());
        let svg = map_svg(&map.get_untracked(), &labels(i18n, &title));
        export_error.set(None);
        leptos::task::spawn_local(async move {
            match device::svg_to_png(&svg, grid::WIDTH, grid::HEIGHT, 2.0).await {
                Ok(png) => {
                    device::download_blob(&png, &format!("{}.png", file_stem(&title)));
                }
                Err(e) => {
                    leptos::logging::warn!("PNG export failed: {e}");
                    export_error.set(Some(i18n.t("tools.export_failed")));
                }
            }
        });
    };
    let export_json = move |_| {
        let title = editor.record.with_untracked(|r| r.title.clone());
        let json = map.with_untracked(|m| m.to_json(&title));
        device::download(&json, &format!("{}.json", file_stem(&title)));
    };

    let mid_x = (grid::LEFT + grid::RIGHT) / 2.0;
    let mid_y = (grid::TOP + grid::BOTTOM) / 2.0;
    let fields = [
        (grid::LEFT, grid::TOP),
        (mid_x, grid::TOP),
        (grid::LEFT, mid_y),
        (mid_x, mid_y),
    ];

    view! {
        <WorksheetHead editor/>
        <p class="lead no-print">{tr("tools.stakeholder_map.how")}</p>
        <form class="card add-stakeholder no-print" on:submit=add novalidate>
            <h2>{tr("tools.stakeholder_map.add")}</h2>
            <div class="form-row">
                <div>
                    <label for="stakeholder-name">{tr("tools.stakeholder_map.name")}</label>
                    <input id="stakeholder-name" type="text" maxlength="120" aria-describedby="stakeholder-name-error"
                        prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </div>
                <div>
                    <label for="stakeholder-group">{tr("tools.stakeholder_map.group")}</label>
                    <select id="stakeholder-group" on:change=move |ev| new_group.set(event_target_value(&ev)) prop:value=move || new_group.get()>
                        <option value="">{tr("tools.stakeholder_map.group.none")}</option>
                        {move || groups().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p id="stakeholder-name-error" class="field-error" role="alert">{move || add_error.get()}</p>
            <button type="submit" class="button button-primary" data-testid="add-stakeholder">{tr("tools.stakeholder_map.add.button")}</button>
        </form>

        <div class="map-layout">
            <figure class="map-figure">
                <svg node_ref=svg_ref class="stakeholder-grid" viewBox=format!("0 0 {} {}", grid::WIDTH, grid::HEIGHT)
                    role="group" aria-labelledby="map-caption" data-testid="stakeholder-grid"
                    on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up>
                    {fields.iter().zip(Quadrant::ALL).map(|((x, y), q)| view! {
                        <rect class=format!("map-field map-field-{}", q.key()) x=*x y=*y width=mid_x - grid::LEFT height=mid_y - grid::TOP/>
                        <text class="map-field-label" x=x + 10.0 y=y + 22.0>{move || quadrant_name(i18n, q)}</text>
                    }).collect_view()}
                    <text class="map-axis" x=mid_x y=grid::BOTTOM + 30.0 text-anchor="middle">{move || format!("{} →", i18n.t("tools.stakeholder_map.interest"))}</text>
                    <text class="map-axis" x="22" y=mid_y text-anchor="middle" transform=format!("rotate(-90 22 {mid_y})")>{move || format!("{} →", i18n.t("tools.stakeholder_map.influence"))}</text>
                    <For each=ids key=|id| id.clone() let:id>
                        {
                            let sid = id.clone();
                            let current = Memo::new(move |_| map.with(|m| m.stakeholders.iter().find(|s| s.id == sid).cloned()));
                            let xy = Memo::new(move |_| current.with(|s| s.as_ref().map(|s| grid::to_xy(s.interest, s.influence))).unwrap_or((0.0, 0.0)));
                            let (kid, did, sel_id) = (id.clone(), id.clone(), id.clone());
                            let on_key = move |ev: web_sys::KeyboardEvent| {
                                let step = if ev.shift_key() { 1 } else { STEP };
                                let (dx, dy) = match ev.key().as_str() {
                                    "ArrowUp" => (0, step),
                                    "ArrowDown" => (0, -step),
                                    "ArrowRight" => (step, 0),
                                    "ArrowLeft" => (-step, 0),
                                    "Enter" | " " => {
                                        ev.prevent_default();
                                        selected.set(Some(kid.clone()));
                                        return;
                                    }
                                    _ => return,
                                };
                                ev.prevent_default();
                                change_stakeholder(editor, &kid, true, |s| s.nudge(dx, dy));
                                if let Some(s) = map.with_untracked(|m| m.stakeholders.iter().find(|s| s.id == kid).cloned()) {
                                    announce.set(position_text(i18n, &s));
                                }
                            };
                            let on_down = move |ev: web_sys::PointerEvent| {
                                ev.prevent_default();
                                if let Some(svg) = svg_ref.get_untracked() {
                                    let el: &web_sys::Element = svg.unchecked_ref();
                                    let _ = el.set_pointer_capture(ev.pointer_id());
                                }
                                if let Some(t) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::SvgElement>().ok()) {
                                    let _ = t.focus();
                                }
                                selected.set(Some(did.clone()));
                                dragging.set(Some(did.clone()));
                            };
                            view! {
                                <g class=move || format!("stakeholder attitude-{}", current.with(|s| s.as_ref().map(|s| s.attitude.as_str()).unwrap_or("neutral")))
                                    class:selected=move || selected.get().as_deref() == Some(sel_id.as_str())
                                    tabindex="0" role="button" data-testid="stakeholder-dot"
                                    data-name=move || current.get().map(|s| s.name).unwrap_or_default()
                                    aria-label=move || current.get().map(|s| position_text(i18n, &s)).unwrap_or_default()
                                    aria-describedby="map-keys"
                                    on:keydown=on_key on:pointerdown=on_down>
                                    <circle class="dot-target" cx=move || xy.get().0 cy=move || xy.get().1 r="22"/>
                                    <circle class="dot" cx=move || xy.get().0 cy=move || xy.get().1 r="9"/>
                                    <text class="dot-label" x=move || { let (x, _) = xy.get(); if x > grid::RIGHT - 160.0 { x - 14.0 } else { x + 14.0 } }
                                        text-anchor={move || if xy.get().0 > grid::RIGHT - 160.0 { "end" } else { "start" }}
                                        y=move || xy.get().1 + 5.0>{move || current.get().map(|s| s.name).unwrap_or_default()}</text>
                                </g>
                            }
                        }
                    </For>
                </svg>
                <figcaption id="map-caption">
                    {move || i18n.plural("tools.stakeholder_map.caption", map.with(|m| m.stakeholders.len()), &[])}
                </figcaption>
                <p id="map-keys" class="meta no-print">{tr("tools.stakeholder_map.keys")}</p>
                <ul class="legend map-legend">
                    {Attitude::ALL.map(|a| view! {
                        <li><span class=format!("swatch attitude-{}", a.as_str()) aria-hidden="true"></span>{move || i18n.t(&format!("tools.stakeholder_map.attitude.{}", a.as_str()))}</li>
                    }).collect_view()}
                </ul>
            </figure>
            <section class="map-list" aria-labelledby="map-list-title">
                <h2 id="map-list-title">{tr("tools.stakeholder_map.list")}</h2>
                <Show when=move || map.with(|m| m.stakeholders.is_empty())>
                    <p class="empty">{tr("tools.stakeholder_map.no_stakeholders")}</p>
                </Show>
                <ul class="stakeholder-list" data-testid="stakeholder-list">
                    <For each=ids key=|id| id.clone() let:id>
                        {
                            let sid = id.clone();
                            let current = move || map.with(|m| m.stakeholders.iter().find(|s| s.id == sid).cloned());
                            let eid = id.clone();
                            let sel = id.clone();
                            view! {
                                <li class:selected=move || selected.get().as_deref() == Some(sel.as_str())>
                                    {move || current().map(|s| {
                                        let group = group_name(&s.group);
                                        view! {
                                            <span class=format!("swatch attitude-{}", s.attitude.as_str()) aria-hidden="true"></span>
                                            <span class="stakeholder-name">{s.name.clone()}</span>
                                            <span class="meta">
                                                {(!group.is_empty()).then(|| format!("{group} · "))}
                                                {quadrant_name(i18n, s.quadrant())}
                                                {format!(" · {} {} / {} {}", i18n.t("tools.stakeholder_map.influence"), s.influence, i18n.t("tools.stakeholder_map.interest"), s.interest)}
                                            </span>
                                        }
                                    })}
                                    <button class="button button-small no-print" on:click={let eid = eid.clone(); move |_| selected.set(Some(eid.clone()))}
                                        aria-label=move || i18n.format("tools.stakeholder_map.edit_named", &[("name", &current_name(map, &eid))])>
                                        {tr("tools.stakeholder_map.edit")}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                {move || selected.get().map(|id| view! { <StakeholderForm editor id groups=Arc::new(groups()) on_close=Callback::new(move |_| selected.set(None))/> })}
            </section>
        </div>
        <p class="visually-hidden" aria-live="polite">{move || announce.get()}</p>
        <section class="card exports no-print" aria-labelledby="export-title">
            <h2 id="export-title">{tr("tools.export")}</h2>
            <p class="meta">{tr("tools.stakeholder_map.export.hint")}</p>
            <div class="button-row">
                <button class="button" on:click=export_svg data-testid="export-svg">{tr("tools.export.svg")}</button>
                <button class="button" on:click=export_png data-testid="export-png">{tr("tools.export.png")}</button>
                <button class="button" on:click=export_json data-testid="export-json">{tr("tools.export.json")}</button>
                <button class="button" on:click=move |_| device::print()>{tr("tools.print")}</button>
            </div>
            <p class="field-error" role="alert">{move || export_error.get()}</p>
        </section>
    }
}

fn current_name(map: Memo<StakeholderMap>, id: &str) -> String {
    map.with(|m| {
        m.stakeholders
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    })
}

/// The form that edits one stakeholder's values.
#[component]
fn StakeholderForm(
    editor: Editor,
    id: String,
    groups: Arc<Vec<(String, String)>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_app().i18n;
    let Some(s) = map_of(&editor).and_then(|m| m.stakeholders.into_iter().find(|s| s.id == id))
    else {
        return ().into_any();
    };
    let name = RwSignal::new(s.name.clone());
    let name_error = RwSignal::new(None::<String>);
    let sid = StoredValue::new(id.clone());
    let read = move |f: fn(&Stakeholder) -> String| {
        move || {
            map_of(&editor)
                .and_then(|m| m.stakeholders.into_iter().find(|s| s.id == sid.get_value()))
                .map(|s| f(&s))
                .unwrap_or_default()
        }
    };
    let set = move |f: Box<dyn FnOnce(&mut Stakeholder)>| {
        change_stakeholder(editor, &sid.get_value(), true, f)
    };
    let number = |v: String| v.trim().parse::<i32>().ok().map(|n| n.clamp(0, 100) as u8);
    let remove = move |_| {
        let id = sid.get_value();
        editor.edit(|r| {
            if let Sheet::StakeholderMap(m) = &mut r.sheet {
                m.stakeholders.retain(|s| s.id != id);
            }
        });
        on_close.run(());
    };
    let heading = format!("edit-{}", id);
    let labelled = heading.clone();
    view! {
        <form class="card stakeholder-form no-print" aria-labelledby=labelled on:submit=move |ev| { ev.prevent_default(); on_close.run(()); } novalidate data-testid="stakeholder-form">
            <h3 id=heading>{move || i18n.format("tools.stakeholder_map.editing", &[("name", &name.get())])}</h3>
            <label for="edit-name">{tr("tools.stakeholder_map.name")}</label>
            <input id="edit-name" type="text" maxlength="120" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
                on:change=move |_| match erasmi_core::worksheet::check_name(&name.get_untracked()) {
                    Ok(n) => { name_error.set(None); set(Box::new(move |s| s.name = n)); }
                    Err(e) => name_error.set(Some(i18n.t(e.message_key()))),
                }/>
            <p class="field-error" role="alert">{move || name_error.get()}</p>
            <label for="edit-group">{tr("tools.stakeholder_map.group")}</label>
            <select id="edit-group" prop:value=read(|s| s.group.clone()) on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |s| s.group = v)); }>
                <option value="">{tr("tools.stakeholder_map.group.none")}</option>
                {groups.iter().map(|(id, n)| view! { <option value=id.clone()>{n.clone()}</option> }).collect_view()}
            </select>
            <div class="form-row">
                <div>
                    <label for="edit-influence">{tr("tools.stakeholder_map.influence")}" (0–100)"</label>
                    <input id="edit-influence" type="number" min="0" max="100" step="1" inputmode="numeric" data-testid="edit-influence"
                        prop:value=read(|s| s.influence.to_string())
                        on:change=move |ev| if let Some(n) = number(event_target_value(&ev)) { set(Box::new(move |s| s.influence = n)); }/>
                </div>
                <div>
                    <label for="edit-interest">{tr("tools.stakeholder_map.interest")}" (0–100)"</label>
                    <input id="edit-interest" type="number" min="0" max="100" step="1" inputmode="numeric" data-testid="edit-interest"
                        prop:value=read(|s| s.interest.to_string())
                        on:change=move |ev| if let Some(n) = number(event_target_value(&ev)) { set(Box::new(move |s| s.interest = n)); }/>
                </div>
            </div>
            <label for="edit-attitude">{tr("tools.stakeholder_map.attitude")}</label>
            <select id="edit-attitude" prop:value=read(|s| s.attitude.as_str().to_owned())
                on:change=move |ev| if let Some(a) = Attitude::parse(&event_target_value(&ev)) { set(Box::new(move |s| s.attitude = a)); }>
                {Attitude::ALL.map(|a| view! { <option value=a.as_str()>{move || i18n.t(&format!("tools.stakeholder_map.attitude.{}", a.as_str()))}</option> }).collect_view()}
            </select>
            <label for="edit-notes">{tr("tools.stakeholder_map.notes")}</label>
            <textarea id="edit-notes" rows="3" maxlength="2000" prop:value=read(|s| s.notes.clone())
                on:input=move |ev| { let v = erasmi_core::worksheet::clip(&event_target_value(&ev)); set(Box::new(move |s| s.notes = v)); }></textarea>
            <div class="button-row">
                <button type="submit" class="button button-primary">{tr("tools.done")}</button>
                <button type="button" class="button button-danger" on:click=remove>{tr("tools.stakeholder_map.remove")}</button>
            </div>
        </form>
    }
    .into_any()
}
