//! PMO-type presets with a preview of what moves, and the structure's health: figures and the
//! warnings a PMO lead acts on.

use leptos::prelude::*;
use pmo_domain::org::edit::{apply_preset, preset_effect, PresetPreview};
use pmo_domain::org::{org_metrics, Limits};
use pmo_domain::route::Page;
use pmo_domain::PmoType;

use super::OrgUi;
use crate::app::state::AppState;

/// Rows listed per preview or warning list.
const LIST_MAX: usize = 25;

#[component]
pub fn Presets() -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let current = Memo::new(move |_| state.workspace.with(|ws| ws.organisation.pmo_type));
    let chosen = ui.preset_choice;
    // The plan the chart draws (`OrgUi::plan`); this panel exists only while it does.
    let plan = ui.plan;
    let preview = move || {
        let Some(p) = plan.get() else {
            return ().into_any();
        };
        if let Some(problem) = p.problem.clone() {
            return view! { <p class="banner danger">{problem}</p> }.into_any();
        }
        let list = |rows: Vec<String>| {
            let more = rows.len().saturating_sub(LIST_MAX);
            view! {
                <ul class="plain org-preview-list">
                    {rows.into_iter().take(LIST_MAX).map(|r| view! { <li>{r}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
                </ul>
            }
        };
        let PresetPreview {
            summary,
            moves,
            added,
            removed,
            kept,
        } = state.workspace.with_untracked(|ws| p.preview(ws));
        let drawn = (!p.is_empty()).then(|| view! {
            <ul class="plain org-plan-legend" aria-label="On the chart">
                <li><span class="swatch moving" aria-hidden="true"></span>"Highlighted cards: the people who would move"</li>
                <li><span class="swatch solid" aria-hidden="true"></span>"Green line: their new reporting line"</li>
                <li><span class="swatch added" aria-hidden="true"></span>"Violet dashes: a new dotted line"</li>
                <li><span class="swatch removed" aria-hidden="true"></span>"Red dashes: a dotted line that goes"</li>
            </ul>
        });
        view! {
            <p class="org-preview-summary" role="status">{summary}</p>
            {drawn}
            {(!moves.is_empty()).then(|| view! { <h3>"Solid lines that move"</h3> {list(moves)} })}
            {(!added.is_empty()).then(|| view! { <h3>"New dotted lines"</h3> {list(added)} })}
            {(!removed.is_empty()).then(|| view! { <h3>"Dotted lines that become solid"</h3> {list(removed)} })}
            {(!kept.is_empty()).then(|| view! { <h3>"Left as they are"</h3> {list(kept)} })}
        }
        .into_any()
    };
    let apply = move |_| {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        let label = format!("PMO type {}", p.pmo_type.label().to_lowercase());
        let what = p.pmo_type.label();
        if ui.change(label, move |ws| {
            apply_preset(ws, &p);
            Ok(format!(
                "{what} PMO applied: {} moved, {} dotted line(s) added",
                p.moves.len(),
                p.added_dotted.len()
            ))
        }) {
            ui.show_presets.set(false);
            ui.relayout.update(|n| *n += 1);
        }
    };
    view! {
        <section class="card org-panel org-presets no-print" aria-labelledby="org-presets-title">
            <h2 id="org-presets-title">"PMO type"</h2>
            <p>{move || format!("The organisation's PMO is {}. Choose a type to see what would change, then apply it.", current.get().label().to_lowercase())}</p>
            <fieldset class="org-preset-choice">
                <legend>"PMO type to apply"</legend>
                {PmoType::ALL.into_iter().map(|t| view! {
                    <label class="org-preset-option">
                        <input type="radio" name="org-preset" prop:checked=move || chosen.get() == t
                            on:change=move |_| chosen.set(t)/>
                        <strong>{t.label()}</strong>
                        <span class="muted">{preset_effect(t)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {preview}
            <div class="org-actions">
                <button type="button" class="primary"
                    disabled=move || plan.with(|p| p.as_ref().is_none_or(|p| p.problem.is_some()))
                    on:click=apply>{move || format!("Apply {}", chosen.get().label().to_lowercase())}</button>
                <button type="button" on:click=move |_| {
                    ui.show_presets.set(false);
                    ui.relayout.update(|n| *n += 1);
                }>"Cancel"</button>
            </div>
        </section>
    }
}

#[component]
pub fn Health() -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let max_direct = RwSignal::new(8usize);
    let max_projects = RwSignal::new(3usize);
    let metrics = Memo::new(move |_| {
        let limits = Limits {
            max_direct: max_direct.get(),
            max_active_projects: max_projects.get(),
        };
        state.workspace.with(|ws| org_metrics(ws, limits))
    });
    let person_button = move |i: usize, text: String| {
        view! {
            <button type="button" class="link" on:click=move |_| {
                ui.select(i);
                ui.reveal(i, true);
                super::focus_dom(i);
            }>{text}</button>
        }
    };
    let name = move |i: usize| {
        state
            .workspace
            .with_untracked(|ws| ws.people.get(i).map(|p| p.name.clone()).unwrap_or_default())
    };
    let people_list = move |rows: Vec<(usize, String)>| {
        let more = rows.len().saturating_sub(LIST_MAX);
        view! {
            <ul class="plain">
                {rows.into_iter().take(LIST_MAX).map(|(i, extra)| view! {
                    <li>{person_button(i, name(i))}{extra}</li>
                }).collect_view()}
                {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
            </ul>
        }
    };
    let number = |ev: leptos::ev::Event, fallback: usize| {
        event_target_value(&ev)
            .trim()
            .parse::<usize>()
            .unwrap_or(fallback)
    };
    view! {
        <section class="card org-health" aria-labelledby="org-health-title">
            <h2 id="org-health-title">"Structure health"</h2>
            {move || {
                let m = metrics.get();
                let widest = m.spans.first().map(|s| format!("{} ({})", name(s.0), s.1)).unwrap_or_else(|| "—".into());
                view! {
                    <dl class="org-figures">
                        <div><dt>"Headcount"</dt><dd>{m.headcount}</dd></div>
                        <div><dt>"Open roles"</dt><dd>{m.vacancies}</dd></div>
                        <div><dt>"Managers"</dt><dd>{m.managers}</dd></div>
                        <div><dt>"Mean span of control"</dt><dd>{format!("{:.1}", m.mean_span)}</dd></div>
                        <div><dt>"Widest span"</dt><dd>{widest}</dd></div>
                        <div><dt>"PMO units"</dt><dd>{m.pmo_units}</dd></div>
                    </dl>
                }
            }}
            <div class="org-limits">
                <label for="org-max-direct">"Flag managers with more direct reports than"</label>
                <input id="org-max-direct" type="number" min="1" max="999" prop:value=move || max_direct.get().to_string()
                    on:change=move |ev| max_direct.set(number(ev, 8).max(1))/>
                <label for="org-max-projects">"Flag PMs with more active projects than"</label>
                <input id="org-max-projects" type="number" min="0" max="999" prop:value=move || max_projects.get().to_string()
                    on:change=move |ev| max_projects.set(number(ev, 3))/>
            </div>
            <div class="org-warnings">
                {move || {
                    let m = metrics.get();
                    let wide: Vec<(usize, String)> = m.wide_spans.iter().map(|s| (s.0, format!(" — {} direct reports", s.1))).collect();
                    let busy: Vec<(usize, String)> = m.busy_pms.iter().map(|s| (s.0, format!(" — {} active projects", s.1))).collect();
                    let lonely: Vec<(usize, String)> = m.pms_without_pmo_line.iter().map(|&i| (i, String::new())).collect();
                    let orphans: Vec<(String, String)> = state.workspace.with_untracked(|ws| {
                        m.projects_without_pm.iter().map(|&k| (Page::Project(ws.projects[k].id.clone()).href(), format!("{} {}", ws.projects[k].code, ws.projects[k].name))).collect()
                    });
                    let orphan_more = orphans.len().saturating_sub(LIST_MAX);
                    view! {
                        <section aria-labelledby="org-w-span">
                            <h3 id="org-w-span">{format!("Managers with more than {} direct reports: {}", max_direct.get_untracked(), wide.len())}</h3>
                            {if wide.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { people_list(wide).into_any() }}
                        </section>
                        <section aria-labelledby="org-w-busy">
                            <h3 id="org-w-busy">{format!("PMs with more than {} active projects: {}", max_projects.get_untracked(), busy.len())}</h3>
                            {if busy.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { people_list(busy).into_any() }}
                        </section>
                        <section aria-labelledby="org-w-line">
                            <h3 id="org-w-line">{format!("PMs with no line to a PMO: {}", lonely.len())}</h3>
                            {if lonely.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { people_list(lonely).into_any() }}
                        </section>
                        <section aria-labelledby="org-w-nopm">
                            <h3 id="org-w-nopm">{format!("Active projects without a PM: {}", orphans.len())}</h3>
                            {if orphans.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else {
                                view! {
                                    <ul class="plain">
                                        {orphans.into_iter().take(LIST_MAX).map(|(href, t)| view! { <li><a href=href>{t}</a></li> }).collect_view()}
                                        {(orphan_more > 0).then(|| view! { <li class="muted">{format!("and {orphan_more} more")}</li> })}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }
                }}
            </div>
        </section>
    }
}
