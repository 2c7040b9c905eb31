//! Roles: the career paths drawn as ladders, each role with who holds it, and the catalogue
//! the org chart's role picker uses (add, edit, remove). A person can be looked up to see their
//! role, the next step and how their skills compare. Rules: `pmo_domain::roles`.

use leptos::prelude::*;
use pmo_domain::org::edit::resolve_person;
use pmo_domain::roles::{self, RoleDraft, MAX_SENIORITY};
use pmo_domain::route::{to_hash, Page};
use pmo_domain::{Role, SkillTarget};

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::person_picker::PersonPicker;

/// Set the page's query (selected role and person) without a new history entry.
fn show(role: Option<&str>, person: Option<&str>) {
    let mut q: Vec<(&str, &str)> = Vec::new();
    if let Some(r) = role {
        q.push(("role", r));
    }
    if let Some(p) = person {
        q.push(("person", p));
    }
    crate::app::navigate(&to_hash(&Page::Roles, &q), true);
}

#[component]
pub fn RolesPage() -> impl IntoView {
    let state = AppState::expect();
    let role_id = Memo::new(move |_| {
        state.route.with(|r| {
            r.param("role")
                .filter(|_| r.page == Page::Roles)
                .map(str::to_string)
        })
    });
    let person_id = Memo::new(move |_| {
        state.route.with(|r| {
            r.param("person")
                .filter(|_| r.page == Page::Roles)
                .map(str::to_string)
        })
    });
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let catalogue = Memo::new(move |_| state.workspace.with(|ws| ws.roles.clone()));
    let ladders = Memo::new(move |_| catalogue.with(|c| roles::ladders(c)));
    let held = Memo::new(move |_| state.workspace.with(roles::holder_counts));
    // The looked-up person: their role and the next step up.
    let person = Memo::new(move |_| {
        let id = person_id.get()?;
        state.workspace.with(|ws| ws.person(&id).cloned())
    });
    let next = Memo::new(move |_| {
        let role = person.with(|p| p.as_ref().and_then(|p| p.role_id.clone()));
        role.map(|r| catalogue.with(|c| roles::next_steps(c, &r)))
            .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<Option<String>>);
    let find_text = RwSignal::new(String::new());
    let find_error = RwSignal::new(None::<String>);
    let find = move || {
        let t = find_text.get_untracked();
        match state.workspace.with_untracked(|ws| {
            resolve_person(ws, &t)
                .map(|i| i.map(|i| (ws.people[i].id.clone(), ws.people[i].role_id.clone())))
        }) {
            Ok(Some((id, role))) => {
                find_error.set(None);
                show(role.as_deref(), Some(&id));
            }
            Ok(None) => find_error.set(Some("Type a name and pick it from the list".into())),
            Err(e) => find_error.set(Some(e)),
        }
    };
    let ladder_views = move || {
        ladders
            .get()
            .into_iter()
            .map(|l| {
                let rungs = l
                    .rungs
                    .clone()
                    .into_iter()
                    .rev()
                    .map(|(seniority, members)| {
                        let boxes = members
                            .into_iter()
                            .map(|i| {
                                let r = catalogue.with(|c| c[i].clone());
                                let id = r.id.clone();
                                let id2 = r.id.clone();
                                let id3 = r.id.clone();
                                let count = move || held.with(|h| h.get(i).copied().unwrap_or((0, 0)));
                                let is_selected = Memo::new(move |_| role_id.with(|s| s.as_deref() == Some(id.as_str())));
                                let is_held = Memo::new(move |_| person.with(|p| p.as_ref().and_then(|p| p.role_id.as_deref()) == Some(id2.as_str())));
                                let is_next = move || next.with(|n| n.contains(&i));
                                view! {
                                    <li>
                                        <button type="button" class="role-box"
                                            class:selected=is_selected class:held=is_held class:next=is_next
                                            aria-pressed=move || is_selected.get().to_string()
                                            on:click=move |_| show(Some(&id3), person_id.get_untracked().as_deref())>
                                            <span class="role-name">{r.name.clone()}</span>
                                            <span class="role-count">{move || {
                                                let (people, open) = count();
                                                let who = match people {
                                                    0 => "Nobody yet".to_string(),
                                                    1 => "1 person".to_string(),
                                                    n => format!("{n} people"),
                                                };
                                                match open {
                                                    0 => who,
                                                    1 => format!("{who} · 1 open role"),
                                                    n => format!("{who} · {n} open roles"),
                                                }
                                            }}</span>
                                            {move || is_held.get().then(|| view! { <span class="role-tag">"Current role"</span> })}
                                            {move || is_next().then(|| view! { <span class="role-tag next">"Next step"</span> })}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <li class="rung">
                                <span class="rung-level" aria-label=format!("Seniority {seniority}")>{seniority}</span>
                                <ul class="rung-roles">{boxes}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                let heading = format!("ladder-{}", l.id);
                let labelled = heading.clone();
                // A ladder with several roles on a rung gets a wide column of its own.
                let wide = l.rungs.iter().any(|r| r.1.len() > 1);
                view! {
                    <section class="ladder card" class:wide=wide aria-labelledby=labelled>
                        <h3 id=heading>{l.name}</h3>
                        <p class="muted ladder-hint">"Most senior at the top"</p>
                        <ol class="rungs" reversed>{rungs}</ol>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="page roles-page">
            <div class="page-head">
                <h1 tabindex="-1">"Roles"</h1>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| editing.set(Some(None))>"Add role"</button>
                </div>
            </div>
            <p class="lede">
                "The roles of the PMO and of project delivery, on the ladders people climb: PMO coordinator to Chief Project Officer, "
                "project management assistant to head of programme and project management. Choose a role to see who holds it "
                "and what it asks for, or look a person up to see their next step."
            </p>
            {move || (!has_data.get()).then(|| view! {
                <DemoOffer what="With people in the org chart, each role shows who holds it, and a person's next step shows how their skills compare." next="Put your people in the org chart first; their roles and next steps follow." action=("Open the org chart", pmo_domain::route::Page::OrgChart)/>
            })}
            <form class="roles-find card" on:submit=move |ev| { ev.prevent_default(); find(); }>
                <PersonPicker id="roles-person" label="Find a person" value=find_text/>
                <button type="submit">"Show their path"</button>
                {move || person.get().is_some().then(|| view! {
                    <button type="button" class="link" on:click=move |_| { find_text.set(String::new()); show(role_id.get_untracked().as_deref(), None); }>"Clear"</button>
                })}
                <p class="field-error" role="alert">{move || find_error.get()}</p>
            </form>
            {move || person.get().map(|p| view! { <PersonPath person=p next/> })}
            <div class="roles-layout">
                <section aria-labelledby="career-paths-title">
                    <h2 id="career-paths-title" class="section-title">"Career paths"</h2>
                    <div class="ladders">{ladder_views}</div>
                </section>
                <aside class="role-panel card" aria-label="Role details">
                    {move || match (editing.get(), role_id.get()) {
                        (Some(id), _) => view! { <RoleForm id editing/> }.into_any(),
                        (None, Some(id)) => view! { <RoleDetails id editing/> }.into_any(),
                        (None, None) => view! {
                            <p class="muted">"Choose a role on a ladder to see its description, responsibilities, skills and who holds it."</p>
                        }.into_any(),
                    }}
                </aside>
            </div>
        </section>
    }
}

/// A person's current role, next step and how their skills compare with it.
#[component]
fn PersonPath(person: pmo_domain::Person, next: Memo<Vec<usize>>) -> impl IntoView {
    let state = AppState::expect();
    let (current, steps, gaps) = state.workspace.with_untracked(|ws| {
        let current = ws.role_of(&person).cloned();
        let steps: Vec<Role> = next
            .get_untracked()
            .iter()
            .map(|&i| ws.roles[i].clone())
            .collect();
        let gaps: Vec<(String, Vec<roles::SkillGap>)> = steps
            .iter()
            .map(|r| (r.name.clone(), roles::skill_gaps(ws, r, Some(&person))))
            .collect();
        (current, steps, gaps)
    });
    let has_result = gaps
        .iter()
        .any(|(_, g)| g.iter().any(|x| x.current.is_some()));
    let name = person.name.clone();
    view! {
        <section class="person-path card" aria-labelledby="person-path-title">
            <h2 id="person-path-title">{format!("Career path of {}", person.name)}</h2>
            <p>{match &current {
                Some(r) => format!("{} is a {} ({}, seniority {}).", person.name, r.name, roles::ladder_name(&r.ladder), r.seniority),
                None => format!("{} has no role from the catalogue yet; give them one in the org chart.", person.name),
            }}</p>
            {match (current.is_some(), steps.is_empty()) {
                (true, true) => view! { <p>"This is the top of the ladder."</p> }.into_any(),
                (true, false) => view! {
                    <p>{format!("Next step: {}.", steps.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(" or "))}</p>
                }.into_any(),
                _ => ().into_any(),
            }}
            {gaps.into_iter().filter(|(_, g)| !g.is_empty()).map(|(role, g)| view! {
                <table class="register skill-gaps">
                    <caption>{format!("Skills for {role}")}</caption>
                    <thead><tr><th scope="col">"Skill"</th><th scope="col">"Asked for"</th><th scope="col">{format!("{name}'s latest result")}</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        {g.into_iter().map(|x| {
                            let met = x.met();
                            view! {
                                <tr>
                                    <th scope="row">{x.name.clone()}</th>
                                    <td>{x.target}</td>
                                    <td>{x.current.map_or_else(|| "—".to_string(), |c| format!("{c:.1}"))}</td>
                                    <td class=if met { "gap-met" } else { "gap-open" }>{if x.current.is_none() { "Not measured" } else if met { "Reached" } else { "To develop" }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }).collect_view()}
            {(!has_result && current.is_some()).then(|| view! {
                <p class="muted">
                    {format!("{name} has no PMO skills self-assessment yet. ")}
                    <a href=Page::Assessment.href()>"Start one under Assessment"</a>
                    " (with their name as respondent) to compare their skills with the next role."
                </p>
            })}
        </section>
    }
}

#[component]
fn RoleDetails(id: String, editing: RwSignal<Option<Option<String>>>) -> impl IntoView {
    let state = AppState::expect();
    let id2 = id.clone();
    let role = Memo::new(move |_| state.workspace.with(|ws| ws.role(&id2).cloned()));
    let error = RwSignal::new(None::<String>);
    let id3 = id.clone();
    let holders = Memo::new(move |_| {
        state.workspace.with(|ws| {
            roles::holders(ws, &id3)
                .into_iter()
                .map(|i| {
                    let p = &ws.people[i];
                    (p.id.clone(), p.name.clone(), p.vacancy)
                })
                .collect::<Vec<_>>()
        })
    });
    let skill_names = roles::skills();
    move || {
        let Some(r) = role.get() else {
            return view! { <p>"This role no longer exists."</p> }.into_any();
        };
        let rid = r.id.clone();
        let rid2 = r.id.clone();
        let skills = skill_names
            .iter()
            .filter_map(|(sid, name)| {
                r.skills
                    .iter()
                    .find(|s| &s.skill == sid)
                    .map(|s| (name.clone(), s.level))
            })
            .collect::<Vec<_>>();
        let next: Vec<String> = state.workspace.with_untracked(|ws| {
            roles::next_steps(&ws.roles, &r.id)
                .into_iter()
                .map(|i| ws.roles[i].name.clone())
                .collect()
        });
        view! {
            <h2>{r.name.clone()}</h2>
            <p class="muted">{format!("{}, seniority {}", roles::ladder_name(&r.ladder), r.seniority)}</p>
            {(!r.description.is_empty()).then(|| view! { <p>{r.description.clone()}</p> })}
            {(!r.responsibilities.is_empty()).then(|| view! {
                <h3>"Responsibilities"</h3>
                <ul>{r.responsibilities.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            })}
            {(!skills.is_empty()).then(|| view! {
                <h3>"Skills asked for"</h3>
                <ul class="plain role-skills">
                    {skills.into_iter().map(|(n, l)| view! {
                        <li><span>{n}</span><span class="skill-dots" role="img" aria-label=format!("level {l} of 5")>{"●".repeat(usize::from(l))}<span class="off">{"●".repeat(5 - usize::from(l.min(5)))}</span></span></li>
                    }).collect_view()}
                </ul>
            })}
            {(!next.is_empty()).then(|| view! { <p><strong>"Next step: "</strong>{next.join(" or ")}</p> })}
            <h3>{move || format!("Held by ({})", holders.with(Vec::len))}</h3>
            {move || {
                let h = holders.get();
                if h.is_empty() {
                    view! { <p class="muted">"Nobody in the org chart has this role."</p> }.into_any()
                } else {
                    view! {
                        <ul class="role-holders">
                            {h.into_iter().map(|(pid, name, vacancy)| {
                                let href = to_hash(&Page::OrgChart, &[("person", &pid)]);
                                let rid = rid.clone();
                                view! {
                                    <li>
                                        <a href=href>{name}</a>
                                        {vacancy.then(|| view! { <span class="muted">" (open role)"</span> })}
                                        " "
                                        <button type="button" class="link" on:click=move |_| show(Some(&rid), Some(&pid))>"Path"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <div class="actions">
                <button type="button" on:click=move |_| editing.set(Some(Some(rid2.clone())))>"Edit role"</button>
                <button type="button" class="danger-outline" on:click={
                    let id = r.id.clone();
                    let name = r.name.clone();
                    move |_| {
                        let mut result = Ok(());
                        state.edit(|ws| result = roles::remove_role(ws, &id));
                        match result {
                            Ok(()) => {
                                state.say(format!("Role {name} removed"));
                                show(None, None);
                            }
                            Err(e) => error.set(Some(e)),
                        }
                    }
                }>"Remove role"</button>
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
        }
        .into_any()
    }
}

#[component]
fn RoleForm(id: Option<String>, editing: RwSignal<Option<Option<String>>>) -> impl IntoView {
    let state = AppState::expect();
    let start = state.workspace.with_untracked(|ws| {
        id.as_deref()
            .and_then(|id| ws.role(id))
            .map(RoleDraft::of)
            .unwrap_or(RoleDraft {
                ladder: "pmo".into(),
                seniority: 1,
                ..RoleDraft::default()
            })
    });
    let draft = RwSignal::new(start);
    let error = RwSignal::new(None::<String>);
    let ladders: Vec<String> = state.workspace.with_untracked(|ws| {
        roles::ladders(&ws.roles)
            .into_iter()
            .map(|l| l.id)
            .collect()
    });
    let is_new = id.is_none();
    let save = move || {
        let d = draft.get_untracked();
        let mut result = Ok(String::new());
        state.edit(|ws| result = roles::save_role(ws, id.as_deref(), &d));
        match result {
            Ok(saved) => {
                editing.set(None);
                state.say(format!("Role {} saved", d.name.trim()));
                show(Some(&saved), None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let skill_rows = roles::skills()
        .into_iter()
        .map(|(sid, name)| {
            let sid2 = sid.clone();
            let level = Memo::new(move |_| {
                draft.with(|d| d.skills.iter().find(|s| s.skill == sid).map_or(0, |s| s.level))
            });
            let label = format!("Level of {name}");
            view! {
                <div class="role-skill-field">
                    <label for=format!("role-skill-{sid2}")>{name.clone()}</label>
                    <select id=format!("role-skill-{sid2}") aria-label=label prop:value=move || level.get().to_string()
                        on:change=move |ev| {
                            let v: u8 = event_target_value(&ev).parse().unwrap_or(0);
                            let sid = sid2.clone();
                            draft.update(|d| {
                                d.skills.retain(|s| s.skill != sid);
                                if v > 0 {
                                    d.skills.push(SkillTarget { skill: sid, level: v });
                                }
                            });
                        }>
                        <option value="0" selected=move || level.get() == 0>"—"</option>
                        {(1u8..=5).map(|l| view! { <option value=l.to_string() selected=move || level.get() == l>{l}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();
    let text = |get: fn(&RoleDraft) -> String, set: fn(&mut RoleDraft, String)| {
        (
            move || draft.with(get),
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                draft.update(|d| set(d, v));
            },
        )
    };
    let (name_v, name_in) = text(|d| d.name.clone(), |d, v| d.name = v);
    let (desc_v, desc_in) = text(|d| d.description.clone(), |d, v| d.description = v);
    let (resp_v, resp_in) = text(
        |d| d.responsibilities.clone(),
        |d, v| d.responsibilities = v,
    );
    let (ladder_v, ladder_in) = text(|d| d.ladder.clone(), |d, v| d.ladder = v);
    view! {
        <form class="role-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <h2>{if is_new { "New role" } else { "Edit role" }}</h2>
            <div class="field">
                <label for="role-name">"Name"</label>
                <input id="role-name" type="text" required prop:value=name_v on:input=name_in/>
            </div>
            <div class="field">
                <label for="role-description">"Description"</label>
                <textarea id="role-description" rows="2" prop:value=desc_v on:input=desc_in></textarea>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="role-ladder">"Career ladder"</label>
                    <input id="role-ladder" type="text" list="role-ladders" prop:value=ladder_v on:input=ladder_in/>
                    <datalist id="role-ladders">
                        {ladders.into_iter().map(|l| view! { <option value=l.clone()>{roles::ladder_name(&l)}</option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="role-seniority">"Seniority"</label>
                    <input id="role-seniority" type="number" min="1" max=MAX_SENIORITY.to_string() class="narrow"
                        prop:value=move || draft.with(|d| d.seniority.to_string())
                        on:input=move |ev| { let v = event_target_value(&ev).trim().parse().unwrap_or(0); draft.update(|d| d.seniority = v); }/>
                </div>
            </div>
            <div class="field">
                <label for="role-responsibilities">"Responsibilities"</label>
                <p class="muted field-hint">"One per line."</p>
                <textarea id="role-responsibilities" rows="4" prop:value=resp_v on:input=resp_in></textarea>
            </div>
            <fieldset class="role-skills-edit">
                <legend>"Skills asked for (level 1–5)"</legend>
                {skill_rows}
            </fieldset>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="primary">"Save role"</button>
                <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}
