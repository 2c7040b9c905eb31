//! Where the person is in the questionnaire and how they move: the questions on screen, the
//! next and previous step, the first open question. Shared by the parts of the page.

use leptos::prelude::*;
use pmo_domain::assessment::{self, Score};
use pmo_domain::{Answer, Assessment, Questionnaire};

use super::{Edit, CHOICE};
use crate::ui::focus;

/// The dimension of question `i` (empty when there is no such question).
fn dimension_of(quest: Memo<Option<Questionnaire>>, i: usize) -> String {
    quest.with(|q| {
        q.as_ref()
            .and_then(|q| q.questions.get(i))
            .map(|x| x.dimension.clone())
            .unwrap_or_default()
    })
}

/// The assessment being taken, as the page's parts read it.
#[derive(Clone, Copy)]
pub(super) struct Sheet {
    pub quest: Memo<Option<Questionnaire>>,
    pub answers: Memo<Vec<Answer>>,
    pub score: Memo<Option<Score>>,
    /// Which questions are asked (conditions met).
    pub asked: Memo<Vec<bool>>,
    /// The question the person is at: the stored position, moved to an asked question.
    pub pos: Memo<usize>,
    /// A dimension per page instead of a question per page.
    pub by_dimension: Memo<bool>,
    /// The questions on screen.
    pub shown: Memo<Vec<usize>>,
    pub edit: Edit,
}

impl Sheet {
    pub fn new(
        data: Memo<Option<Assessment>>,
        quest: Memo<Option<Questionnaire>>,
        edit: Edit,
    ) -> Self {
        let answers = Memo::new(move |_| {
            data.with(|a| a.as_ref().map(|a| a.answers.clone()).unwrap_or_default())
        });
        let score = Memo::new(move |_| {
            quest.with(|q| {
                q.as_ref()
                    .map(|q| answers.with(|a| assessment::score(q, a)))
            })
        });
        let asked = Memo::new(move |_| {
            quest.with(|q| {
                q.as_ref()
                    .map(|q| answers.with(|a| assessment::asked(q, a)))
                    .unwrap_or_default()
            })
        });
        let by_dimension =
            Memo::new(move |_| data.with(|a| a.as_ref().is_some_and(|a| a.by_dimension)));
        let pos = Memo::new(move |_| {
            let stored = data.with(|a| a.as_ref().map_or(0, |a| a.position as usize));
            asked.with(|on| {
                if on.get(stored).copied().unwrap_or(false) {
                    stored
                } else {
                    (stored..on.len())
                        .chain((0..stored.min(on.len())).rev())
                        .find(|&i| on[i])
                        .unwrap_or(0)
                }
            })
        });
        let shown = Memo::new(move |_| {
            let p = pos.get();
            if by_dimension.get() {
                let d = dimension_of(quest, p);
                quest.with(|q| {
                    let q = q.as_ref().expect("checked");
                    asked.with(|on| {
                        (0..q.questions.len())
                            .filter(|&i| on[i] && q.questions[i].dimension == d)
                            .collect::<Vec<_>>()
                    })
                })
            } else {
                vec![p]
            }
        });
        Sheet {
            quest,
            answers,
            score,
            asked,
            pos,
            by_dimension,
            shown,
            edit,
        }
    }

    /// The dimension of question `i`.
    pub fn dim_of(self, i: usize) -> String {
        dimension_of(self.quest, i)
    }

    /// Move to question `i` (saved), and put the keyboard on its choices.
    pub fn go(self, i: usize) {
        self.edit
            .with_value(|e| e(&|a: &mut Assessment| a.position = i as u32));
        focus::after_frames(0, CHOICE);
    }

    /// The question after the ones on screen, if any.
    pub fn forward(self) -> Option<usize> {
        let last = self.shown.with(|s| s.last().copied()).unwrap_or(0);
        self.quest.with(|q| {
            self.answers
                .with(|a| assessment::step(q.as_ref()?, a, last, true))
        })
    }

    /// The question before the ones on screen (the first of the previous dimension when a
    /// dimension is on one page).
    pub fn backward(self) -> Option<usize> {
        let first = self.shown.with(|s| s.first().copied()).unwrap_or(0);
        let prev = self.quest.with(|q| {
            self.answers
                .with(|a| assessment::step(q.as_ref()?, a, first, false))
        })?;
        if self.by_dimension.get_untracked() {
            let d = self.dim_of(prev);
            self.quest.with(|q| {
                let q = q.as_ref()?;
                self.asked.with(|on| {
                    (0..q.questions.len()).find(|&i| on[i] && q.questions[i].dimension == d)
                })
            })
        } else {
            Some(prev)
        }
    }

    /// Whether a question on screen is still unanswered.
    pub fn unanswered_here(self) -> bool {
        self.shown.with(|s| {
            self.quest.with(|q| {
                let q = q.as_ref().expect("checked");
                self.answers.with(|a| {
                    s.iter()
                        .any(|&i| assessment::answer_of(a, &q.questions[i].id).is_none())
                })
            })
        })
    }

    /// The first question still open after the current one (or before it).
    pub fn first_open(self) -> Option<usize> {
        self.quest.with(|q| {
            self.answers
                .with(|a| assessment::first_open(q.as_ref()?, a, self.pos.get_untracked()))
        })
    }

    /// Whether every asked question is answered (the result is firm).
    pub fn firm(self) -> bool {
        self.score.with(|s| s.as_ref().is_some_and(|s| s.firm()))
    }
}
