//! The monthly status round, for the PMO: open a round, send each PM their request file,
//! follow who replied, and merge the replies after a preview. The rules are in
//! `pmo_domain::round`.

use leptos::prelude::*;
use pmo_domain::common::slug::slug;
use pmo_domain::portfolio::report::Month;
use pmo_domain::round::{
    decode_reply, encode, merge, month_words, open, request, tracker, who_to_ask, Outcome, Reply,
    ReplyState, MAX_FILE,
};
use pmo_domain::route::Page;

use crate::app::state::AppState;
use crate::ui::format::{day, plural, today};
use crate::ui::views::PortfolioViews;

/// A reply file as read, or why it was not.
#[derive(Clone)]
struct Picked {
    file: String,
    reply: Result<Reply, String>,
}

fn state_class(s: ReplyState) -> &'static str {
    match s {
        ReplyState::Submitted => "status status-on-track",
        ReplyState::Late => "status status-at-risk",
        ReplyState::Missing => "status status-off-track",
        ReplyState::Awaiting => "status status-not-set",
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let state = AppState::expect();
    let today = today();
    // The latest round (by month), or the one chosen.
    let chosen = RwSignal::new(None::<String>);
    let round = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let pick = chosen.get();
            pick.and_then(|id| ws.rounds.iter().find(|r| r.id == id).cloned())
                .or_else(|| {
                    ws.rounds
                        .iter()
                        .max_by(|a, b| a.month.cmp(&b.month))
                        .cloned()
                })
        })
    });
    let months = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let mut m: Vec<(String, String)> = ws
                .rounds
                .iter()
                .map(|r| {
                    let label = month_words(&r.month);
                    (r.id.clone(), label)
                })
                .collect();
            m.sort_by(|a, b| b.1.cmp(&a.1));
            m
        })
    });
    view! {
        <section class="page round-page">
            <div class="page-head">
                <h1 tabindex="-1">"Status round"</h1>
            </div>
            <PortfolioViews current=Page::Round/>
            <p class="lede">
                "Ask each project manager for the month’s status by file: no account, no server. "
                "Each PM gets a request with only their projects, answers it on this app’s "
                <a href=Page::Reply.href()>"Answer a status request"</a>
                " page, and sends back a reply file you merge here."
            </p>
            {move || (months.get().len() > 1).then(|| view! {
                <div class="field inline-field">
                    <label for="round-pick">"Round"</label>
                    <select id="round-pick" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                        {months.get().into_iter().map(|(id, label)| {
                            let sel = round.with_untracked(|r| r.as_ref().is_some_and(|r| r.id == id));
                            view! { <option value=id selected=sel>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            {move || match round.get() {
                Some(r) => view! { <Tracker round_id=r.id.clone() today/> }.into_any(),
                None => ().into_any(),
            }}
            <OpenRound today/>
        </section>
    }
}

/// The form that opens a round.
#[component]
fn OpenRound(today: chrono::NaiveDate) -> impl IntoView {
    let state = AppState::expect();
    let next_month = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let mut m = Month::containing(today);
            while ws.rounds.iter().any(|r| r.month == m.slug()) {
                m = m.next();
            }
            m
        })
    });
    let month = RwSignal::new(None::<Month>);
    let due = RwSignal::new(today + chrono::Days::new(7));
    let asked = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let r = who_to_ask(ws);
            (r.len(), r.iter().map(|x| x.projects.len()).sum::<usize>())
        })
    });
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = month.get_untracked().unwrap_or(next_month.get_untracked());
        let d = due.get_untracked();
        let mut outcome = Ok(String::new());
        state.edit_as(format!("Opened the status round for {}", m.label()), |ws| {
            outcome = open(ws, m, d, today);
        });
        match outcome {
            Ok(_) => {
                error.set(None);
                month.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card" aria-labelledby="open-round-title">
            <h2 id="open-round-title">"Open a round"</h2>
            <p>{move || {
                let (pms, projects) = asked.get();
                format!(
                    "It asks {} about {}: every manager of a live project that is not finished or discontinued.",
                    plural(pms, "project manager", None),
                    plural(projects, "project", None)
                )
            }}</p>
            <form class="form-row" on:submit=submit>
                <div class="field">
                    <label for="round-month">"Month reported on"</label>
                    <input id="round-month" type="month" required
                        prop:value=move || month.get().unwrap_or(next_month.get()).slug()
                        on:change=move |ev| month.set(Month::parse(&event_target_value(&ev)))/>
                </div>
                <div class="field">
                    <label for="round-due">"Replies due"</label>
                    <input id="round-due" type="date" required
                        prop:value=move || due.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse() {
                                due.set(d);
                            }
                        }/>
                </div>
                <button class="primary" type="submit">"Open the round"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}

/// One round: the tracker, the request files and the merging of replies.
#[component]
fn Tracker(round_id: String, today: chrono::NaiveDate) -> impl IntoView {
    let state = AppState::expect();
    let id = StoredValue::new(round_id);
    let round = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| ws.rounds.iter().find(|r| r.id == id.get_value()).cloned())
    });
    let lines = Memo::new(move |_| {
        round.get().map_or_else(Vec::new, |r| {
            state.workspace.with(|ws| tracker(ws, &r, today))
        })
    });
    let download = move |manager: Option<String>, name: String| {
        let Some(r) = round.get_untracked() else {
            return;
        };
        let text = state
            .workspace
            .with_untracked(|ws| encode(&request(ws, &r, manager.as_deref())));
        let file = format!("status-request-{}-{}.json", r.month, slug(&name));
        crate::app::download::save_file(&file, "application/json", &text);
        state.say(format!("Saved {file}"));
    };
    let picked = RwSignal::new(Vec::<Picked>::new());
    let on_files = move |ev: leptos::ev::Event| {
        let files = crate::app::download::take_chosen_files(&ev);
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            for f in files {
                let file = f.name();
                let reply = if f.size() > MAX_FILE as f64 {
                    Err(format!(
                        "The file is larger than {} MB: it is not a status reply.",
                        MAX_FILE / (1024 * 1024)
                    ))
                } else {
                    match crate::app::download::read_text(&f).await {
                        None => Err("The file could not be read as text.".into()),
                        Some(text) => decode_reply(&text).map_err(|e| format!("{e}.")),
                    }
                };
                read.push(Picked { file, reply });
            }
            picked.set(read);
        });
    };
    // What merging the picked replies would do, on a copy.
    let preview = Memo::new(move |_| {
        let replies: Vec<Reply> = picked
            .get()
            .into_iter()
            .filter_map(|p| p.reply.ok())
            .collect();
        if replies.is_empty() {
            return Vec::new();
        }
        let mut copy = state.workspace.get();
        merge(&mut copy, &replies, today)
    });
    let apply = move |_| {
        let replies: Vec<Reply> = picked
            .get_untracked()
            .into_iter()
            .filter_map(|p| p.reply.ok())
            .collect();
        let n = replies.len();
        let mut outcomes = Vec::new();
        state.edit_as(
            format!(
                "Merged {}",
                plural(n, "status reply", Some("status replies"))
            ),
            |ws| {
                outcomes = merge(ws, &replies, today);
            },
        );
        let applied = outcomes
            .iter()
            .filter(|o| o.refused.is_none() && !o.already)
            .count();
        picked.set(Vec::new());
        state.say(format!(
            "Merged {} of {}",
            plural(applied, "reply", Some("replies")),
            n
        ));
    };
    view! {
        {move || round.get().map(|r| {
            let month = month_words(&r.month);
            let counts = lines.get();
            let replied = counts.iter().filter(|l| matches!(l.state, ReplyState::Submitted | ReplyState::Late)).count();
            view! {
                <section class="card" aria-labelledby="round-title">
                    <h2 id="round-title">{format!("Round for {month}")}</h2>
                    <p>
                        {format!("Opened {}, replies due {}. ", day(r.opened), day(r.due))}
                        <strong>{format!("{replied} of {} replied.", counts.len())}</strong>
                    </p>
                    <div class="table-wrap">
                    <table class="compact">
                        <caption class="sr-only">"Replies by project manager"</caption>
                        <thead><tr>
                            <th scope="col">"Project manager"</th>
                            <th scope="col">"Projects"</th>
                            <th scope="col">"Reply"</th>
                            <th scope="col">"Request file"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || lines.get() key=|l| (l.manager_id.clone(), l.state as u8, l.submitted) let:line>
                                {
                                    let name = line.name.clone();
                                    let manager = line.manager_id.clone();
                                    let label = format!("Download the request for {name}");
                                    view! {
                                        <tr>
                                            <th scope="row">{line.name.clone()}</th>
                                            <td class="num">{line.projects}</td>
                                            <td>
                                                <span class=state_class(line.state)>{line.state.label()}</span>
                                                {line.submitted.map(|d| format!(" · {}", day(d)))}
                                            </td>
                                            <td>
                                                <button class="link" aria-label=label
                                                    on:click=move |_| download(Some(manager.clone()), name.clone())>
                                                    "Download"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                    </div>
                    <p class="actions">
                        <button on:click=move |_| download(None, "all".into())>"Download one request for all PMs"</button>
                    </p>
                    <div class="field">
                        <label for="reply-files">"Merge reply files"</label>
                        <input id="reply-files" type="file" accept=".json,application/json" multiple
                            on:change=on_files/>
                        <p class="hint">"Pick several at once. Nothing changes before you press Merge."</p>
                    </div>
                    {move || {
                        let files = picked.get();
                        (!files.is_empty()).then(|| {
                            let outcomes = preview.get();
                            view! { <MergePreview files outcomes apply picked/> }
                        })
                    }}
                </section>
            }
        })}
    }
}

#[component]
fn MergePreview(
    files: Vec<Picked>,
    outcomes: Vec<Outcome>,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    picked: RwSignal<Vec<Picked>>,
) -> impl IntoView {
    let mergeable = outcomes.iter().any(|o| o.refused.is_none() && !o.already);
    let mut outcomes = outcomes.into_iter();
    let items = files
        .into_iter()
        .map(|f| match f.reply {
            Err(message) => view! {
                <li class="error-box">
                    <h4>{format!("“{}” cannot be merged", f.file)}</h4>
                    <p>{message}</p>
                </li>
            }
            .into_any(),
            Ok(reply) => {
                let o = outcomes.next().unwrap_or_default();
                outcome_view(f.file, &reply, o).into_any()
            }
        })
        .collect_view();
    view! {
        <div class="confirm-box" role="region" aria-labelledby="replies-title">
            <h3 id="replies-title">"Merge these replies?"</h3>
            <ul class="plain reply-list">{items}</ul>
            <p class="actions">
                {mergeable.then(|| view! { <button class="primary" on:click=apply>"Merge"</button> })}
                <button on:click=move |_| picked.set(Vec::new())>"Cancel"</button>
            </p>
        </div>
    }
}

fn outcome_view(file: String, reply: &Reply, o: Outcome) -> impl IntoView {
    let head = format!(
        "{} · saved {}{}",
        reply.manager_name,
        day(reply.submitted),
        if o.late { " · late" } else { "" }
    );
    let conflicts = o.conflicts.len();
    view! {
        <li>
            <h4>{head}</h4>
            <p class="muted">{file}</p>
            {o.refused.map(|why| view! { <p class="error">{format!("Not merged: {why}.")}</p> })}
            {o.already.then(|| view! { <p>"Merged before: nothing changes."</p> })}
            {(!o.applied.is_empty()).then(|| view! {
                <ul class="plain">{o.applied.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            })}
            {(!o.not_applied.is_empty()).then(|| view! {
                <h5>"Not applied (outside this PM’s projects)"</h5>
                <ul class="plain">{o.not_applied.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            })}
            {(conflicts > 0).then(|| view! {
                <h5>{plural(conflicts, "conflict", None)}</h5>
                <p class="hint">"You changed these after sending the request, and so did the PM. Your value stays; theirs is kept in their status update."</p>
                <table class="compact">
                    <thead><tr>
                        <th scope="col">"Project"</th><th scope="col">"Field"</th>
                        <th scope="col">"Asked"</th><th scope="col">"Yours (kept)"</th><th scope="col">"The PM’s"</th>
                    </tr></thead>
                    <tbody>
                        {o.conflicts.into_iter().map(|c| view! {
                            <tr><th scope="row">{c.project}</th><td>{c.field}</td><td>{c.asked}</td><td>{c.ours}</td><td>{c.theirs}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </li>
    }
}
