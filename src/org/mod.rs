//! Org chart: the reporting lines drawn as an interactive tidy tree. The chart's state is
//! [`OrgUi`] (in [`state`]); the drawing and its pointer and keyboard handling are in
//! [`canvas`], the toolbar and exports in [`toolbar`], the person panel in [`panel`], PMO-type
//! presets and the structure's health in [`health`].

mod canvas;
mod health;
mod panel;
mod state;
mod toolbar;

use leptos::prelude::*;

use pmo_domain::org::print::{chart_svg, print_pages, PrintChoice};

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;

pub use state::{focus_dom, OrgUi, PanelMode};

use toolbar::Toolbar;

#[component]
pub fn OrgChartPage() -> impl IntoView {
    // Marks where the page starts, for the browser benchmark (scripts/perf-org.mjs).
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("pmo:org-start");
    }
    let state = AppState::expect();
    let has_people = Memo::new(move |_| state.workspace.with(|w| !w.people.is_empty()));
    let ui = OrgUi::new(state);
    provide_context(ui);
    // `?person=<id>` (from the roles page) opens that person once the chart is on screen.
    let asked = state
        .route
        .with_untracked(|r| r.param("person").map(str::to_string));
    // The figures below the chart wait until the chart's first frame is on screen.
    let later = RwSignal::new(false);
    request_animation_frame(move || {
        request_animation_frame(move || {
            let _ = later.try_set(true);
            if let Some(i) = asked.as_deref().and_then(|id| ui.index_of(id)) {
                ui.select(i);
                ui.reveal(i, true);
            }
        })
    });
    let intro = RwSignal::new(!crate::app::storage::intro_hidden("org"));
    let toggle_intro = move |_| {
        let show = !intro.get_untracked();
        intro.set(show);
        crate::app::storage::set_intro_hidden("org", !show);
        ui.relayout.update(|n| *n += 1);
    };
    let after_print = window_event_listener_untyped("afterprint", move |_| ui.printing.set(None));
    on_cleanup(move || after_print.remove());
    let page_class = move || match ui.printing.get() {
        Some(PrintChoice::Pages | PrintChoice::OnePage) => "page org-page printing-chart",
        _ => "page org-page",
    };
    view! {
        <section class=page_class>
            <div class="org-head">
                <h1 tabindex="-1">"Org chart"</h1>
                <button type="button" class="link no-print" aria-expanded=move || intro.get().to_string()
                    aria-controls="org-intro" on:click=toggle_intro>
                    {move || if intro.get() { "Hide the introduction" } else { "About this chart" }}
                </button>
            </div>
            <p id="org-intro" class="lede no-print" hidden=move || !intro.get()>
                "Who reports to whom, from the CEO through the PMO to portfolio, programme and project managers. "
                "Solid lines are reporting lines, dotted lines functional ones. Drag a card onto another to change "
                "the manager; arrow keys move between people. Zoomed out, cards show names only: point at one or "
                "focus it to see all of it."
            </p>
            {move || if has_people.get() {
                view! {
                    <Toolbar/>
                    <Alert/>
                    <div class="org-body">
                        <canvas::Stage/>
                        {move || if ui.show_presets.get() {
                            view! { <health::Presets/> }.into_any()
                        } else {
                            view! { <panel::Panel/> }.into_any()
                        }}
                    </div>
                    {move || later.get().then(|| view! { <health::Health/> })}
                    <PrintArea/>
                }
                .into_any()
            } else {
                view! {
                    <DemoOffer what="Once there are people, this page shows the reporting lines from the CEO and the PMO down to the project managers and their projects." next="Add the first person (the head of the PMO, or the CEO), then everyone who reports to them." own_action=true/>
                    <p><button class="primary" on:click=move |_| {
                        ui.selected.set(None);
                        ui.panel.set(PanelMode::Add);
                    }>"Add person"</button></p>
                    <panel::Panel/>
                }
                .into_any()
            }}
        </section>
    }
}

/// The printed chart while the whole chart is printed (see `toolbar::PrintOptions`): the chart
/// drawn once as an SVG image, and each page a window onto it. The image is an image: none of
/// its text is parsed into the page. Printing starts once it has loaded.
#[component]
fn PrintArea() -> impl IntoView {
    let ui = OrgUi::expect();
    // The drawing's address while printing; released when printing ends.
    let url = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        let printing = matches!(
            ui.printing.get(),
            Some(PrintChoice::Pages | PrintChoice::OnePage)
        );
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
            url.set(None);
        }
        if printing {
            let svg = toolbar::with_chart(ui, chart_svg);
            url.set(crate::app::download::blob_url("image/svg+xml", &svg));
            pending.set(true);
        }
    });
    on_cleanup(move || {
        if let Some(old) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    });
    let pages = Memo::new(move |_| {
        let choice = ui.printing.get()?;
        let title = ui
            .state
            .workspace
            .with(|ws| format!("{} — org chart", ws.organisation.name));
        ui.lay
            .with(|l| Some((print_pages(l, choice, &title), l.width.max(1.0))))
    });
    let loaded = move |_| {
        if pending.get_untracked() {
            pending.set(false);
            request_animation_frame(move || {
                let _ = window().print();
            });
        }
    };
    view! {
        <div class="org-print print-only">
            {move || {
                let src = url.get()?;
                let (list, w) = pages.get()?;
                Some(list.into_iter().map(|p| {
                    let (tw, th) = (p.area.x1 - p.area.x0, p.area.y1 - p.area.y0);
                    let window_style = format!("aspect-ratio:{tw:.1}/{th:.1};width:min(100%, calc(178mm * {tw:.1} / {th:.1}))");
                    let img_style = format!(
                        "width:{:.4}%;left:{:.4}%;top:{:.4}%",
                        w / tw * 100.0,
                        -p.area.x0 / tw * 100.0,
                        -p.area.y0 / th * 100.0
                    );
                    view! {
                        <section class="org-print-page">
                            <p class="org-print-head">{p.caption.clone()}</p>
                            <div class="org-print-window" style=window_style>
                                <img src=src.clone() alt=p.caption style=img_style on:load=loaded/>
                            </div>
                        </section>
                    }
                }).collect_view())
            }}
        </div>
    }
}

#[component]
fn Alert() -> impl IntoView {
    let ui = OrgUi::expect();
    view! {
        <div class="org-alert-slot" role="alert">
            {move || ui.alert.get().map(|a| view! {
                <p class="banner danger org-alert">
                    {a}
                    " "
                    <button class="link" on:click=move |_| ui.alert.set(None)>"Dismiss"</button>
                </p>
            })}
        </div>
    }
}
