use leptos::prelude::*;
use pmo_domain::route::Page;

#[component]
pub fn NotFoundPage(
    /// The address that was asked for.
    path: String,
) -> impl IntoView {
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>{format!("There is no page at “{path}”. It may have moved, or the link is mistyped.")}</p>
            <p>"Go to one of these instead:"</p>
            <ul class="link-list">
                {Page::NAV
                    .iter()
                    .map(|p| view! { <li><a href=p.href()>{p.title()}</a></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
