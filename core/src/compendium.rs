//! Filtering the best-practice compendium. The filter lives in the URL query
//! (`?theme=housing&group=ngos&region=city`) so a filtered view can be shared.

use crate::content::Case;

/// The active filters; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub theme: Option<String>,
    pub group: Option<String>,
    pub region: Option<String>,
}

impl CaseFilter {
    /// Reads the filter from URL query pairs; unknown keys and empty values are ignored.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = CaseFilter::default();
        for (k, v) in pairs {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k {
                "theme" => f.theme = Some(v.to_owned()),
                "group" => f.group = Some(v.to_owned()),
                "region" => f.region = Some(v.to_owned()),
                _ => {}
            }
        }
        f
    }

    /// The query string for this filter (empty when nothing is filtered), e.g. `?theme=housing`.
    pub fn to_query(&self) -> String {
        let parts: Vec<String> = [
            ("theme", &self.theme),
            ("group", &self.group),
            ("region", &self.region),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.theme.is_none() && self.group.is_none() && self.region.is_none()
    }

    /// True when `case` passes every set filter.
    pub fn matches(&self, case: &Case) -> bool {
        self.theme.as_ref().is_none_or(|t| case.themes.contains(t))
            && self
                .group
                .as_ref()
                .is_none_or(|g| case.stakeholder_groups.contains(g))
            && self.region.as_ref().is_none_or(|r| &case.region_kind == r)
    }
}

/// The cases that pass `filter`, in their listed order.
pub fn filter<'a>(cases: &'a [Case], filter: &CaseFilter) -> Vec<&'a Case> {
    cases.iter().filter(|c| filter.matches(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{RichText, Text};

    fn case(id: &str, region: &str, themes: &[&str], groups: &[&str]) -> Case {
        let t = Text::from_pairs([("en", id)]);
        Case {
            id: id.into(),
            title: t.clone(),
            composite: true,
            region_kind: region.into(),
            country: t,
            stakeholder_groups: groups.iter().map(|s| s.to_string()).collect(),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            summary: RichText::from_pairs([("en", id)]),
            challenge: RichText::from_pairs([("en", id)]),
            approach: RichText::from_pairs([("en", id)]),
            results: RichText::from_pairs([("en", id)]),
            lessons: vec![],
            related_modules: vec![],
        }
    }

    #[test]
    fn filters_combine() {
        let cases = vec![
            case("a", "city", &["housing"], &["ngos"]),
            case("b", "city", &["language"], &["ngos", "universities"]),
            case("c", "rural-district", &["housing"], &["universities"]),
        ];
        let ids = |f: &CaseFilter| {
            filter(&cases, f)
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&CaseFilter::default()), ["a", "b", "c"]);
        let f = CaseFilter::from_query([("theme", "housing")]);
        assert_eq!(ids(&f), ["a", "c"]);
        let f = CaseFilter::from_query([("theme", "housing"), ("group", "universities")]);
        assert_eq!(ids(&f), ["c"]);
        let f = CaseFilter::from_query([("region", "city"), ("group", "universities")]);
        assert_eq!(ids(&f), ["b"]);
        let f = CaseFilter::from_query([("region", "metropolitan-region")]);
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn query_round_trips_and_ignores_noise() {
        let f = CaseFilter::from_query([
            ("theme", "housing"),
            ("utm", "x"),
            ("group", ""),
            ("region", "city"),
        ]);
        assert_eq!(f.to_query(), "?theme=housing&region=city");
        let parsed: Vec<(&str, &str)> = vec![("theme", "housing"), ("region", "city")];
        assert_eq!(CaseFilter::from_query(parsed), f);
        assert_eq!(CaseFilter::default().to_query(), "");
    }
}
