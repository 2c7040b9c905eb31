//! Assessment: PMO maturity self-assessments.

use leptos::prelude::*;

use crate::components::demo_offer::DemoOffer;
use crate::state::AppState;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let assessments = Memo::new(move |_| {
        state.workspace.with(|ws| {
            ws.assessments
                .iter()
                .map(|a| {
                    (
                        a.id.clone(),
                        a.questionnaire_id.clone(),
                        a.respondent.clone(),
                        a.started,
                        a.finished.is_some(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page">
            <h1 tabindex="-1">"Assessment"</h1>
            <p class="lede">
                "Self-assessments of the PMO: a maturity questionnaire over governance, planning, reporting, risk, "
                "resources and more; which PMO type fits (supportive, controlling or directive); and a skills "
                "self-assessment for PMO staff. Answers are saved as you go, scored per dimension and compared over time."
            </p>
            {move || if !has_data.get() {
                view! { <DemoOffer what="Assessments are run for a unit of your organisation, such as the enterprise PMO or a programme PMO."/> }.into_any()
            } else if assessments.with(Vec::is_empty) {
                view! {
                    <section class="card">
                        <h2>"No assessments yet"</h2>
                        <p>"Assessments you start for a unit of your organisation are listed here with their progress and results."</p>
                    </section>
                }
                .into_any()
            } else {
                view! {
                    <table class="register">
                        <caption>"Assessments"</caption>
                        <thead><tr><th scope="col">"Questionnaire"</th><th scope="col">"Respondent"</th><th scope="col">"Started"</th><th scope="col">"State"</th></tr></thead>
                        <tbody>
                            <For each=move || assessments.get() key=|a| a.0.clone() let:a>
                                <tr><td>{a.1}</td><td>{a.2}</td><td>{a.3.to_string()}</td><td>{if a.4 { "Complete" } else { "In progress" }}</td></tr>
                            </For>
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
