//! A project manager answering a status request: open the request file the PMO sent, fill in
//! the status of their own projects, and save a reply file to send back. It needs no
//! workspace and no account; the answers are kept in this browser as a draft (IndexedDB)
//! until the next request replaces them. The rules are in `pmo_domain::round`.

use leptos::prelude::*;
use pmo_domain::common::slug::slug;
use pmo_domain::model::{Rag, Risk, RiskKind, RiskStatus, Status};
use pmo_domain::round::{decode_reply, decode_request, encode, Reply, Request, MAX_FILE};
use pmo_domain::store::REPLY_DRAFT;

use crate::app::store::Store;
use crate::ui::format::{day, plural, today};

/// Where the draft stands in this browser: writes under way, and the last one's failure.
#[derive(Clone, Copy)]
struct Keeping {
    draft: RwSignal<Option<Reply>>,
    /// Writes started and not yet ended.
    pending: RwSignal<u32>,
    problem: RwSignal<Option<String>>,
}

impl Keeping {
    /// Keep the draft as it is when the write starts (so that the last write to end holds the
    /// latest answers, whatever order the connections open in). Errors are told; nothing
    /// else changes.
    fn keep(self) {
        self.pending.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let result = match Store::open().await {
                Ok(store) => {
                    let text = self.draft.get_untracked().as_ref().map(encode);
                    let result = store.put_draft(REPLY_DRAFT, text.as_deref()).await;
                    store.close();
                    result
                }
                Err(e) => Err(e),
            };
            self.problem.set(result.err().map(|e| {
                format!("Your answers could not be kept in this browser ({e}); save the reply file before you leave.")
            }));
            self.pending.update(|n| *n = n.saturating_sub(1));
        });
    }
}

#[component]
pub fn ReplyPage() -> impl IntoView {
    let draft = RwSignal::new(None::<Reply>);
    let ready = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let keeping = Keeping {
        draft,
        pending: RwSignal::new(0),
        problem,
    };
    // A request for several PMs waits for the PM to say who they are.
    let choosing = RwSignal::new(None::<Request>);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Ok(store) = Store::open().await {
            if let Ok(Some(text)) = store.draft(REPLY_DRAFT).await {
                match decode_reply(&text) {
                    Ok(r) => draft.set(Some(r)),
                    Err(e) => problem.set(Some(format!("The answers kept in this browser could not be read ({e}); open the request again."))),
                }
            }
            store.close();
        }
        ready.set(true);
    });
    let start = move |req: &Request, manager: &str| {
        if let Some(r) = Reply::blank(req, manager) {
            draft.set(Some(r));
            keeping.keep();
            choosing.set(None);
            saved.set(None);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            if file.size() > MAX_FILE as f64 {
                error.set(Some(format!(
                    "“{name}” is too large to be a status request."
                )));
                return;
            }
            let Some(text) = crate::app::download::read_text(&file).await else {
                error.set(Some(format!("“{name}” could not be read as text.")));
                return;
            };
            match decode_request(&text) {
                Err(e) => error.set(Some(format!("“{name}” was not opened. {e}."))),
                Ok(req) => {
                    error.set(None);
                    if req.managers.len() == 1 {
                        let id = req.managers[0].id.clone();
                        start(&req, &id);
                    } else {
                        choosing.set(Some(req));
                    }
                }
            }
        });
    };
    view! {
        <section class="page reply-page">
            {move || match draft.get() {
                Some(r) => view! { <Answers reply=r keeping saved/> }.into_any(),
                None => view! {
                    <div class="page-head"><h1 tabindex="-1">"Answer a status request"</h1></div>
                    <p class="lede">
                        "Your PMO sent you a status request file. Open it here to fill in the status of your projects; "
                        "you then save a reply file and send it back. Nothing leaves this browser unless you send it."
                    </p>
                }.into_any(),
            }}
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            {move || ready.get().then(|| view! {
                <section class="card" aria-labelledby="open-request-title">
                    <h2 id="open-request-title">{move || if draft.with(Option::is_some) { "Another request" } else { "Open the request" }}</h2>
                    <div class="field">
                        <label for="request-file">"Status request file"</label>
                        <input id="request-file" type="file" accept=".json,application/json" on:change=on_file/>
                        {move || draft.with(Option::is_some).then(|| view! {
                            <p class="hint">"Opening another request replaces the answers above: save their reply file first."</p>
                        })}
                    </div>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    {move || choosing.get().map(|req| {
                        let req = StoredValue::new(req);
                        let pick = RwSignal::new(req.with_value(|r| r.managers[0].id.clone()));
                        view! {
                            <div class="confirm-box">
                                <p>{req.with_value(|r| format!("This request from {} is for several project managers.", r.organisation))}</p>
                                <div class="field">
                                    <label for="request-who">"Who are you?"</label>
                                    <select id="request-who" on:change=move |ev| pick.set(event_target_value(&ev))>
                                        {req.with_value(|r| r.managers.iter().map(|m| view! {
                                            <option value=m.id.clone()>{format!("{} ({})", m.name, plural(m.projects.len(), "project", None))}</option>
                                        }).collect_view())}
                                    </select>
                                </div>
                                <button class="primary" on:click=move |_| req.with_value(|r| start(r, &pick.get_untracked()))>"Answer"</button>
                            </div>
                        }
                    })}
                </section>
            })}
        </section>
    }
}

/// The answers to one request, kept as they are typed.
#[component]
fn Answers(reply: Reply, keeping: Keeping, saved: RwSignal<Option<String>>) -> impl IntoView {
    let draft = keeping.draft;
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut pmo_domain::round::Answer)>| {
        draft.update_untracked(|d| {
            if let Some(a) = d.as_mut().and_then(|r| r.answers.get_mut(i)) {
                f(a);
            }
        });
        saved.set(None);
        keeping.keep();
    };
    let save = move |_| {
        let Some(r) = draft.get_untracked() else {
            return;
        };
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let sealed = r.sealed(now, today());
        let file = format!(
            "status-reply-{}-{}.json",
            sealed.month,
            slug(&sealed.manager_name)
        );
        crate::app::download::save_file(&file, "application/json", &encode(&sealed));
        saved.set(Some(file));
    };
    let heading = format!(
        "Status request from {} — due {}",
        reply.organisation,
        day(reply.due)
    );
    let intro = format!(
        "{}: the status of your {} for {}. Your answers are kept in this browser as you type.",
        reply.manager_name,
        plural(reply.answers.len(), "project", None),
        reply.month_label()
    );
    view! {
        <div class="page-head"><h1 tabindex="-1">{heading}</h1></div>
        <p class="lede">{intro}</p>
        {reply.answers.iter().enumerate().map(|(i, a)| {
            let g = a.given.clone();
            let id = |f: &str| format!("a{i}-{f}");
            let rag = move |name: &'static str, label: &'static str, value: Rag, set: fn(&mut pmo_domain::model::RagSet, Rag)| {
                let fid = format!("a{i}-{name}");
                view! {
                    <div class="field">
                        <label for=fid.clone()>{label}</label>
                        <select id=fid on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(r) = Rag::ALL.into_iter().find(|r| r.label() == v) {
                                edit(i, Box::new(move |a| set(&mut a.given.rag, r)));
                            }
                        }>
                            {Rag::ALL.into_iter().map(|r| view! { <option selected=r == value>{r.label()}</option> }).collect_view()}
                        </select>
                    </div>
                }
            };
            let risks = RwSignal::new(g.risks.clone());
            let set_risk = move |k: usize, f: Box<dyn FnOnce(&mut Risk)>| {
                risks.update(|rs| {
                    if let Some(r) = rs.get_mut(k) {
                        f(r);
                    }
                });
                let now = risks.get_untracked();
                edit(i, Box::new(move |a| a.given.risks = now));
            };
            let manager = reply.manager.clone();
            let project = a.id.clone();
            let add_risk = move |_| {
                let mut n = risks.with_untracked(Vec::len) + 1;
                while risks.with_untracked(|rs| rs.iter().any(|r| r.id == format!("{project}-reply-r{n}"))) {
                    n += 1;
                }
                risks.update(|rs| rs.push(Risk {
                    id: format!("{project}-reply-r{n}"),
                    kind: RiskKind::Risk,
                    title: "New risk".into(),
                    probability: 3,
                    impact: 3,
                    owner_id: Some(manager.clone()),
                    status: RiskStatus::Open,
                }));
                let now = risks.get_untracked();
                edit(i, Box::new(move |a| a.given.risks = now));
            };
            view! {
                <fieldset class="card reply-project">
                    <legend>{format!("{} {}", a.code, a.name)}</legend>
                    <div class="form-grid">
                        <div class="field">
                            <label for=id("status")>"Status"</label>
                            <select id=id("status") on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(s) = Status::ALL.into_iter().find(|s| s.slug() == v) {
                                    edit(i, Box::new(move |a| a.given.status = s));
                                }
                            }>
                                {Status::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=s == g.status>{s.label()}</option> }).collect_view()}
                            </select>
                        </div>
                        {rag("schedule", "Schedule RAG", g.rag.schedule, |r, v| r.schedule = v)}
                        {rag("cost", "Cost RAG", g.rag.cost, |r, v| r.cost = v)}
                        {rag("scope", "Scope RAG", g.rag.scope, |r, v| r.scope = v)}
                        <div class="field">
                            <label for=id("end")>"Forecast end"</label>
                            <input id=id("end") type="date" value=g.end.map(|d| d.to_string()).unwrap_or_default()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let d = v.parse().ok();
                                    edit(i, Box::new(move |a| a.given.end = d));
                                }/>
                        </div>
                        <div class="field">
                            <label for=id("cost")>{format!("Forecast cost ({})", reply.currency)}</label>
                            <input id=id("cost") type="number" min="0" step="1" value=(g.forecast_cost / 100).to_string()
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                                        let minor = v.saturating_mul(100);
                                        edit(i, Box::new(move |a| a.given.forecast_cost = minor));
                                    }
                                }/>
                        </div>
                        <div class="field">
                            <label for=id("pc")>"% complete"</label>
                            <input id=id("pc") type="number" min="0" max="100" step="1" value=g.percent_complete.to_string()
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).trim().parse::<u8>() {
                                        let v = v.min(100);
                                        edit(i, Box::new(move |a| a.given.percent_complete = v));
                                    }
                                }/>
                        </div>
                    </div>
                    <div class="field">
                        <label for=id("comment")>"Commentary"</label>
                        <textarea id=id("comment") rows="3" prop:value=a.commentary.clone()
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                edit(i, Box::new(move |a| a.commentary = v));
                            }></textarea>
                    </div>
                    <h2 class="subhead">"Risks and issues"</h2>
                    {move || {
                        let list = risks.get();
                        if list.is_empty() {
                            view! { <p class="muted">"None recorded."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain reply-risks">
                                    {list.into_iter().enumerate().map(|(k, r)| {
                                        let rid = format!("a{i}-r{k}");
                                        view! {
                                            <li class="form-grid">
                                                <div class="field">
                                                    <label for=format!("{rid}-title")>"Title"</label>
                                                    <input id=format!("{rid}-title") type="text" value=r.title.clone()
                                                        on:change=move |ev| { let v = event_target_value(&ev); set_risk(k, Box::new(move |x| x.title = v)); }/>
                                                </div>
                                                <div class="field">
                                                    <label for=format!("{rid}-p")>"Probability (1–5)"</label>
                                                    <input id=format!("{rid}-p") type="number" min="1" max="5" value=r.probability.to_string()
                                                        on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<u8>() { let v = v.clamp(1, 5); set_risk(k, Box::new(move |x| x.probability = v)); } }/>
                                                </div>
                                                <div class="field">
                                                    <label for=format!("{rid}-i")>"Impact (1–5)"</label>
                                                    <input id=format!("{rid}-i") type="number" min="1" max="5" value=r.impact.to_string()
                                                        on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<u8>() { let v = v.clamp(1, 5); set_risk(k, Box::new(move |x| x.impact = v)); } }/>
                                                </div>
                                                <div class="field">
                                                    <label for=format!("{rid}-s")>"Risk status"</label>
                                                    <select id=format!("{rid}-s") on:change=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        if let Some(s) = RiskStatus::ALL.into_iter().find(|s| s.slug() == v) { set_risk(k, Box::new(move |x| x.status = s)); }
                                                    }>
                                                        {RiskStatus::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=s == r.status>{s.label()}</option> }).collect_view()}
                                                    </select>
                                                </div>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    <button type="button" on:click=add_risk>{format!("Add a risk to {}", a.code)}</button>
                </fieldset>
            }
        }).collect_view()}
        <div class="card">
            <p class="hint" role="status">{move || {
                if keeping.pending.get() > 0 {
                    "Keeping your answers in this browser…"
                } else if keeping.problem.with(Option::is_some) {
                    ""
                } else {
                    "All your answers are kept in this browser."
                }
            }}</p>
            <p class="actions">
                <button class="primary" on:click=save>"Save the reply file"</button>
            </p>
            {move || saved.get().map(|f| view! {
                <p role="status">{format!("Saved {f}. Send it to your PMO (by e-mail or a shared drive).")}</p>
            })}
        </div>
    }
}
