//! The chart's toolbar: one row of search, view, zoom, add a person, PMO type, print and
//! "More tools" (layout, expand and collapse, SVG and PNG exports), and the print choice.

use std::collections::HashSet;

use leptos::prelude::*;
use pmo_domain::org::layout::Orientation;
use pmo_domain::org::print::{tiles, PrintChoice};
use pmo_domain::org::svg::{org_svg, SvgChart};
use pmo_domain::org::OrgView;
use pmo_domain::route::{to_hash, Page};
use pmo_domain::Id;
use wasm_bindgen::JsCast;

use crate::app::state::AppState;

use super::{OrgUi, PanelMode};

/// Run `f` on the chart as the export draws it, titled "<organisation> — org chart".
pub(super) fn with_chart<T>(ui: OrgUi, f: impl FnOnce(&SvgChart) -> T) -> T {
    let state = ui.state;
    state.workspace.with_untracked(|ws| {
        ui.org.with_untracked(|org| {
            ui.lay.with_untracked(|lay| {
                ui.projects.with_untracked(|projects| {
                    let title = format!("{} — org chart", ws.organisation.name);
                    f(&SvgChart {
                        ws,
                        org,
                        layout: lay,
                        orientation: ui.orientation.get_untracked(),
                        projects,
                        title: &title,
                    })
                })
            })
        })
    })
}

fn export_svg_text(ui: OrgUi) -> String {
    with_chart(ui, org_svg)
}

/// Largest PNG side: browsers refuse bigger canvases.
const PNG_MAX_SIDE: f64 = 16_000.0;

fn export_png(ui: OrgUi) {
    let svg = export_svg_text(ui);
    let (w, h) = ui.lay.with_untracked(|l| (l.width + 48.0, l.height + 88.0));
    let scale = (2.0_f64).min(PNG_MAX_SIDE / w.max(h));
    let Some(url) = crate::app::download::blob_url("image/svg+xml", &svg) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Some(canvas) = document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((w * scale).ceil() as u32);
        canvas.set_height((h * scale).ceil() as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        if let Ok(data) = canvas.to_data_url_with_type("image/png") {
            crate::app::download::save_url("org-chart.png", &data);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

#[component]
pub(super) fn Toolbar() -> impl IntoView {
    let state = AppState::expect();
    let ui = OrgUi::expect();
    let portfolios = crate::ui::views::portfolio_names(state);
    let view_value = move || ui.view.with(|v| v.param().unwrap_or_default());
    let set_view = move |value: String| {
        let v = OrgView::from_param(Some(value.as_str()).filter(|s| !s.is_empty()));
        let p = v.param();
        let query: Vec<(&str, &str)> = p.as_deref().map(|p| vec![("view", p)]).unwrap_or_default();
        crate::app::navigate(&to_hash(&Page::OrgChart, &query), false);
        request_animation_frame(move || ui.home());
    };
    let go_to_match = move |k: usize| {
        let hits = ui.matches.get_untracked();
        if hits.is_empty() {
            return;
        }
        let k = k % hits.len();
        ui.current_match.set(k);
        ui.reveal(hits[k], true);
        let id = state
            .workspace
            .with_untracked(|ws| ws.people[hits[k]].id.clone());
        ui.focus.set(Some(id));
    };
    let match_text = move || {
        let n = ui.matches.with(Vec::len);
        if ui.query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            "No one matches".into()
        } else {
            format!("{} of {n}", ui.current_match.get() % n + 1)
        }
    };
    // What a screen reader hears: the count and who was found.
    let match_said = move || {
        let n = ui.matches.with(Vec::len);
        if ui.query.with(|q| q.trim().is_empty()) {
            return String::new();
        }
        if n == 0 {
            return "No one matches".into();
        }
        let k = ui.current_match.get() % n;
        let i = ui.matches.with(|m| m[k]);
        let who = state.workspace.with(|ws| {
            ws.people
                .get(i)
                .map(pmo_domain::org::edit::person_label)
                .unwrap_or_default()
        });
        format!("{} of {n}: {who}", k + 1)
    };
    let collapse_all = move |_| {
        // Keep the first two levels open.
        let ids: HashSet<Id> = state.workspace.with_untracked(|ws| {
            ui.tree.with_untracked(|t| {
                ws.people
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| t.level.get(*i).is_some_and(|&l| l >= 2))
                    .map(|(_, p)| p.id.clone())
                    .collect()
            })
        });
        ui.collapsed.set(ids);
        ui.home();
    };
    let print_open = RwSignal::new(false);
    view! {
        <div class="org-toolbar no-print" role="toolbar" aria-label="Org chart tools">
            <div class="org-search">
                <label for="org-search" class="sr-only">"Search people"</label>
                <input id="org-search" type="search" placeholder="Search people"
                    aria-describedby="org-match-said"
                    prop:value=move || ui.query.get()
                    on:input=move |ev| {
                        ui.query.set(event_target_value(&ev));
                        ui.current_match.set(0);
                        go_to_match(0);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            let step = if ev.shift_key() { ui.matches.with_untracked(Vec::len).saturating_sub(1) } else { 1 };
                            go_to_match(ui.current_match.get_untracked() + step);
                        }
                    }/>
                <span class="muted org-match-count" aria-hidden="true">{match_text}</span>
                <span id="org-match-said" class="sr-only" role="status">{match_said}</span>
                <button type="button" aria-label="Previous match" hidden=move || ui.query.with(|q| q.trim().is_empty())
                    disabled=move || ui.matches.with(Vec::is_empty)
                    on:click=move |_| {
                        let n = ui.matches.with_untracked(Vec::len);
                        go_to_match(ui.current_match.get_untracked() + n.saturating_sub(1));
                    }>"↑"</button>
                <button type="button" aria-label="Next match" hidden=move || ui.query.with(|q| q.trim().is_empty())
                    disabled=move || ui.matches.with(Vec::is_empty)
                    on:click=move |_| go_to_match(ui.current_match.get_untracked() + 1)>"↓"</button>
            </div>
            <div class="org-tool-group">
                <label for="org-view">"Show"</label>
                <select id="org-view" prop:value=view_value on:change=move |ev| set_view(event_target_value(&ev))>
                    <option value="">"Whole organisation"</option>
                    <option value="pmo">"PMO lines only"</option>
                    <For each=move || portfolios.get() key=|p| p.clone() let:p>
                        <option value=format!("portfolio:{}", p.0)>{format!("Portfolio: {}", p.1)}</option>
                    </For>
                </select>
            </div>
            <div class="org-tool-group">
                <button type="button" aria-label="Zoom out" on:click=move |_| {
                    let (sw, sh) = ui.screen.get_untracked();
                    ui.viewport.update(|v| *v = v.zoom_at(sw / 2.0, sh / 2.0, 0.8));
                }>"−"</button>
                <button type="button" aria-label="Zoom in" on:click=move |_| {
                    let (sw, sh) = ui.screen.get_untracked();
                    ui.viewport.update(|v| *v = v.zoom_at(sw / 2.0, sh / 2.0, 1.25));
                }>"+"</button>
                <button type="button" on:click=move |_| ui.fit()>"Fit to screen"</button>
            </div>
            <div class="org-tool-group">
                <button type="button" on:click=move |_| {
                    ui.selected.set(None);
                    ui.panel.set(PanelMode::Add);
                }>"Add person"</button>
                <button type="button" aria-pressed=move || ui.show_presets.get().to_string()
                    on:click=move |_| {
                        ui.show_presets.update(|s| *s = !*s);
                        ui.relayout.update(|n| *n += 1);
                    }>"PMO type…"</button>
                <button type="button" aria-expanded=move || print_open.get().to_string() aria-controls="org-print-choice"
                    on:click=move |_| {
                        print_open.update(|o| *o = !*o);
                        ui.relayout.update(|n| *n += 1);
                    }>"Print…"</button>
                <button type="button" aria-expanded=move || ui.more_tools.get().to_string() aria-controls="org-more-tools"
                    on:click=move |_| {
                        ui.more_tools.update(|o| *o = !*o);
                        ui.relayout.update(|n| *n += 1);
                    }>"More tools"</button>
            </div>
            <div id="org-more-tools" class="org-more-tools" hidden=move || !ui.more_tools.get()>
                <div class="org-tool-group">
                    <label for="org-direction">"Layout"</label>
                    <select id="org-direction"
                        on:change=move |ev| {
                            ui.orientation.set(if event_target_value(&ev) == "lr" { Orientation::LeftRight } else { Orientation::TopDown });
                            ui.home();
                        }>
                        <option value="td" selected=true>"Top-down"</option>
                        <option value="lr">"Left to right"</option>
                    </select>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || ui.compact.get()
                            on:change=move |ev| ui.compact.set(event_target_checked(&ev))/>
                        " Stack many reports"
                    </label>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || ui.all_dotted.get()
                            on:change=move |ev| ui.all_dotted.set(event_target_checked(&ev))/>
                        " All dotted lines"
                    </label>
                </div>
                <div class="org-tool-group">
                    <button type="button" on:click=move |_| { ui.collapsed.set(HashSet::new()); }>"Expand all"</button>
                    <button type="button" on:click=collapse_all>"Collapse all"</button>
                </div>
                <div class="org-tool-group">
                    <button type="button" on:click=move |_| {
                        crate::app::download::save_file("org-chart.svg", "image/svg+xml", &export_svg_text(ui));
                        state.say("Org chart exported as SVG");
                    }>"Export SVG"</button>
                    <button type="button" on:click=move |_| {
                        export_png(ui);
                        state.say("Org chart exported as PNG");
                    }>"Export PNG"</button>
                </div>
            </div>
            {move || print_open.get().then(|| view! { <PrintOptions open=print_open/> })}
        </div>
    }
}

/// The choice of what to print: the whole chart across pages at a legible size, the whole
/// chart on one page, or what is on screen.
#[component]
fn PrintOptions(open: RwSignal<bool>) -> impl IntoView {
    let ui = OrgUi::expect();
    let choice = RwSignal::new(PrintChoice::Pages);
    let pages = Memo::new(move |_| ui.lay.with(|l| tiles(l).len()));
    let option = move |value: PrintChoice, text: Signal<String>| {
        view! {
            <label class="inline">
                <input type="radio" name="org-print" prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value)/>
                " " {text}
            </label>
        }
    };
    let print = move |_| {
        let c = choice.get_untracked();
        ui.printing.set(Some(c));
        open.set(false);
        ui.relayout.update(|n| *n += 1);
        // The screen prints as it is; the pages print once their drawing has loaded
        // (`PrintArea` in the page).
        if c == PrintChoice::View {
            request_animation_frame(move || {
                let _ = window().print();
            });
        }
    };
    view! {
        <fieldset id="org-print-choice" class="org-print-choice">
            <legend>"Print the org chart"</legend>
            {option(PrintChoice::Pages, Signal::derive(move || match pages.get() {
                1 => "The whole chart, legible, on 1 page".to_string(),
                n => format!("The whole chart, legible, across {n} pages"),
            }))}
            {option(PrintChoice::OnePage, Signal::derive(|| "The whole chart on one page".to_string()))}
            {option(PrintChoice::View, Signal::derive(|| "What is on screen now".to_string()))}
            <div class="org-actions">
                <button type="button" class="primary" on:click=print>"Print"</button>
                <button type="button" on:click=move |_| {
                    open.set(false);
                    ui.relayout.update(|n| *n += 1);
                }>"Cancel"</button>
            </div>
        </fieldset>
    }
}
