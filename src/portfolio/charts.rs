//! Horizontal bar charts drawn as SVG. Every bar carries its label and its number as text, so
//! the chart reads without colour, and every bar is a link (to the filtered register).
//!
//! Note for the `view!` macro: an `<a>` is only an SVG link when its parent in the same macro
//! call is an SVG element (and no ambiguous sibling such as `<title>` precedes it), hence the
//! `<g>` around each link.

use leptos::prelude::*;

/// One bar. `group` starts a new labelled group when it differs from the previous bar's.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The number as shown next to the bar.
    pub text: String,
    pub href: String,
    /// CSS class for the bar's fill (e.g. `status-at-risk`).
    pub class: String,
    /// What the link does, after what the bar shows: the link's name is
    /// "‹label› ‹text› — ‹hint›" (it starts with the visible text, as speech users expect).
    pub hint: String,
    pub group: Option<String>,
}

const WIDTH: f64 = 520.0;
const LABEL_W: f64 = 150.0;
const WIDE_LABEL_W: f64 = 185.0;
const VALUE_W: f64 = 110.0;
const ROW_H: f64 = 26.0;
const GROUP_H: f64 = 22.0;

/// A row of the chart after layout.
#[derive(Clone, Debug, PartialEq)]
enum Line {
    Group { y: f64, text: String },
    Bar { y: f64, x: f64, w: f64, bar: Bar },
}

fn layout(bars: &[Bar], funnel: bool, label_w: f64) -> (Vec<Line>, f64) {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let area = WIDTH - label_w - VALUE_W;
    let mut y = 4.0;
    let mut out = Vec::new();
    let mut group: Option<&str> = None;
    for b in bars {
        if b.group.is_some() && b.group.as_deref() != group {
            group = b.group.as_deref();
            out.push(Line::Group {
                y: y + 15.0,
                text: b.group.clone().unwrap_or_default(),
            });
            y += GROUP_H;
        }
        let w = if max > 0.0 {
            (b.value.max(0.0) / max) * area
        } else {
            0.0
        };
        // Keep a sliver for non-zero values so they are visible.
        let w = if b.value > 0.0 { w.max(2.0) } else { 0.0 };
        let x = if funnel {
            label_w + (area - w) / 2.0
        } else {
            label_w
        };
        out.push(Line::Bar {
            y,
            x,
            w,
            bar: b.clone(),
        });
        y += ROW_H;
    }
    (out, y + 4.0)
}

/// A horizontal bar chart; `funnel` centres the bars.
#[component]
pub fn BarChart(
    /// Accessible name of the chart (the card's heading says the same).
    label: String,
    bars: Vec<Bar>,
    #[prop(optional)] funnel: bool,
    /// Room for longer labels (project names).
    #[prop(optional)]
    wide_labels: bool,
) -> impl IntoView {
    let label_w = if wide_labels { WIDE_LABEL_W } else { LABEL_W };
    let (lines, height) = layout(&bars, funnel, label_w);
    let area_end = WIDTH - VALUE_W;
    let rows = lines
        .into_iter()
        .map(|line| match line {
            Line::Group { y, text } => view! {
                <g><text class="chart-group" x="0" y=y>{text}</text></g>
            }
            .into_any(),
            Line::Bar { y, x, w, bar } => {
                let name = format!("{} {} — {}", bar.label, bar.text, bar.hint);
                let tooltip = name.clone();
                let text_x = if x + w + 6.0 > area_end { area_end + 6.0 } else { x + w + 6.0 };
                view! {
                    <g>
                        // The tooltip sits on the group, outside the link, so the link's
                        // visible text stays exactly its label and value.
                        <title>{tooltip}</title>
                        // An inner group keeps the `a` below an SVG parent (the macro would
                        // otherwise create an HTML link after the ambiguous `title`).
                        <g>
                        <a href=bar.href aria-label=name class="chart-link">
                            <rect class="chart-hit" x="0" y=y width=WIDTH height={ROW_H - 2.0}></rect>
                            // The trailing space keeps label and number apart in the link's text.
                            <text class="chart-label" x="4" y={y + 17.0}>{format!("{} ", bar.label)}</text>
                            <rect class=format!("chart-bar {}", bar.class) x=x y={y + 4.0} width=w height={ROW_H - 10.0} rx="3"></rect>
                            <text class="chart-value" x=text_x y={y + 17.0}>{bar.text}</text>
                        </a>
                        </g>
                    </g>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            role="group"
            aria-label=label
            viewBox=format!("0 0 {WIDTH} {height}")
            preserveAspectRatio="xMinYMin meet"
        >
            {rows}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(value: f64, group: Option<&str>) -> Bar {
        Bar {
            label: "x".into(),
            value,
            text: value.to_string(),
            href: "#/".into(),
            class: String::new(),
            hint: String::new(),
            group: group.map(Into::into),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_groups_add_headings() {
        let (lines, h) = layout(
            &[
                bar(10.0, Some("A")),
                bar(5.0, Some("A")),
                bar(0.0, Some("B")),
            ],
            false,
            LABEL_W,
        );
        assert_eq!(lines.len(), 5);
        let widths: Vec<f64> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Bar { w, .. } => Some(*w),
                Line::Group { .. } => None,
            })
            .collect();
        assert_eq!(widths[0], WIDTH - LABEL_W - VALUE_W);
        assert_eq!(widths[1], widths[0] / 2.0);
        assert_eq!(widths[2], 0.0);
        assert!(h > 3.0 * ROW_H);
    }

    #[test]
    fn funnel_bars_are_centred() {
        let (lines, _) = layout(&[bar(10.0, None), bar(5.0, None)], true, LABEL_W);
        let Line::Bar { x, w, .. } = &lines[1] else {
            panic!()
        };
        let area = WIDTH - LABEL_W - VALUE_W;
        assert!((x + w / 2.0 - (LABEL_W + area / 2.0)).abs() < 1e-9);
    }
}
