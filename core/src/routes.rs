//! The app's addresses: which page answers a path, with the values its `:name` segments bind,
//! and which part of the app (one file of the split wasm) holds that page.
//!
//! The router asks one question per part ("is this one of yours?"), so its code in the main
//! module stays the same size however many pages the parts hold; the part then draws the page
//! named here. Matching follows the router's own rules: a `:name` segment binds one non-empty
//! segment, and one trailing slash is ignored.

/// A page of the app, one per address pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Catalog,
    Module,
    Lesson,
    Quiz,
    Certificate,
    SelfAssessment,
    Cases,
    Case,
    Blueprints,
    Blueprint,
    Glossary,
    Search,
    Saved,
    About,
    Progress,
    Profiles,
    Settings,
    Receive,
    LearnerAssignment,
    Trainer,
    TrainerAssignment,
    Report,
    Tools,
    Tool,
    WorksheetEdit,
    WorksheetPrint,
    WorksheetRun,
}

/// Where a page's code lives: the main module, or the part fetched the first time one of its
/// pages opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The main module: the catalog.
    Main,
    /// A module's overview, lessons, quiz, certificate and self-assessment.
    Learn,
    /// Cases, blueprints, the glossary, search, saved items and the about page.
    Library,
    /// Progress, profiles and settings.
    Records,
    /// Assignments, the trainer's pages, reports and the worksheets.
    Work,
}

/// Every address pattern and its page. The first pattern that matches wins.
pub const ROUTES: &[(&str, Page)] = &[
    ("/", Page::Catalog),
    ("/module/:id", Page::Module),
    ("/module/:id/lesson/:lesson", Page::Lesson),
    ("/module/:id/quiz", Page::Quiz),
    ("/module/:id/certificate", Page::Certificate),
    ("/module/:id/self-assessment", Page::SelfAssessment),
    ("/cases", Page::Cases),
    ("/cases/:id", Page::Case),
    ("/blueprints", Page::Blueprints),
    ("/blueprints/:id", Page::Blueprint),
    ("/glossary", Page::Glossary),
    ("/search", Page::Search),
    ("/saved", Page::Saved),
    ("/about", Page::About),
    ("/progress", Page::Progress),
    ("/profiles", Page::Profiles),
    ("/settings", Page::Settings),
    ("/assign", Page::Receive),
    ("/assignment/:id", Page::LearnerAssignment),
    ("/trainer", Page::Trainer),
    ("/trainer/:id", Page::TrainerAssignment),
    ("/report", Page::Report),
    ("/tools", Page::Tools),
    ("/tools/:tool", Page::Tool),
    ("/tools/:tool/:id", Page::WorksheetEdit),
    ("/tools/:tool/:id/print", Page::WorksheetPrint),
    ("/tools/:tool/:id/run", Page::WorksheetRun),
];

impl Page {
    /// The part of the app that holds this page.
    pub fn part(self) -> Part {
        use Page::*;
        match self {
            Catalog => Part::Main,
            Module | Lesson | Quiz | Certificate | SelfAssessment => Part::Learn,
            Cases | Case | Blueprints | Blueprint | Glossary | Search | Saved | About => {
                Part::Library
            }
            Progress | Profiles | Settings => Part::Records,
            Receive | LearnerAssignment | Trainer | TrainerAssignment | Report | Tools | Tool
            | WorksheetEdit | WorksheetPrint | WorksheetRun => Part::Work,
        }
    }
}

/// A path matched to its page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteMatch {
    pub page: Page,
    /// The pattern that matched, from [`ROUTES`].
    pub pattern: &'static str,
    /// The values of the pattern's `:name` segments, in order, as they appear in the path.
    pub params: Vec<(&'static str, String)>,
}

/// The page that answers `path` (the address without query or fragment), or `None` for an
/// address the app does not have.
pub fn match_path(path: &str) -> Option<RouteMatch> {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    ROUTES.iter().find_map(|&(pattern, page)| {
        bind(pattern, path).map(|params| RouteMatch {
            page,
            pattern,
            params,
        })
    })
}

/// The page of a pattern of [`ROUTES`].
pub fn page_of(pattern: &str) -> Option<Page> {
    ROUTES.iter().find(|(p, _)| *p == pattern).map(|r| r.1)
}

/// The part of the app that holds the page at `path`, if the app has that address.
pub fn part_of(path: &str) -> Option<Part> {
    match_path(path).map(|m| m.page.part())
}

fn bind(pattern: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    if pattern == "/" {
        return (path == "/" || path.is_empty()).then(Vec::new);
    }
    let mut wanted = pattern.strip_prefix('/')?.split('/');
    let mut given = path.strip_prefix('/')?.split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(g)) => match w.strip_prefix(':') {
                Some(name) if !g.is_empty() => params.push((name, g.to_owned())),
                Some(_) => return None,
                None if w == g => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> Option<Page> {
        match_path(path).map(|m| m.page)
    }

    #[test]
    fn every_address_finds_its_page_and_part() {
        assert_eq!(page("/"), Some(Page::Catalog));
        assert_eq!(page(""), Some(Page::Catalog));
        assert_eq!(page("/module/m1"), Some(Page::Module));
        assert_eq!(page("/module/m1/quiz"), Some(Page::Quiz));
        assert_eq!(
            page("/tools/health-check/w1/print"),
            Some(Page::WorksheetPrint)
        );
        assert_eq!(page("/about"), Some(Page::About));
        assert_eq!(part_of("/module/m1/lesson/l2"), Some(Part::Learn));
        assert_eq!(part_of("/glossary"), Some(Part::Library));
        assert_eq!(part_of("/settings"), Some(Part::Records));
        assert_eq!(part_of("/assignment/a1"), Some(Part::Work));
        assert_eq!(part_of("/"), Some(Part::Main));
        // Each pattern is reachable: no earlier pattern shadows it.
        for &(pattern, want) in ROUTES {
            let path = pattern.replace(':', "x-");
            assert_eq!(page(&path), Some(want), "{pattern}");
        }
    }

    #[test]
    fn segments_bind_in_order() {
        let m = match_path("/module/intro-networks/lesson/why-networks").unwrap();
        assert_eq!(m.page, Page::Lesson);
        assert_eq!(m.pattern, "/module/:id/lesson/:lesson");
        assert_eq!(page_of(m.pattern), Some(Page::Lesson));
        assert_eq!(page_of("/module/:id/nothing"), None);
        assert_eq!(
            m.params,
            vec![
                ("id", "intro-networks".into()),
                ("lesson", "why-networks".into())
            ]
        );
        let m = match_path("/tools/action-plan/w-7/run").unwrap();
        assert_eq!(
            m.params,
            vec![("tool", "action-plan".into()), ("id", "w-7".into())]
        );
    }

    #[test]
    fn one_trailing_slash_is_ignored_and_nothing_else_matches_loosely() {
        assert_eq!(page("/cases/"), Some(Page::Cases));
        assert_eq!(page("/module/m1/"), Some(Page::Module));
        assert_eq!(page("/cases//"), None);
        assert_eq!(page("/module"), None);
        assert_eq!(page("/module/"), None);
        assert_eq!(page("/module//quiz"), None);
        assert_eq!(page("/module/m1/quiz/extra"), None);
        assert_eq!(page("/casesx"), None);
        assert_eq!(page("/nowhere"), None);
        assert_eq!(page("cases"), None);
    }
}
