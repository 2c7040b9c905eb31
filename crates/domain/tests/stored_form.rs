//! The stored binary form has no field names, so every field must be written whether it is
//! empty or not (see `pmo_domain::model::ser`). This property test varies every optional field and
//! every collection of a workspace independently, present or absent, empty or not, and
//! checks that the binary form gives back exactly the same document, and that our own
//! export (JSON, which leaves empty fields out) does too.

use pmo_domain::demo::demo;
use pmo_domain::model::*;
use pmo_domain::storage::schema::Envelope;
use proptest::prelude::*;

/// A source of yes/no decisions from the property test's random bits.
struct Bits(u64, u64);

impl Bits {
    fn yes(&mut self) -> bool {
        // xorshift over the seed: plenty of independent decisions from two words.
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.1 = self.1.rotate_left(1);
        (self.0 ^ self.1) & 1 == 1
    }

    fn text(&mut self, s: &str) -> String {
        if self.yes() {
            s.to_string()
        } else {
            String::new()
        }
    }

    fn id(&mut self, s: &str) -> Option<Id> {
        self.yes().then(|| s.to_string())
    }

    fn date(&mut self, day: u32) -> Option<chrono::NaiveDate> {
        self.yes()
            .then(|| chrono::NaiveDate::from_ymd_opt(2026, 1, day).expect("a date"))
    }

    fn keep<T>(&mut self, v: &mut Vec<T>) {
        if self.yes() {
            v.clear();
        }
    }
}

/// The demo, with every optional field and collection set or cleared by `b`.
fn vary(b: &mut Bits) -> Workspace {
    let mut ws = demo();
    for p in &mut ws.people {
        p.title = b.text("Title");
        p.role_id = b.id("pmo-analyst");
        p.unit_id = b.id("u-1");
        p.manager_id = b.id("pe-001");
        p.vacancy = b.yes();
    }
    for d in &mut ws.dotted_lines {
        d.label = b.text("Reports on status");
    }
    for p in &mut ws.portfolios {
        p.description = b.text("About");
        p.manager_id = b.id("pe-002");
    }
    for p in &mut ws.programmes {
        p.manager_id = b.id("pe-003");
        p.pmo_unit_id = b.id("u-2");
    }
    for r in &mut ws.roles {
        r.description = b.text("Does things");
        b.keep(&mut r.responsibilities);
        b.keep(&mut r.skills);
    }
    for p in &mut ws.projects {
        p.description = b.text("What it delivers");
        p.programme_id = b.id("pg-1");
        b.keep(&mut p.managers);
        p.sponsor_id = b.id("pe-004");
        p.pmo_contact_id = b.id("pe-005");
        if b.yes() {
            p.rag = RagSet::default();
        }
        p.start = b.date(2);
        p.end = b.date(20);
        p.baseline_end = b.date(21);
        b.keep(&mut p.scores);
        for g in &mut p.gates {
            g.date = b.date(3);
            g.note = b.text("Passed with conditions");
        }
        b.keep(&mut p.gates);
        for r in &mut p.risks {
            r.owner_id = b.id("pe-006");
        }
        b.keep(&mut p.risks);
        for m in &mut p.milestones {
            m.done = b.date(4);
        }
        b.keep(&mut p.milestones);
        for u in &mut p.updates {
            if b.yes() {
                u.rag = RagSet::default();
            }
            u.commentary = b.text("On plan");
            u.author_id = b.id("pe-007");
        }
        b.keep(&mut p.updates);
        p.archived = b.yes();
    }
    for a in &mut ws.assessments {
        a.unit_id = b.id("u-1");
        a.finished = b.date(5);
        for ans in &mut a.answers {
            if b.yes() {
                ans.value = None;
            }
            ans.note = b.text("Because");
        }
        b.keep(&mut a.answers);
    }
    if b.yes() {
        let mut q = pmo_domain::assessment::questionnaire::built_in()[1].clone();
        q.id = "custom".into();
        q.description = b.text("Ours");
        ws.questionnaires.push(q);
    }
    if b.yes() {
        let mut plan = pmo_domain::SetupPlan {
            purpose: b.text("Why"),
            sponsor_id: b.id("pe-001"),
            unit_id: b.id("u-1"),
            review: b.date(6),
            ..Default::default()
        };
        if b.yes() {
            plan.routines = pmo_domain::setup::usual_routines();
        }
        ws.setup = Some(plan);
    }
    if b.yes() {
        ws.dotted_lines.clear();
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_optional_field_survives_the_binary_form(a in any::<u64>(), c in any::<u64>()) {
        let mut bits = Bits(a | 1, c);
        let mut env = Envelope::new(vary(&mut bits), a % 1000);
        if bits.yes() {
            env.saved_at = chrono::DateTime::from_timestamp(1_790_000_000, 0);
        }
        let back = Envelope::from_binary(&env.to_binary());
        prop_assert_eq!(back.as_ref(), Ok(&env));
        let json: Envelope = serde_json::from_str(&env.to_json()).unwrap();
        prop_assert_eq!(json, env);
    }
}
