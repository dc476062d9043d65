//! A small SVG radar chart: one axis per competence, one polygon per series. Presentation only;
//! the values come from `erasmi_core::progress::competence_profile`.

use leptos::prelude::*;

/// One series: a CSS class (for its colour) and a value 0–1 per axis (`None` counts as 0).
#[derive(Clone)]
pub struct Series {
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

const CX: f64 = 250.0;
const CY: f64 = 210.0;
const R: f64 = 140.0;

fn point(i: usize, n: usize, v: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * i as f64 / n as f64;
    (CX + R * v * angle.cos(), CY + R * v * angle.sin())
}

/// The radar chart. `label` describes the chart for screen readers; the table beside it is the
/// text alternative.
#[component]
pub fn RadarChart(
    labels: Vec<String>,
    series: Vec<Series>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let n = labels.len().max(3);
    let rings = [0.25, 0.5, 0.75, 1.0].map(|r| {
        let pts: Vec<String> = (0..n)
            .map(|i| {
                let (x, y) = point(i, n, r);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        view! { <polygon class="radar-ring" points=pts.join(" ")/> }
    });
    let axes: Vec<_> = (0..n)
        .map(|i| {
            let (x, y) = point(i, n, 1.0);
            view! { <line class="radar-axis" x1=CX y1=CY x2=format!("{x:.1}") y2=format!("{y:.1}")/> }
        })
        .collect();
    let texts: Vec<_> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (x, y) = point(i, n, 1.12);
            let anchor = if (x - CX).abs() < 5.0 {
                "middle"
            } else if x > CX {
                "start"
            } else {
                "end"
            };
            // Where the chart is too narrow for names (phones), numbers stand in for them and a
            // table beside the chart carries the same numbers.
            let (nx, ny) = point(i, n, 1.13);
            view! {
                <text x=format!("{x:.1}") y=format!("{:.1}", y + 4.0) text-anchor=anchor class="radar-label">{l.clone()}</text>
                <text x=format!("{nx:.1}") y=format!("{:.1}", ny + 11.0) text-anchor="middle" class="radar-num" aria-hidden="true">{(i + 1).to_string()}</text>
            }
        })
        .collect();
    let polygons: Vec<_> = series
        .iter()
        .map(|s| {
            let pts: Vec<String> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let (x, y) = point(i, n, v.unwrap_or(0.0).clamp(0.0, 1.0));
                    format!("{x:.1},{y:.1}")
                })
                .collect();
            view! { <polygon class=format!("radar-series {}", s.class) points=pts.join(" ")/> }
        })
        .collect();
    view! {
        <svg class="radar" viewBox="-110 0 720 420" role="img" aria-label=label>
            {rings}
            {axes}
            {polygons}
            {texts}
        </svg>
    }
}
