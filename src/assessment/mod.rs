//! Assessment: start, resume and review PMO self-assessments, and manage questionnaires.
//! The engine and scoring are in `pmo_domain::{questionnaire, assess}`; these pages only ask,
//! show and save.

use leptos::prelude::*;
use pmo_domain::assessment;
use pmo_domain::assessment::questionnaire;
use pmo_domain::route::Page;
use pmo_domain::Questionnaire;
use pmo_domain::{Assessment, Workspace};

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::format::{plural, today};

mod results;
mod take;

pub use results::ResultsPage;
pub use take::TakePage;

/// The name of an assessment's unit ("Whole organisation" without one).
pub fn unit_name(ws: &Workspace, unit: Option<&str>) -> String {
    match unit {
        None => "Whole organisation".into(),
        Some(id) => ws
            .units
            .iter()
            .find(|u| u.id == id)
            .map_or_else(|| id.to_string(), |u| u.name.clone()),
    }
}

/// The workspace's own questionnaires (a memo, so pages only redo work when they change).
pub fn custom_questionnaires(state: AppState) -> Memo<Vec<Questionnaire>> {
    Memo::new(move |_| state.workspace.with(|w| w.questionnaires.clone()))
}

/// The assessment with id `id` and its questionnaire (`None` when either is missing).
pub fn assessment_memos(
    state: AppState,
    id: String,
) -> (Memo<Option<Assessment>>, Memo<Option<Questionnaire>>) {
    let custom = custom_questionnaires(state);
    let data = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| ws.assessments.iter().find(|a| a.id == id).cloned())
    });
    let quest = Memo::new(move |_| {
        let qid = data.with(|a| a.as_ref().map(|a| a.questionnaire_id.clone()))?;
        custom.with(|c| questionnaire::find(c, &qid).cloned())
    });
    (data, quest)
}

/// What an assessment address shows when the assessment or its questionnaire is gone.
#[component]
pub fn AssessmentMissing() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Assessment not found"</h1>
        <p>"There is no assessment at this address (it may have been deleted), or its questionnaire is missing."</p>
        <p><a href=Page::Assessment.href()>"Back to assessments"</a></p>
    }
}

/// A level badge: the level's colour with its number and name.
pub fn level_badge(q: &Questionnaire, level: Option<u8>, provisional: bool) -> AnyView {
    match level.and_then(|l| q.level(l)) {
        None => view! { <span class="level-badge level-none">"No level yet"</span> }.into_any(),
        Some(l) => {
            let text = format!("{} {}", l.value, l.name);
            let style = format!("background:{}", l.colour);
            let title = l.description.clone();
            view! {
                <span class="level-badge" style=style title=title>
                    {text}
                    {provisional.then(|| view! { <span class="level-provisional">" (provisional)"</span> })}
                </span>
            }
            .into_any()
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    questionnaire: String,
    unit: String,
    respondent: String,
    started: chrono::NaiveDate,
    finished: Option<chrono::NaiveDate>,
    answered: usize,
    asked: usize,
    percent: u32,
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = AppState::expect();
    let custom = custom_questionnaires(state);
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let rows = Memo::new(move |_| {
        let custom = custom.get();
        state.workspace.with(|ws| {
            let mut rows: Vec<Row> = ws
                .assessments
                .iter()
                .map(|a| {
                    let q = questionnaire::find(&custom, &a.questionnaire_id);
                    let s = q.map(|q| assessment::score(q, &a.answers));
                    Row {
                        id: a.id.clone(),
                        questionnaire: q
                            .map_or_else(|| a.questionnaire_id.clone(), |q| q.title.clone()),
                        unit: unit_name(ws, a.unit_id.as_deref()),
                        respondent: a.respondent.clone(),
                        started: a.started,
                        finished: a.finished,
                        answered: s.as_ref().map_or(0, |s| s.answered + s.not_applicable),
                        asked: s.as_ref().map_or(0, |s| s.asked),
                        percent: s.as_ref().map_or(0, |s| s.percent()),
                    }
                })
                .collect();
            rows.sort_by(|a, b| (b.started, &b.id).cmp(&(a.started, &a.id)));
            rows
        })
    });
    let confirm_delete = RwSignal::new(None::<String>);
    view! {
        <section class="page assessment-page">
            <h1 tabindex="-1">"Assessment"</h1>
            <p class="lede">
                "Self-assessments of the PMO: its maturity over ten dimensions, which PMO type fits "
                "(supportive, controlling or directive), and a skills self-assessment for PMO staff. "
                "Every answer is saved at once, so you can stop and resume at any time."
            </p>
            {move || (!has_data.get()).then(|| view! {
                <DemoOffer what="The demo organisation comes with maturity assessments of its enterprise PMO by two people, half a year apart, and a PMO type check." next="Start your first assessment below: about 15 minutes, and you can stop and resume." own_action=true/>
            })}
            <StartForm custom/>
            <section class="card" aria-labelledby="assessments-title">
                <h2 id="assessments-title">"Assessments"</h2>
                {move || if rows.with(Vec::is_empty) {
                    view! { <p class="muted">"No assessments yet. Start one above; it is listed here with its progress and results."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                        <table class="register assessments">
                            <thead><tr>
                                <th scope="col">"Questionnaire"</th>
                                <th scope="col">"Unit"</th>
                                <th scope="col">"Respondent"</th>
                                <th scope="col">"Started"</th>
                                <th scope="col">"Progress"</th>
                                <th scope="col"><span class="sr-only">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                <For each=move || rows.get() key=|r| format!("{r:?}") let:r>
                                    {
                                        let id = r.id.clone();
                                        let id2 = r.id.clone();
                                        let take = Page::TakeAssessment(r.id.clone()).href();
                                        let results = Page::AssessmentResults(r.id.clone()).href();
                                        let who = r.respondent.clone();
                                        let progress = match r.finished {
                                            Some(d) => format!("Finished {}", crate::ui::format::day(d)),
                                            None => format!("{} of {} answered", r.answered, r.asked),
                                        };
                                        let resume = if r.finished.is_some() { "Review answers" } else if r.answered == 0 { "Start" } else { "Resume" };
                                        view! {
                                            <tr>
                                                <td>{r.questionnaire.clone()}</td>
                                                <td>{r.unit.clone()}</td>
                                                <td>{r.respondent.clone()}</td>
                                                <td class="nowrap">{crate::ui::format::day(r.started)}</td>
                                                <td>
                                                    <progress max="100" value=r.percent aria-label=format!("Progress of {who}")></progress>
                                                    " " {progress}
                                                </td>
                                                <td class="row-actions">
                                                    <a class="button" href=take aria-label=format!("{resume}: {who}")>{resume}</a>
                                                    " "
                                                    <a class="button" href=results aria-label=format!("Results: {who}")>"Results"</a>
                                                    " "
                                                    {move || if confirm_delete.get().as_deref() == Some(id.as_str()) {
                                                        let id = id.clone();
                                                        view! {
                                                            <span class="confirm-inline">
                                                                <button class="danger" on:click=move |_| {
                                                                    let id = id.clone();
                                                                    state.edit(|ws| ws.assessments.retain(|a| a.id != id));
                                                                    confirm_delete.set(None);
                                                                    state.say("Assessment deleted");
                                                                }>"Delete for good"</button>
                                                                " "
                                                                <button on:click=move |_| confirm_delete.set(None)>"Keep"</button>
                                                            </span>
                                                        }.into_any()
                                                    } else {
                                                        let id = id2.clone();
                                                        let who = r.respondent.clone();
                                                        view! {
                                                            <button class="danger-outline" aria-label=format!("Delete assessment of {who}")
                                                                on:click=move |_| confirm_delete.set(Some(id.clone()))>"Delete"</button>
                                                        }.into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    }
                                </For>
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <Questionnaires custom/>
        </section>
    }
}

/// Start a new assessment: questionnaire, unit, respondent and page style.
#[component]
fn StartForm(custom: Memo<Vec<Questionnaire>>) -> impl IntoView {
    let state = AppState::expect();
    let chosen = RwSignal::new(questionnaire::MATURITY.to_string());
    let unit = RwSignal::new(String::new());
    let respondent = RwSignal::new(String::new());
    let by_dimension = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let units = Memo::new(move |_| {
        state.workspace.with(|ws| {
            ws.units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let all = Memo::new(move |_| questionnaire::all(&custom.get()));
    let description = move || {
        all.with(|all| {
            all.iter()
                .find(|q| q.id == chosen.get())
                .map(|q| q.description.clone())
                .unwrap_or_default()
        })
    };
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = respondent.get_untracked();
        if name.trim().is_empty() {
            error.set(Some("Enter the respondent's name, so that results can be told apart and combined for a team.".into()));
            return;
        }
        let Some(q) =
            all.with_untracked(|all| all.iter().find(|q| q.id == chosen.get_untracked()).cloned())
        else {
            error.set(Some("Choose a questionnaire.".into()));
            return;
        };
        error.set(None);
        let u = unit.get_untracked();
        let mut new_id = String::new();
        state.edit(|ws| {
            let a = assessment::start(
                assessment::next_id(&ws.assessments),
                &q,
                (!u.is_empty()).then_some(u),
                &name,
                today(),
                by_dimension.get_untracked(),
            );
            new_id = a.id.clone();
            ws.assessments.push(a);
        });
        if !new_id.is_empty() {
            crate::app::navigate(&Page::TakeAssessment(new_id).href(), false);
        }
    };
    view! {
        <section class="card" aria-labelledby="start-title">
            <h2 id="start-title">"Start an assessment"</h2>
            <form class="form-grid start-form" on:submit=start novalidate>
                <div class="field">
                    <label for="start-questionnaire">"Questionnaire"</label>
                    <select id="start-questionnaire" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <For each=move || all.get() key=|q| q.id.clone() let:q>
                            <option value=q.id.clone() selected=move || chosen.get() == q.id>{q.title.clone()}</option>
                        </For>
                    </select>
                    <p class="field-hint">{description}</p>
                </div>
                <div class="field">
                    <label for="start-unit">"Unit"</label>
                    <select id="start-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">"Whole organisation"</option>
                        <For each=move || units.get() key=|u| u.0.clone() let:u>
                            <option value=u.0.clone()>{u.1.clone()}</option>
                        </For>
                    </select>
                    <p class="field-hint">"The enterprise PMO, a programme PMO … Assessments of one unit are compared over time."</p>
                </div>
                <div class="field">
                    <label for="start-respondent">"Respondent"</label>
                    <input id="start-respondent" type="text" autocomplete="name"
                        aria-describedby="start-error"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || respondent.get()
                        on:input=move |ev| respondent.set(event_target_value(&ev))/>
                    <p id="start-error" class="field-error" role="alert">{move || error.get()}</p>
                </div>
                <div class="field">
                    <label class="check">
                        <input type="checkbox" prop:checked=move || by_dimension.get()
                            on:change=move |ev| by_dimension.set(event_target_checked(&ev))/>
                        " Show all questions of a dimension on one page"
                    </label>
                    <p class="field-hint">"Otherwise one question at a time. You can switch while answering."</p>
                </div>
                <div class="actions">
                    <button type="submit" class="primary">"Start assessment"</button>
                </div>
            </form>
        </section>
    }
}

/// The questionnaires on offer, and importing one from a JSON file.
#[component]
fn Questionnaires(custom: Memo<Vec<Questionnaire>>) -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let Some(text) = crate::app::download::read_text(&file).await else {
                message.set(Some((
                    false,
                    format!("{name}: the file could not be read as text. Nothing was changed."),
                )));
                return;
            };
            match questionnaire::read(&text) {
                Err(e) => message.set(Some((false, format!("{name}: {e}. Nothing was changed.")))),
                Ok(q) if questionnaire::is_built_in(&q.id) => message.set(Some((
                    false,
                    format!("{name}: the id \"{}\" belongs to a built-in questionnaire; give yours another id. Nothing was changed.", q.id),
                ))),
                Ok(q) => {
                    let title = q.title.clone();
                    let replaced = custom.with_untracked(|c| c.iter().any(|x| x.id == q.id));
                    state.edit(|ws| {
                        ws.questionnaires.retain(|x| x.id != q.id);
                        ws.questionnaires.push(q);
                    });
                    let n = if replaced { "updated" } else { "added" };
                    message.set(Some((true, format!("Questionnaire \"{title}\" {n}. Choose it under Start an assessment."))));
                }
            }
        });
    };
    let in_use = move |id: &str| {
        state.workspace.with(|ws| {
            ws.assessments
                .iter()
                .filter(|a| a.questionnaire_id == id)
                .count()
        })
    };
    view! {
        <section class="card" aria-labelledby="questionnaires-title">
            <h2 id="questionnaires-title">"Questionnaires"</h2>
            <ul class="questionnaire-list">
                {questionnaire::built_in().iter().map(|q| view! {
                    <li><strong>{q.title.clone()}</strong>" (built in) — "
                        {format!("{} questions over {} dimensions. ", q.questions.len(), q.dimensions.len())}
                        <span class="muted">{q.description.clone()}</span></li>
                }).collect_view()}
                <For each=move || custom.get() key=|q| format!("{}@{}", q.id, q.version) let:q>
                    {
                        let id = q.id.clone();
                        let title = q.title.clone();
                        view! {
                            <li>
                                <strong>{q.title.clone()}</strong>
                                {format!(" (imported, version {}) — {} questions over {} dimensions. ", q.version, q.questions.len(), q.dimensions.len())}
                                {move || {
                                    let n = in_use(&id);
                                    let id = id.clone();
                                    if n > 0 {
                                        view! { <span class="muted">{format!("Used by {}.", plural(n, "assessment", None))}</span> }.into_any()
                                    } else {
                                        view! {
                                            <button class="danger-outline" aria-label=format!("Remove questionnaire {title}")
                                                on:click=move |_| {
                                                    let id = id.clone();
                                                    state.edit(|ws| ws.questionnaires.retain(|x| x.id != id));
                                                    state.say("Questionnaire removed");
                                                }>"Remove"</button>
                                        }.into_any()
                                    }
                                }}
                            </li>
                        }
                    }
                </For>
            </ul>
            <div class="field">
                <label for="import-questionnaire">"Import questionnaire (JSON)"</label>
                <input id="import-questionnaire" type="file" accept=".json,application/json" on:change=on_file/>
                <p class="field-hint">"A file is checked completely before anything changes; every problem is listed with where it is."</p>
                <details class="format-help">
                    <summary>"How to write a questionnaire file"</summary>
                    <p>"A questionnaire is a JSON file with an "<code>"id"</code>", a "<code>"title"</code>", 2–5 "<code>"levels"</code>" (each with a value 1–5, a name, a description and a dark colour), "<code>"dimensions"</code>" (each with an id, a name and a weight) and "<code>"questions"</code>". Optional: "<code>"result"</code>" ("<code>"maturity"</code>" for a level per dimension, "<code>"best_fit"</code>" for the best-matching dimension) and "<code>"recommendations"</code>" per dimension and level."</p>
                    <p>"Each question belongs to a dimension and is one of three kinds: "<code>"statements"</code>" (pick the statement that fits; each stands for a level), "<code>"scale"</code>" (1 to 5, with "<code>"low"</code>" and "<code>"high"</code>" labels) or "<code>"yes_partly_no"</code>". A question may allow "<code>"allow_na"</code>" (not applicable), count more with "<code>"weight"</code>", or be asked only after certain answers with "<code>"show_if"</code>"."</p>
                    <p>"A dimension's score is the weighted mean of its answered questions on the level scale; its level is the highest level at or below the score. Change "<code>"version"</code>" when you change the questions."</p>
                    <p>"This example uses every kind and field:"</p>
                    <pre class="format-example" tabindex="0" aria-label="Example questionnaire file"><code>{questionnaire::EXAMPLE}</code></pre>
                    <button type="button" on:click=move |_| crate::app::download::save_file("example-questionnaire.json", "application/json", questionnaire::EXAMPLE)>"Download the example"</button>
                </details>
            </div>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "banner ok-note" } else { "banner danger" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
        </section>
    }
}
