//! The role catalogue's rules (see [`crate::roles::all_role_problems`]).

use super::{Checker, ProblemKind};

/// Each role of the catalogue passes its checks.
pub(super) fn check_roles(c: &mut Checker) {
    let ws = c.ws;
    if !c.whole() {
        // Roles are never among an edit's in-place entities (see `InPlace`).
        return;
    }
    for (r, problems) in ws
        .roles
        .iter()
        .zip(crate::roles::all_role_problems(&ws.roles))
    {
        let at = crate::roles::role_label(r);
        for p in problems {
            c.push(at.clone(), ProblemKind::OutOfRange, p);
        }
    }
}
