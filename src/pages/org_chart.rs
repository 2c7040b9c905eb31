//! Org chart: who reports to whom, as an accessible outline of solid reporting lines.

use std::collections::HashMap;

use leptos::prelude::*;
use pmo_domain::Workspace;

use crate::components::demo_offer::DemoOffer;
use crate::state::AppState;

/// A node of the reporting tree, ready to show.
#[derive(Clone, PartialEq)]
struct Node {
    name: String,
    title: String,
    vacancy: bool,
    dotted_to: Vec<String>,
    children: Vec<Node>,
}

fn build(ws: &Workspace) -> Vec<Node> {
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, p) in ws.people.iter().enumerate() {
        match p.manager_id.as_deref().filter(|m| ws.person(m).is_some()) {
            Some(m) => children.entry(m).or_default().push(i),
            None => roots.push(i),
        }
    }
    let dotted: HashMap<&str, Vec<String>> =
        ws.dotted_lines.iter().fold(HashMap::new(), |mut acc, d| {
            let to = ws.person(&d.to).map(|p| p.name.clone()).unwrap_or_default();
            acc.entry(d.from.as_str()).or_default().push(to);
            acc
        });
    // Iterative depth-limited build (validation guarantees no cycles; the limit guards anyway).
    fn node(
        i: usize,
        ws: &Workspace,
        children: &HashMap<&str, Vec<usize>>,
        dotted: &HashMap<&str, Vec<String>>,
        depth: usize,
    ) -> Node {
        let p = &ws.people[i];
        Node {
            name: p.name.clone(),
            title: p.title.clone(),
            vacancy: p.vacancy,
            dotted_to: dotted.get(p.id.as_str()).cloned().unwrap_or_default(),
            children: if depth > 64 {
                Vec::new()
            } else {
                children
                    .get(p.id.as_str())
                    .map(|c| {
                        c.iter()
                            .map(|&k| node(k, ws, children, dotted, depth + 1))
                            .collect()
                    })
                    .unwrap_or_default()
            },
        }
    }
    roots
        .into_iter()
        .map(|r| node(r, ws, &children, &dotted, 0))
        .collect()
}

fn render(node: Node) -> AnyView {
    let count = node.children.len();
    let dotted = (!node.dotted_to.is_empty()).then(|| {
        view! { <span class="dotted-note">{format!("dotted line to {}", node.dotted_to.join(", "))}</span> }
    });
    view! {
        <li>
            <span class=if node.vacancy { "person vacancy" } else { "person" }>
                <strong>{node.name}</strong>
                <span class="muted">{node.title}</span>
                {node.vacancy.then(|| view! { <span class="badge">"Open role"</span> })}
                {(count > 0).then(|| view! { <span class="badge neutral">{format!("{count} direct")}</span> })}
                {dotted}
            </span>
            {(count > 0).then(|| view! { <ul>{node.children.into_iter().map(render).collect_view()}</ul> })}
        </li>
    }
    .into_any()
}

#[component]
pub fn OrgChartPage() -> impl IntoView {
    let state = AppState::expect();
    let has_people = Memo::new(move |_| state.workspace.with(|w| !w.people.is_empty()));
    let tree = Memo::new(move |_| state.workspace.with(build));
    view! {
        <section class="page">
            <h1 tabindex="-1">"Org chart"</h1>
            <p class="lede">
                "Who reports to whom, from the CEO through the PMO to portfolio, programme and project managers, with "
                "solid and dotted lines. The interactive chart — zoom, drag-and-drop re-parenting, PMO-type presets, "
                "search and keyboard navigation — builds on this structure."
            </p>
            {move || if has_people.get() {
                view! {
                    <section class="card org-outline" aria-label="Reporting lines">
                        <ul>{tree.get().into_iter().map(render).collect_view()}</ul>
                    </section>
                }
                .into_any()
            } else {
                view! {
                    <DemoOffer what="Once there are people, this page shows the reporting lines from the CEO and the PMO down to the project managers and their projects."/>
                }
                .into_any()
            }}
        </section>
    }
}
