//! Printing the org chart: the whole chart cut into pages at a legible size (cuts fall between
//! cards where the chart allows), or the whole chart on one page. The chart is drawn once
//! ([`chart_svg`]) and each page shows a window of it, so even a 10,000-person chart prints
//! from one drawing.

use std::fmt::Write;

use crate::org::layout::Layout;
use crate::org::svg::{svg_body, SvgChart, SVG_STYLE};
use crate::org::viewport::{visible_nodes, Rect};

/// What a page holds, in chart units: a landscape A4 page (about 1040 × 680 CSS pixels of
/// printable area) at 75 %, where a card's name prints at about 8 pt.
pub const PAGE_W: f64 = 1380.0;
pub const PAGE_H: f64 = 880.0;

/// How the chart is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintChoice {
    /// The whole chart at a legible size, across as many pages as it needs.
    Pages,
    /// The whole chart shrunk onto one page.
    OnePage,
    /// What is on screen now.
    View,
}

/// One printed page: the part of the chart it shows, and where it sits among the pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tile {
    pub area: Rect,
    /// 1-based row and column.
    pub row: usize,
    pub col: usize,
}

/// Where to cut `0..total` into pieces of at most `page`: at a gap between the `spans` (start,
/// end) when one falls in the second half of a piece, so no card is cut in two; else at the
/// page's edge. Returns the starts of the pieces.
pub fn cuts(spans: &[(f64, f64)], total: f64, page: f64) -> Vec<f64> {
    let page = page.max(1.0);
    // The spans merged into disjoint runs, left to right.
    let mut sorted: Vec<(f64, f64)> = spans
        .iter()
        .copied()
        .filter(|s| s.0.is_finite() && s.1.is_finite())
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for (a, b) in sorted {
        match runs.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    let mut starts = vec![0.0];
    let mut start = 0.0;
    while start + page < total {
        let limit = start + page;
        // The last run that ends within this page, past its middle: cut in the gap after it.
        let k = runs.partition_point(|r| r.1 <= limit);
        let gap_end = k
            .checked_sub(1)
            .filter(|&j| runs[j].1 > start + page / 2.0)
            .map(|j| {
                let next = runs.get(j + 1).map_or(f64::INFINITY, |n| n.0);
                runs[j].1 + ((next - runs[j].1) / 2.0).min(8.0).min(limit - runs[j].1)
            });
        start = gap_end.filter(|&c| c > start).unwrap_or(limit);
        starts.push(start);
    }
    starts
}

/// The pages of the whole chart: rows and columns of [`PAGE_W`] × [`PAGE_H`] (cut between
/// cards where possible), leaving out pages with no card on them.
pub fn tiles(layout: &Layout) -> Vec<Tile> {
    let xs: Vec<(f64, f64)> = layout
        .boxes
        .iter()
        .flatten()
        .map(|b| (b.left(), b.right()))
        .collect();
    let ys: Vec<(f64, f64)> = layout
        .boxes
        .iter()
        .flatten()
        .map(|b| (b.y, b.bottom()))
        .collect();
    let col_starts = cuts(&xs, layout.width, PAGE_W);
    let row_starts = cuts(&ys, layout.height, PAGE_H);
    let end = |starts: &[f64], k: usize, total: f64| starts.get(k + 1).copied().unwrap_or(total);
    let mut out = Vec::new();
    for (r, &y0) in row_starts.iter().enumerate() {
        for (c, &x0) in col_starts.iter().enumerate() {
            let area = Rect {
                x0,
                y0,
                x1: end(&col_starts, c, layout.width).max(x0 + 1.0),
                y1: end(&row_starts, r, layout.height).max(y0 + 1.0),
            };
            if !visible_nodes(layout, &area, 0).is_empty() {
                out.push(Tile {
                    area,
                    row: r + 1,
                    col: c + 1,
                });
            }
        }
    }
    out
}

/// One printed page: the part of the chart it shows and its heading.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintPage {
    pub area: Rect,
    /// "Northwind — org chart · page 2 of 6 (row 1 of 2, column 2)".
    pub caption: String,
}

/// The pages of the printed chart (none for [`PrintChoice::View`], which prints the screen
/// as it is). Each shows a window of one drawing, [`chart_svg`]; `title` heads every page.
pub fn print_pages(layout: &Layout, choice: PrintChoice, title: &str) -> Vec<PrintPage> {
    let tiles: Vec<Tile> = match choice {
        PrintChoice::View => return Vec::new(),
        PrintChoice::OnePage => vec![Tile {
            area: Rect {
                x0: 0.0,
                y0: 0.0,
                x1: layout.width.max(1.0),
                y1: layout.height.max(1.0),
            },
            row: 1,
            col: 1,
        }],
        PrintChoice::Pages => tiles(layout),
    };
    let n = tiles.len();
    let rows = tiles.iter().map(|t| t.row).max().unwrap_or(1);
    tiles
        .iter()
        .enumerate()
        .map(|(k, t)| PrintPage {
            area: t.area,
            caption: if n > 1 {
                format!(
                    "{title} · page {} of {n} (row {} of {rows}, column {})",
                    k + 1,
                    t.row,
                    t.col
                )
            } else {
                title.to_string()
            },
        })
        .collect()
}

/// The whole chart as one standalone SVG document in chart units from (0, 0), the drawing
/// the printed pages show windows of (as an image: nothing of it is parsed into the page).
pub fn chart_svg(c: &SvgChart) -> String {
    let (w, h) = (c.layout.width.max(1.0), c.layout.height.max(1.0));
    let mut s = String::with_capacity(512 + c.ws.people.len() * 700);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"><style>{SVG_STYLE}</style>"#
    );
    svg_body(c, &mut s);
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::layout::Placed;

    #[test]
    fn cuts_fall_in_gaps_between_cards_when_there_are_any() {
        // Cards 0–100, 150–250, …: a page of 320 ends in the card at 300–400, so the cut
        // moves back to the gap after 250.
        let spans: Vec<(f64, f64)> = (0..10)
            .map(|i| (i as f64 * 150.0, i as f64 * 150.0 + 100.0))
            .collect();
        let starts = cuts(&spans, 1450.0, 320.0);
        assert_eq!(starts[0], 0.0);
        for s in &starts[1..] {
            assert!(
                !spans.iter().any(|(a, b)| a < s && s < b),
                "cut at {s} splits a card"
            );
        }
        for w in starts.windows(2) {
            assert!(w[1] - w[0] <= 320.0 && w[1] > w[0]);
        }
    }

    #[test]
    fn one_long_card_is_cut_at_the_page_edge_rather_than_never() {
        let starts = cuts(&[(0.0, 1000.0)], 1000.0, 300.0);
        assert_eq!(starts, vec![0.0, 300.0, 600.0, 900.0]);
        assert_eq!(cuts(&[], 100.0, 300.0), vec![0.0]);
    }

    #[test]
    fn empty_pages_are_left_out() {
        // Two cards far apart on one row: two pages, not the empty ones between them.
        let b = |x: f64| {
            Some(Placed {
                x,
                y: 0.0,
                w: 232.0,
                h: 92.0,
            })
        };
        let layout = Layout {
            boxes: vec![b(116.0), b(6000.0)],
            width: 6116.0,
            height: 92.0,
        };
        let t = tiles(&layout);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].row, t[0].col), (1, 1));
        assert!(t[1].col > 2);
    }
}
