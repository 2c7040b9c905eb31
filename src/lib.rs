//! PMO Workbench: the Leptos app. Components stay thin; the rules live in `pmo_domain`.
//!
//! Layers, from the bottom up (the test `tests/layers.rs` checks them):
//! - [`app`]: the shared state, storage, sync with other tabs, the offline copy, the crash panel;
//! - [`ui`]: the shell around every page and widgets several features share;
//! - the features, one folder each, none importing another: [`portfolio`], [`org`],
//!   [`assessment`], [`roles`], [`setup`], [`data`];
//! - this file: the app component and the table of which page each address shows.

use leptos::prelude::*;
use pmo_domain::route::Page;

pub mod app;
pub mod ui;

pub mod assessment;
pub mod data;
pub mod org;
pub mod portfolio;
pub mod roles;
pub mod setup;

/// The whole app: the shell with the page of the current address.
#[component]
pub fn App() -> impl IntoView {
    let state = app::start();
    // Only a change of page re-renders the page; a change of its parameters (filters) does not.
    let page = Memo::new(move |_| state.route.with(|r| r.page.clone()));
    let parts = Parts::default();
    // Whether the current page's code is here (a change of another part does not re-render).
    let ready = Memo::new(move |_| {
        page.with(|p| part_of(p).is_none_or(|part| parts.loaded.with(|l| l.contains(&part))))
    });
    view! {
        <ui::shell::Shell>
            {move || {
                if !state.opened.get() {
                    return view! { <p class="opening" role="status">"Opening your data…"</p> }
                        .into_any();
                }
                let page = page.get();
                match part_of(&page) {
                    None => render(page),
                    Some(part) if ready.get() => untrack(|| draw(part, page)),
                    Some(part) => parts.fetch(part),
                }
            }}
        </ui::shell::Shell>
    }
}

/// The view of a page in the first download.
fn render(page: Page) -> AnyView {
    match page {
        Page::Dashboard => view! { <portfolio::dashboard::DashboardPage/> }.into_any(),
        Page::PanicTest => panic_test(),
        Page::NotFound(path) => view! { <ui::not_found::NotFoundPage path/> }.into_any(),
        // Every other page is in a part (`part_of`).
        _ => view! { <ui::not_found::NotFoundPage path=page.href()/> }.into_any(),
    }
}

/// The parts of the app's code loaded when one of their pages is first opened (issue 20): the
/// first download holds the shell, the data layer and the dashboard. With the `split` feature
/// (the app's build, see index.html) `scripts/split.mjs` cuts each part into a file of its own;
/// without it (tests, `cargo check`) every part is here from the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Portfolio,
    Org,
    Assessment,
    Setup,
    Data,
}

fn part_of(page: &Page) -> Option<Part> {
    Some(match page {
        Page::Dashboard | Page::PanicTest | Page::NotFound(_) => return None,
        Page::Portfolio
        | Page::NewProject
        | Page::Priorities
        | Page::Roadmap
        | Page::Report
        | Page::Round
        | Page::Reply
        | Page::Project(_) => Part::Portfolio,
        Page::OrgChart => Part::Org,
        Page::Assessment | Page::TakeAssessment(_) | Page::AssessmentResults(_) => Part::Assessment,
        Page::Setup | Page::Charter | Page::Routines | Page::Roles => Part::Setup,
        Page::Data => Part::Data,
    })
}

/// Which parts are loaded, and which one failed to load.
#[derive(Clone, Copy)]
struct Parts {
    loaded: RwSignal<std::collections::BTreeSet<Part>>,
    loading: RwSignal<std::collections::BTreeSet<Part>>,
    failed: RwSignal<Option<Part>>,
}

impl Default for Parts {
    fn default() -> Self {
        Self {
            loaded: RwSignal::new(Default::default()),
            loading: RwSignal::new(Default::default()),
            failed: RwSignal::new(None),
        }
    }
}

impl Parts {
    /// Start loading `part` (once) and show that it is coming, or why it did not come.
    fn fetch(self, part: Part) -> AnyView {
        if self.failed.get_untracked() != Some(part)
            && !self.loading.with_untracked(|l| l.contains(&part))
        {
            self.loading.update(|l| _ = l.insert(part));
            leptos::task::spawn_local(async move {
                // Every part's pages may use the data engine: it loads alongside (and starts,
                // if it waits: see `app::engine`).
                app::engine::wake();
                let ok = parts::load(part).await && app::engine::ensure().await;
                self.loading.update(|l| _ = l.remove(&part));
                if ok {
                    self.loaded.update(|l| _ = l.insert(part));
                } else {
                    self.failed.set(Some(part));
                }
            });
        }
        let retry = move |_| {
            self.failed.set(None);
            _ = self.fetch(part);
        };
        view! {
            {move || if self.failed.get() == Some(part) {
                view! {
                    <div class="opening" role="alert">
                        <p>"This page could not be loaded: the connection may be down, and this browser has no offline copy of it yet. Your data is safe."</p>
                        <button type="button" class="btn" on:click=retry>"Try again"</button>
                    </div>
                }.into_any()
            } else {
                view! { <p class="opening" role="status">"Opening…"</p> }.into_any()
            }}
        }
        .into_any()
    }
}

/// The view of a page in `part`, which is loaded.
fn draw(part: Part, page: Page) -> AnyView {
    parts::draw(part, page).unwrap_or_else(|| render(Page::NotFound(String::new())))
}

/// The pages of each part. A part's function is its split point.
mod parts {
    use super::*;

    fn portfolio_pages(page: Page) -> AnyView {
        match page {
            Page::Portfolio => view! { <portfolio::register::PortfolioPage/> }.into_any(),
            Page::NewProject => view! { <portfolio::project::NewProjectPage/> }.into_any(),
            Page::Priorities => view! { <portfolio::priorities::PrioritiesPage/> }.into_any(),
            Page::Roadmap => view! { <portfolio::roadmap::RoadmapPage/> }.into_any(),
            Page::Report => view! { <portfolio::report::ReportPage/> }.into_any(),
            Page::Round => view! { <portfolio::round::RoundPage/> }.into_any(),
            Page::Reply => view! { <portfolio::reply::ReplyPage/> }.into_any(),
            Page::Project(id) => view! { <portfolio::project::ProjectPage id/> }.into_any(),
            other => render(other),
        }
    }

    fn org_pages(page: Page) -> AnyView {
        match page {
            Page::OrgChart => view! { <org::OrgChartPage/> }.into_any(),
            other => render(other),
        }
    }

    fn assessment_pages(page: Page) -> AnyView {
        match page {
            Page::Assessment => view! { <assessment::AssessmentPage/> }.into_any(),
            Page::TakeAssessment(id) => view! { <assessment::TakePage id/> }.into_any(),
            Page::AssessmentResults(id) => view! { <assessment::ResultsPage id/> }.into_any(),
            other => render(other),
        }
    }

    fn setup_pages(page: Page) -> AnyView {
        match page {
            Page::Setup => view! { <setup::SetupPage/> }.into_any(),
            Page::Charter => view! { <setup::CharterPage/> }.into_any(),
            Page::Routines => view! { <setup::RoutinesPage/> }.into_any(),
            Page::Roles => view! { <roles::RolesPage/> }.into_any(),
            other => render(other),
        }
    }

    fn data_pages(page: Page) -> AnyView {
        match page {
            Page::Data => view! { <data::DataPage/> }.into_any(),
            other => render(other),
        }
    }

    #[cfg(not(feature = "split"))]
    pub async fn load(_: Part) -> bool {
        true
    }

    #[cfg(not(feature = "split"))]
    pub fn draw(part: Part, page: Page) -> Option<AnyView> {
        Some(match part {
            Part::Portfolio => portfolio_pages(page),
            Part::Org => org_pages(page),
            Part::Assessment => assessment_pages(page),
            Part::Setup => setup_pages(page),
            Part::Data => data_pages(page),
        })
    }

    #[cfg(feature = "split")]
    pub use split::{draw, load};

    #[cfg(feature = "split")]
    mod split {
        use super::*;
        use crate::app::engine::first_poll;
        use wasm_split_helpers::{wasm_split, SplitLoaderError};

        /// A page's view handed back across a split point, or the part's failure to load.
        pub struct Drawn(Result<AnyView, SplitLoaderError>);

        impl From<SplitLoaderError> for Drawn {
            fn from(e: SplitLoaderError) -> Self {
                Drawn(Err(e))
            }
        }

        // One split point per part: each has one loader, so that once `load` is done the
        // part's function returns at its first poll (`draw`).
        #[wasm_split(portfolio, fallible, preload(load_portfolio))]
        fn portfolio(page: Page) -> Result<Drawn, Drawn> {
            Ok(Drawn(Ok(portfolio_pages(page))))
        }
        #[wasm_split(org, fallible, preload(load_org))]
        fn org(page: Page) -> Result<Drawn, Drawn> {
            Ok(Drawn(Ok(org_pages(page))))
        }
        #[wasm_split(assessment, fallible, preload(load_assessment))]
        fn assessment(page: Page) -> Result<Drawn, Drawn> {
            Ok(Drawn(Ok(assessment_pages(page))))
        }
        #[wasm_split(setup, fallible, preload(load_setup))]
        fn setup(page: Page) -> Result<Drawn, Drawn> {
            Ok(Drawn(Ok(setup_pages(page))))
        }
        #[wasm_split(data, fallible, preload(load_data))]
        fn data(page: Page) -> Result<Drawn, Drawn> {
            Ok(Drawn(Ok(data_pages(page))))
        }

        /// Load a part's code (once; a failure is tried again at the next call).
        pub async fn load(part: Part) -> bool {
            match part {
                Part::Portfolio => load_portfolio().await,
                Part::Org => load_org().await,
                Part::Assessment => load_assessment().await,
                Part::Setup => load_setup().await,
                Part::Data => load_data().await,
            }
            .is_ok()
        }

        /// The page, from its part's code (`None` if the part is not loaded).
        pub fn draw(part: Part, page: Page) -> Option<AnyView> {
            let drawn = match part {
                Part::Portfolio => first_poll(portfolio(page)),
                Part::Org => first_poll(org(page)),
                Part::Assessment => first_poll(assessment(page)),
                Part::Setup => first_poll(setup(page)),
                Part::Data => first_poll(data(page)),
            }?;
            match drawn {
                Ok(Drawn(Ok(view))) => Some(view),
                _ => None,
            }
        }
    }
}

/// `#/debug/panic` fails on purpose in debug builds, so the error panel can be checked; a
/// release build has no such page.
fn panic_test() -> AnyView {
    if cfg!(debug_assertions) {
        panic!("Deliberate error from the error-panel test page");
    }
    view! { <ui::not_found::NotFoundPage path="debug/panic".to_string()/> }.into_any()
}
