//! The results of an assessment: levels per dimension on a radar, recommendations, the
//! comparison with an earlier assessment of the unit, the trend, and the team view.

use leptos::prelude::*;
use pmo_domain::assessment::questionnaire;
use pmo_domain::assessment::{self, Score};
use pmo_domain::document::describe::Scope;
use pmo_domain::route::Page;
use pmo_domain::{Assessment, PmoType};
use pmo_domain::{Questionnaire, ResultKind};

use super::{assessment_memos, level_badge, unit_name, AssessmentMissing};
use crate::app::state::AppState;

/// Radius of the radar chart.
const R: f64 = 140.0;

#[component]
pub fn ResultsPage(id: String) -> impl IntoView {
    let state = AppState::expect();
    let (data, quest) = assessment_memos(state, id);
    view! {
        <section class="page results-page">
            {move || match (data.get(), quest.get()) {
                (Some(a), Some(q)) => view! { <Results a q/> }.into_any(),
                _ => view! { <AssessmentMissing/> }.into_any(),
            }}
        </section>
    }
}

fn file_stem(q: &Questionnaire, a: &Assessment) -> String {
    let who = pmo_domain::common::slug::slug(&a.respondent);
    format!("{}-{who}-{}", q.id, a.started)
}

#[component]
fn Results(a: Assessment, q: Questionnaire) -> impl IntoView {
    let state = AppState::expect();
    let s = assessment::score(&q, &a.answers);
    let unit = state
        .workspace
        .with_untracked(|ws| unit_name(ws, a.unit_id.as_deref()));
    // Earlier and other assessments of the same unit with this questionnaire.
    let history: Vec<Assessment> = state.workspace.with_untracked(|ws| {
        assessment::history(&ws.assessments, &q.id, a.unit_id.as_deref())
            .into_iter()
            .cloned()
            .collect()
    });
    let team: Vec<Assessment> = state.workspace.with_untracked(|ws| {
        assessment::latest_per_respondent(&ws.assessments, &q.id, a.unit_id.as_deref())
            .into_iter()
            .cloned()
            .collect()
    });
    let others: Vec<(String, String)> = history
        .iter()
        .filter(|h| h.id != a.id)
        .map(|h| {
            (
                h.id.clone(),
                format!("{} — {}", crate::ui::format::day(h.started), h.respondent),
            )
        })
        .collect();
    // By default, compare with the latest assessment of the unit before this one.
    let default_compare = assessment::earlier_to_compare(&history.iter().collect::<Vec<_>>(), &a)
        .map(|h| h.id.clone());
    let compare = RwSignal::new(default_compare);
    let history_s = StoredValue::new(history.clone());
    let q_s = StoredValue::new(q.clone());
    let compared = Memo::new(move |_| {
        let id = compare.get()?;
        history_s.with_value(|h| {
            let other = h.iter().find(|x| x.id == id)?;
            Some((
                other.clone(),
                q_s.with_value(|q| assessment::score(q, &other.answers)),
            ))
        })
    });
    let range = {
        let (lo, hi) = q.level_range();
        (f64::from(lo), f64::from(hi))
    };
    let provisional = !s.firm();
    // A best-fit questionnaire has no meaningful overall level: the best fit is the result.
    let best_fit_kind = q.result == ResultKind::BestFit;
    let fit = assessment::best_fit(&q, &a.answers, &s);
    let (strong, weak) = assessment::extremes(&s);
    let name_of = |id: &str| q.dimension(id).map_or(id.to_string(), |d| d.name.clone());
    // Up to three names, then how many more share the score, and the score.
    let names = |list: Vec<&assessment::DimensionScore>| {
        let mut text = list
            .iter()
            .take(3)
            .map(|d| name_of(&d.dimension))
            .collect::<Vec<_>>()
            .join(", ");
        if list.len() > 3 {
            text.push_str(&format!(" and {} more", list.len() - 3));
        }
        if let Some(score) = list.first().and_then(|d| d.score) {
            text.push_str(&format!(" ({score:.1})"));
        }
        text
    };
    let (strong, weak) = (names(strong), names(weak));
    let stem = file_stem(&q, &a);
    let (json, csv) = (
        assessment::results_json(&q, &a, &unit, &s),
        assessment::results_csv(&q, &a, &unit, &s),
    );
    let stem2 = stem.clone();
    let is_skills = q.id == questionnaire::SKILLS;
    let s_overall = s.overall;
    let view_fit = fit.map(|fit| {
        let names: Vec<String> = fit.best.iter().map(|d| name_of(d)).collect();
        let score = fit.best.first().and_then(|d| s.of(d)).and_then(|d| d.score);
        let pmo_type = (fit.best.len() == 1)
            .then(|| PmoType::from_id(&fit.best[0]))
            .flatten()
            .filter(|_| q.id == questionnaire::PMO_TYPE);
        view! {
            <section class="card best-fit" aria-labelledby="fit-title">
                <h2 id="fit-title">{format!("Best fit: {}", names.join(" and "))}</h2>
                <p>{format!("Score {} of {}.", assessment::show(score), range.1)}
                    {(names.len() > 1).then_some(" Your answers point equally to these types.")}</p>
                <h3>"Why"</h3>
                {if fit.reasons.is_empty() {
                    view! { <p class="muted">"No answer was at or above the middle of the scale."</p> }.into_any()
                } else {
                    view! { <ul class="reasons">
                        {fit.reasons.into_iter().map(|(t, l)| view! { <li>{t}" — "<strong>{l}</strong></li> }).collect_view()}
                    </ul> }.into_any()
                }}
                {pmo_type.map(|t| {
                    let label = format!("{t:?}").to_lowercase();
                    move || {
                        let label = label.clone();
                        if state.workspace.with(|ws| ws.organisation.pmo_type) == t {
                            view! { <p class="muted">{format!("This is already the organisation's PMO type ({label}).")}</p> }.into_any()
                        } else {
                            view! {
                                <button class="primary" on:click=move |_| {
                                    state.edit_in(Scope::organisation(), |ws| ws.organisation.pmo_type = t);
                                    state.say(format!("The organisation's PMO type is now {label}. The org chart's presets can move reporting lines to match."));
                                }>{format!("Make {} the organisation's PMO type", label.clone())}</button>
                            }.into_any()
                        }
                    }
                })}
            </section>
        }
    });
    let s_for_table = s.clone();
    let q_for_table = q.clone();
    let this_respondent = assessment::respondent_key(&a.respondent);
    let rows = move || {
        let cmp = compared.get();
        let (deltas, overall_delta) = match &cmp {
            Some((_, other)) => {
                let (d, o) = assessment::deltas(other, &s_for_table);
                (d, o)
            }
            None => (vec![None; s_for_table.dimensions.len()], None),
        };
        let q = &q_for_table;
        let body = s_for_table
            .dimensions
            .iter()
            .zip(deltas)
            .map(|(d, delta)| {
                let dim = q.dimension(&d.dimension).cloned();
                let rec = d.level.and_then(|l| q.recommendation(&d.dimension, l)).unwrap_or("").to_string();
                view! {
                    <tr>
                        <th scope="row">{dim.map(|x| x.name).unwrap_or_default()}</th>
                        <td class="num">{assessment::show(d.score)}</td>
                        <td>{level_badge(q, d.level, !d.firm())}</td>
                        <td class="num">{format!("{} of {}", d.answered + d.not_applicable, d.asked)}</td>
                        {cmp.is_some().then(|| view! { <td class="num">{assessment::show_delta(delta)}</td> })}
                        <td class="rec">{rec}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="register results-table">
                <caption class="sr-only">"Results per dimension"</caption>
                <thead><tr>
                    <th scope="col">"Dimension"</th>
                    <th scope="col">"Score"</th>
                    <th scope="col">"Level"</th>
                    <th scope="col">"Answered"</th>
                    {cmp.as_ref().map(|(o, _)| {
                        let who = if assessment::respondent_key(&o.respondent) == this_respondent { "same respondent".to_string() } else { o.respondent.trim().to_string() };
                        view! { <th scope="col">{format!("Change since {} ({who})", crate::ui::format::day(o.started))}</th> }
                    })}
                    <th scope="col">{if best_fit_kind { "What it means" } else { "To reach the next level" }}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot hidden=best_fit_kind><tr>
                    <th scope="row">"Overall"</th>
                    <td class="num">{assessment::show(s_for_table.overall)}</td>
                    <td>{level_badge(q, s_for_table.level, !s_for_table.firm())}</td>
                    <td class="num">{format!("{} of {}", s_for_table.answered + s_for_table.not_applicable, s_for_table.asked)}</td>
                    {cmp.is_some().then(|| view! { <td class="num">{assessment::show_delta(overall_delta)}</td> })}
                    <td></td>
                </tr></tfoot>
            </table>
        }
    };
    let q_radar = q.clone();
    let s_radar = s.clone();
    let radar = move || {
        if best_fit_kind {
            return fit_bars(&q_radar, &s_radar).into_any();
        }
        let other = compared.get().map(|(_, o)| o);
        radar_svg(&q_radar, &s_radar, other.as_ref()).into_any()
    };
    let trend = (history.len() >= 2).then(|| trend_view(&q, &history, &a.id));
    let team_view = (team.len() >= 2).then(|| team_table(&q, &team));
    let take_href = Page::TakeAssessment(a.id.clone()).href();
    view! {
        <div class="page-head">
            <h1 tabindex="-1">{format!("Results: {}", q.title)}</h1>
            <div class="toolbar no-print">
                <a class="button" href=take_href.clone()>{if provisional { "Continue answering" } else { "Review answers" }}</a>
                <button on:click=move |_| crate::app::download::save_file(&format!("{stem}.json"), "application/json", &json)>"Export results (JSON)"</button>
                <button on:click=move |_| crate::app::download::save_file(&format!("{stem2}.csv"), "text/csv;charset=utf-8", &csv)>"Export results (CSV)"</button>
                <button on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print"</button>
            </div>
        </div>
        <p class="muted">{format!("{unit} · {} · started {}{}", a.respondent, crate::ui::format::day(a.started),
            a.finished.map(|d| format!(" · finished {}", crate::ui::format::day(d))).unwrap_or_default())}</p>
        {provisional.then(|| view! {
            <p class="banner warn" role="note">
                <strong>"Provisional result. "</strong>
                {format!("{} of {} questions answered ({}%). Levels marked provisional may change. ",
                    s.answered + s.not_applicable, s.asked, s.percent())}
                <a href=take_href>"Continue answering"</a>
            </p>
        })}
        <div class="tiles results-tiles" hidden=best_fit_kind>
            <div class="tile">
                <span class="tile-label">"Overall"</span>
                <span class="tile-value">{level_badge(&q, s.level, provisional)}</span>
                <span class="tile-note">{format!("Score {} of {}", assessment::show(s_overall), range.1)}</span>
            </div>
            <div class="tile">
                <span class="tile-label">"Strongest"</span>
                <span class="tile-value small">{if strong.is_empty() { "–".to_string() } else { strong }}</span>
            </div>
            <div class="tile">
                <span class="tile-label">"Weakest"</span>
                <span class="tile-value small">{if weak.is_empty() { "–".to_string() } else { weak }}</span>
            </div>
        </div>
        {view_fit}
        <div class="results-grid">
            <section class="card" aria-labelledby="radar-title">
                <h2 id="radar-title">{if best_fit_kind { "Fit per type" } else { "Levels per dimension" }}</h2>
                {(!others.is_empty()).then(|| view! {
                    <div class="field no-print">
                        <label for="compare-with">"Compare with"</label>
                        <select id="compare-with" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            compare.set((!v.is_empty()).then_some(v));
                        }>
                            <option value="" selected=move || compare.get().is_none()>"Nothing"</option>
                            {others.iter().map(|(id, label)| {
                                let id2 = id.clone();
                                view! { <option value=id.clone() selected=move || compare.get().as_deref() == Some(id2.as_str())>{label.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                {radar}
            </section>
            <section class="card" aria-labelledby="table-title">
                <h2 id="table-title">"Scores and next steps"</h2>
                <div class="table-wrap">{rows}</div>
                {is_skills.then(|| career_note(s_overall))}
            </section>
        </div>
        {trend}
        {team_view}
    }
}

/// The radar: rings per level, one axis per dimension, this result and an optional earlier one.
fn radar_svg(q: &Questionnaire, s: &Score, other: Option<&Score>) -> impl IntoView {
    let (lo, hi) = q.level_range();
    let range = (f64::from(lo), f64::from(hi));
    let n = q.dimensions.len();
    let values: Vec<Option<f64>> = s.dimensions.iter().map(|d| d.score).collect();
    let rings = (lo..=hi)
        .map(|l| {
            let pts: Vec<Option<f64>> = vec![Some(f64::from(l)); n];
            view! { <path class="radar-ring" d=assessment::radar_path(&pts, range, R)/> }
        })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = assessment::radar_point(i, n, range.1, range, R);
            let (lx, ly) = assessment::radar_point(i, n, range.1, range, R + 14.0);
            let anchor = if lx.abs() < 1.0 { "middle" } else if lx > 0.0 { "start" } else { "end" };
            let name = q.dimensions[i].name.clone();
            view! {
                <line class="radar-axis" x1="0" y1="0" x2=format!("{x:.1}") y2=format!("{y:.1}")/>
                <text class="radar-label" x=format!("{lx:.1}") y=format!("{:.1}", ly + 4.0) text-anchor=anchor>{name}</text>
            }
        })
        .collect_view();
    let ring_labels = (lo..=hi)
        .map(|l| {
            let (_, y) = assessment::radar_point(0, n, f64::from(l), range, R);
            view! { <text class="radar-tick" x="4" y=format!("{:.1}", y - 2.0)>{l.to_string()}</text> }
        })
        .collect_view();
    let other_path = other.map(|o| {
        let v: Vec<Option<f64>> = o.dimensions.iter().map(|d| d.score).collect();
        view! { <path class="radar-other" d=assessment::radar_path(&v, range, R)/> }
    });
    let label = format!(
        "Radar chart of the levels per dimension{}: {}",
        if other.is_some() {
            ", with the compared assessment dashed"
        } else {
            ""
        },
        q.dimensions
            .iter()
            .zip(&values)
            .map(|(d, v)| format!("{} {}", d.name, assessment::show(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <svg class="radar" viewBox="-480 -180 960 360" role="img" aria-label=label>
            {rings}
            {axes}
            {ring_labels}
            {other_path}
            <path class="radar-this" d=assessment::radar_path(&values, range, R)/>
        </svg>
        <p class="legend">
            <span class="swatch radar-this-swatch"></span>" This assessment"
            {other.is_some().then(|| view! { " " <span class="swatch radar-other-swatch"></span>" Compared assessment" })}
        </p>
    }
}

/// The overall score of every assessment of the unit on a time axis: a line per respondent
/// (differences between people are not a change over time), the result shown marked.
fn trend_view(q: &Questionnaire, history: &[Assessment], this: &str) -> impl IntoView {
    let (lo, hi) = q.level_range();
    let (series, span) = assessment::trend_series(q, history);
    let Some((from, to)) = span else {
        return ().into_any();
    };
    let (w, h) = (600.0, 190.0);
    let x = |d: chrono::NaiveDate| 60.0 + (w - 120.0) * assessment::time_fraction(d, from, to);
    let y = |v: f64| 20.0 + (h - 60.0) * (1.0 - (v - f64::from(lo)) / f64::from(hi - lo).max(1.0));
    let grid = (lo..=hi)
        .map(|l| {
            let yy = y(f64::from(l));
            view! {
                <line class="chart-grid" x1="36" x2=format!("{:.1}", w - 10.0) y1=format!("{yy:.1}") y2=format!("{yy:.1}")/>
                <text class="radar-tick" x="28" y=format!("{:.1}", yy + 4.0) text-anchor="end">{l.to_string()}</text>
            }
        })
        .collect_view();
    // The time axis: its first and last day, and the middle when they are far apart.
    let mut ticks = vec![from, to];
    if (to - from).num_days() > 60 {
        ticks.insert(1, from + chrono::Duration::days((to - from).num_days() / 2));
    }
    ticks.dedup();
    let axis = ticks
        .into_iter()
        .map(|d| view! {
            <text class="radar-tick" x=format!("{:.1}", x(d)) y=format!("{:.1}", h - 10.0) text-anchor="middle">{crate::ui::format::day(d)}</text>
        })
        .collect_view();
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut d = String::new();
            for (date, v, _) in &s.points {
                if let Some(v) = v {
                    d.push_str(&format!("{}{:.1},{:.1}", if d.is_empty() { "M" } else { "L" }, x(*date), y(*v)));
                }
            }
            let dots = s
                .points
                .iter()
                .filter_map(|(date, v, id)| {
                    let v = (*v)?;
                    let class = if id == this { format!("trend-dot series-{} current", k % 4) } else { format!("trend-dot series-{}", k % 4) };
                    Some(view! { <circle class=class cx=format!("{:.1}", x(*date)) cy=format!("{:.1}", y(v)) r="5"/> })
                })
                .collect_view();
            view! { <path class=format!("trend-line series-{}", k % 4) d=d/>{dots} }
        })
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(k, s)| view! { <li><span class=format!("swatch series-{}", k % 4) aria-hidden="true"></span>{s.respondent.clone()}</li> })
        .collect_view();
    let rows = series
        .iter()
        .flat_map(|s| s.points.iter().map(move |p| (s.respondent.clone(), p.clone())))
        .map(|(who, (date, v, _))| view! { <tr><td>{crate::ui::format::day(date)}</td><td>{who}</td><td class="num">{assessment::show(v)}</td></tr> })
        .collect_view();
    let n: usize = series.iter().map(|s| s.points.len()).sum();
    let label = format!(
        "Overall score of {n} assessments of this unit over time, a line per respondent: {}",
        series
            .iter()
            .map(|s| s.respondent.clone())
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <section class="card" aria-labelledby="trend-title">
            <h2 id="trend-title">"Trend of the unit"</h2>
            <p class="chart-note">"Overall score by date, a line per respondent; the larger dot is this result."</p>
            <svg class="trend" viewBox=format!("0 0 {w} {h}") role="img" aria-label=label>
                {grid}
                {axis}
                {lines}
            </svg>
            <ul class="plain trend-legend">{legend}</ul>
            <details>
                <summary>"As a table"</summary>
                <table class="register"><thead><tr><th scope="col">"Started"</th><th scope="col">"Respondent"</th><th scope="col">"Overall score"</th></tr></thead>
                <tbody>{rows}</tbody></table>
            </details>
        </section>
    }
    .into_any()
}

/// A best-fit result (which PMO type fits) as bars, one per type, the best in full colour.
fn fit_bars(q: &Questionnaire, s: &Score) -> impl IntoView {
    let (lo, hi) = q.level_range();
    let best = s
        .dimensions
        .iter()
        .filter_map(|d| d.score)
        .fold(f64::MIN, f64::max);
    let rows = s
        .dimensions
        .iter()
        .map(|d| {
            let name = q.dimension(&d.dimension).map_or(d.dimension.clone(), |x| x.name.clone());
            let share = d.score.map_or(0.0, |v| ((v - f64::from(lo)) / f64::from(hi - lo).max(1.0)).clamp(0.0, 1.0));
            let top = d.score.is_some_and(|v| (v - best).abs() < 1e-9);
            view! {
                <li class=if top { "fit-bar best" } else { "fit-bar" }>
                    <span class="fit-name">{name}</span>
                    <span class="fit-track" aria-hidden="true"><span class="fit-fill" style=format!("width:{:.0}%", share * 100.0)></span></span>
                    <span class="fit-score">{format!("{} of {hi}", assessment::show(d.score))}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain fit-bars" aria-label="Score per PMO type">{rows}</ul> }
}

/// Several respondents of the unit combined: mean and spread per dimension.
fn team_table(q: &Questionnaire, team: &[Assessment]) -> impl IntoView {
    let scores: Vec<Score> = team
        .iter()
        .map(|a| assessment::score(q, &a.answers))
        .collect();
    let (per, overall) = assessment::team(q, &scores);
    let (lo, hi) = q.level_range();
    let span = f64::from(hi - lo).max(1.0);
    let bar = move |sp: &assessment::Spread| {
        let left = (sp.min - f64::from(lo)) / span * 100.0;
        let width = ((sp.max - sp.min) / span * 100.0).max(1.5);
        let mean = (sp.mean - f64::from(lo)) / span * 100.0;
        view! {
            <span class="spread" aria-hidden="true">
                <span class="spread-range" style=format!("left:{left:.1}%;width:{width:.1}%")></span>
                <span class="spread-mean" style=format!("left:{mean:.1}%")></span>
            </span>
        }
    };
    let names = team
        .iter()
        .map(|a| a.respondent.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let rows = q
        .dimensions
        .iter()
        .zip(per)
        .map(|(d, sp)| match sp {
            None => view! { <tr><th scope="row">{d.name.clone()}</th><td colspan="4" class="muted">"No scores yet"</td></tr> }.into_any(),
            Some(sp) => {
                let differ = assessment::disagrees(&sp);
                view! {
                    <tr class=if differ { "disagree" } else { "" }>
                        <th scope="row">{d.name.clone()}</th>
                        <td class="num">{format!("{:.1}", sp.mean)}</td>
                        <td class="num">{format!("{:.1}–{:.1}", sp.min, sp.max)}</td>
                        <td>{bar(&sp)}</td>
                        <td>{if differ { "Views differ: talk it through" } else { "" }}</td>
                    </tr>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="team-title">
            <h2 id="team-title">{format!("Team view: {} respondents", team.len())}</h2>
            <p class="muted">{format!("The latest assessment of each respondent of this unit: {names}.")}
                {overall.map(|o| format!(" Overall mean {:.1}, from {:.1} to {:.1}.", o.mean, o.min, o.max))}</p>
            <div class="table-wrap">
            <table class="register team-table">
                <thead><tr>
                    <th scope="col">"Dimension"</th>
                    <th scope="col">"Mean"</th>
                    <th scope="col">"Lowest–highest"</th>
                    <th scope="col">"Spread"</th>
                    <th scope="col"><span class="sr-only">"Agreement"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        </section>
    }
}

/// Where a skills result stands on the PMO career path.
fn career_note(overall: Option<f64>) -> impl IntoView {
    const PATH: [&str; 5] = [
        "PMO coordinator",
        "PMO analyst",
        "PMO manager",
        "PMO director",
        "Chief Project Officer",
    ];
    let at = overall.map(|s| (s.floor() as usize).clamp(1, 5) - 1);
    view! {
        <div class="career">
            <h3>"On the PMO career path"</h3>
            <ol class="career-path">
                {PATH.iter().enumerate().map(|(i, r)| {
                    let here = at == Some(i);
                    view! { <li class=if here { "here" } else { "" } aria-current=here.then_some("step")>{*r}</li> }
                }).collect_view()}
            </ol>
            <p class="muted">{match at {
                Some(4) => "Your skills match the most senior PMO role. Keep sharing them.".to_string(),
                Some(i) => format!("Your skills fit the {} role; the suggestions above lead towards {}.", PATH[i], PATH[i + 1]),
                None => "Answer some questions to see where you stand.".to_string(),
            }}</p>
        </div>
    }
}
