//! Hash routes: the app's address lives after `#`, e.g. `index.html#/org?focus=p-12`.
//!
//! A static file server only ever sees the path of `index.html`, so a deep link survives a
//! reload on any host and under any sub-path without rewrite rules. Parsing is a pure
//! function so every address form is tested natively.

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    /// The register of projects.
    Portfolio,
    /// A new project being created.
    NewProject,
    /// Projects ranked by weighted priority with the value-versus-effort chart.
    Priorities,
    /// The timeline of projects by portfolio and programme.
    Roadmap,
    /// The printable monthly PMO report.
    Report,
    /// The monthly status round: open one, send requests, track and merge replies.
    Round,
    /// A project manager answering a status request (no workspace needed).
    Reply,
    /// One project: details, editing, status updates.
    Project(String),
    OrgChart,
    Assessment,
    /// The "Start a PMO" guide (resumes at the saved step).
    Setup,
    /// The PMO charter, printable.
    Charter,
    /// The monthly routines as a calendar of the next three months.
    Routines,
    /// The role catalogue and the career paths.
    Roles,
    /// Taking one assessment (by id).
    TakeAssessment(String),
    /// The results of one assessment (by id).
    AssessmentResults(String),
    Data,
    /// A hidden page that panics on purpose, to prove the error panel works.
    PanicTest,
    NotFound(String),
}

impl Page {
    /// The pages shown in the navigation, in order.
    pub const NAV: [Page; 7] = [
        Page::Dashboard,
        Page::Portfolio,
        Page::OrgChart,
        Page::Roles,
        Page::Assessment,
        Page::Setup,
        Page::Data,
    ];

    pub fn title(&self) -> &'static str {
        match self {
            Page::Dashboard => "Dashboard",
            Page::Portfolio => "Portfolio",
            Page::NewProject => "New project",
            Page::Priorities => "Priorities",
            Page::Roadmap => "Roadmap",
            Page::Report => "Monthly report",
            Page::Round => "Status round",
            Page::Reply => "Status reply",
            Page::Project(_) => "Project",
            Page::OrgChart => "Org chart",
            Page::Assessment => "Assessment",
            Page::Setup => "Start a PMO",
            Page::Charter => "PMO charter",
            Page::Routines => "PMO routines",
            Page::Roles => "Roles",
            Page::TakeAssessment(_) => "Taking an assessment",
            Page::AssessmentResults(_) => "Assessment results",
            Page::Data => "Data",
            Page::PanicTest => "Error test",
            Page::NotFound(_) => "Page not found",
        }
    }

    /// The path part of the route, e.g. `/org`.
    pub fn path(&self) -> String {
        match self {
            Page::Dashboard => "/".into(),
            Page::Portfolio => "/portfolio".into(),
            Page::NewProject => "/portfolio/new".into(),
            Page::Priorities => "/portfolio/priorities".into(),
            Page::Roadmap => "/portfolio/roadmap".into(),
            Page::Report => "/report".into(),
            Page::Round => "/round".into(),
            Page::Reply => "/reply".into(),
            Page::Project(id) => format!("/project/{}", encode_component(id)),
            Page::OrgChart => "/org".into(),
            Page::Assessment => "/assessment".into(),
            Page::Setup => "/setup".into(),
            Page::Charter => "/setup/charter".into(),
            Page::Routines => "/setup/routines".into(),
            Page::Roles => "/roles".into(),
            Page::TakeAssessment(id) => format!("/assessment/{}", encode_component(id)),
            Page::AssessmentResults(id) => {
                format!("/assessment/{}/results", encode_component(id))
            }
            Page::Data => "/data".into(),
            Page::PanicTest => "/debug/panic".into(),
            Page::NotFound(p) => p.clone(),
        }
    }

    /// The navigation entry this page belongs to (a project belongs to Portfolio).
    pub fn section(&self) -> Option<Page> {
        match self {
            Page::Portfolio
            | Page::NewProject
            | Page::Project(_)
            | Page::Priorities
            | Page::Roadmap
            | Page::Report
            | Page::Round => Some(Page::Portfolio),
            Page::TakeAssessment(_) | Page::AssessmentResults(_) => Some(Page::Assessment),
            Page::Charter | Page::Routines => Some(Page::Setup),
            Page::Dashboard
            | Page::OrgChart
            | Page::Assessment
            | Page::Setup
            | Page::Roles
            | Page::Data => Some(self.clone()),
            Page::PanicTest | Page::NotFound(_) | Page::Reply => None,
        }
    }

    /// The `href` of a link to this page.
    pub fn href(&self) -> String {
        format!("#{}", self.path())
    }
}

/// A parsed address: the page plus its query parameters (filters, selection …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub query: Vec<(String, String)>,
}

impl Route {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse `location.hash` (with or without the leading `#`).
pub fn parse(hash: &str) -> Route {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = h.split_once('?').unwrap_or((h, ""));
    let path = if path.is_empty() { "/" } else { path };
    let trimmed = path.trim_end_matches('/');
    let page = match trimmed {
        "" => Page::Dashboard,
        "/dashboard" => Page::Dashboard,
        "/portfolio" => Page::Portfolio,
        "/org" => Page::OrgChart,
        "/assessment" => Page::Assessment,
        "/data" => Page::Data,
        "/portfolio/new" => Page::NewProject,
        "/portfolio/priorities" => Page::Priorities,
        "/portfolio/roadmap" => Page::Roadmap,
        "/report" => Page::Report,
        "/round" => Page::Round,
        "/reply" => Page::Reply,
        "/setup" => Page::Setup,
        "/setup/charter" => Page::Charter,
        "/setup/routines" => Page::Routines,
        "/roles" => Page::Roles,
        "/debug/panic" => Page::PanicTest,
        p => {
            let one = |prefix: &str| {
                p.strip_prefix(prefix)
                    .filter(|id| !id.is_empty() && !id.contains('/'))
                    .map(decode_component)
            };
            if let Some(id) = one("/project/") {
                Page::Project(id)
            } else if let Some(id) = p
                .strip_suffix("/results")
                .and_then(|r| r.strip_prefix("/assessment/"))
                .filter(|id| !id.is_empty() && !id.contains('/'))
            {
                Page::AssessmentResults(decode_component(id))
            } else if let Some(id) = one("/assessment/") {
                Page::TakeAssessment(id)
            } else {
                Page::NotFound(decode_component(path))
            }
        }
    };
    let query = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect();
    Route { page, query }
}

/// Build the hash of a page with query parameters (values percent-encoded).
pub fn to_hash(page: &Page, query: &[(&str, &str)]) -> String {
    let mut s = page.href();
    for (i, (k, v)) in query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(&encode_component(k));
        s.push('=');
        s.push_str(&encode_component(v));
    }
    s
}

/// The address of the Portfolio page (the register) showing `q`: its filters, sort, columns
/// and page, e.g. `#/portfolio?status=at-risk`; [`crate::portfolio::Query::from_params`]
/// reads it back.
pub fn portfolio_hash(q: &crate::portfolio::Query) -> String {
    let params = q.to_params();
    let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    to_hash(&Page::Portfolio, &borrowed)
}

/// Percent-encode everything but unreserved characters and `,`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            // `,` separates list values and reads better unescaped; a fragment allows it.
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decode `%XX` escapes and `+` as space; invalid escapes are kept as they are.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
