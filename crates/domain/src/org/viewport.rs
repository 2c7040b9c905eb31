//! Pan and zoom of the org chart in plain numbers: the transform from chart to screen, fitting,
//! zooming about a point, which cards are on screen, hit-testing, and the overview drawing.

use std::fmt::Write;

use crate::org::layout::{Layout, Placed};

/// Smallest and largest zoom.
pub const MIN_ZOOM: f64 = 0.02;
pub const MAX_ZOOM: f64 = 2.5;

/// Screen = chart × k + (tx, ty).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub tx: f64,
    pub ty: f64,
    pub k: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            tx: 0.0,
            ty: 0.0,
            k: 1.0,
        }
    }
}

/// A rectangle in chart coordinates: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn of(b: &Placed) -> Rect {
        Rect {
            x0: b.left(),
            y0: b.y,
            x1: b.right(),
            y1: b.bottom(),
        }
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 <= o.x1 && o.x0 <= self.x1 && self.y0 <= o.y1 && o.y0 <= self.y1
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

impl Viewport {
    /// The whole chart (`w` × `h`) in a screen of `sw` × `sh` with `pad` pixels around it,
    /// never enlarged past 100 %.
    pub fn fit(w: f64, h: f64, sw: f64, sh: f64, pad: f64) -> Viewport {
        let k = ((sw - 2.0 * pad) / w.max(1.0))
            .min((sh - 2.0 * pad) / h.max(1.0))
            .clamp(MIN_ZOOM, 1.0);
        Viewport {
            tx: (sw - w * k) / 2.0,
            ty: (sh - h * k) / 2.0,
            k,
        }
    }

    /// Zoom by `factor` keeping the chart point under screen point (px, py) in place.
    pub fn zoom_at(self, px: f64, py: f64, factor: f64) -> Viewport {
        let k = (self.k * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let f = k / self.k;
        Viewport {
            tx: px - (px - self.tx) * f,
            ty: py - (py - self.ty) * f,
            k,
        }
    }

    /// Put chart point (x, y) at the centre of a `sw` × `sh` screen.
    pub fn centre_on(self, x: f64, y: f64, sw: f64, sh: f64) -> Viewport {
        Viewport {
            tx: sw / 2.0 - x * self.k,
            ty: sh / 2.0 - y * self.k,
            k: self.k,
        }
    }

    /// The chart point under screen point (px, py).
    pub fn to_chart(self, px: f64, py: f64) -> (f64, f64) {
        ((px - self.tx) / self.k, (py - self.ty) / self.k)
    }

    /// The part of the chart a `sw` × `sh` screen shows, grown by `margin` screen pixels.
    pub fn visible(self, sw: f64, sh: f64, margin: f64) -> Rect {
        let (x0, y0) = self.to_chart(-margin, -margin);
        let (x1, y1) = self.to_chart(sw + margin, sh + margin);
        Rect { x0, y0, x1, y1 }
    }

    /// Is the box entirely on a `sw` × `sh` screen (with `pad` pixels to spare)?
    pub fn shows(self, b: &Placed, sw: f64, sh: f64, pad: f64) -> bool {
        let r = self.visible(sw, sh, -pad);
        r.x0 <= b.left() && b.right() <= r.x1 && r.y0 <= b.y && b.bottom() <= r.y1
    }

    /// The zoom, as the CSS style of the chart's `<svg>` element: the element is laid out
    /// larger than the stage and scaled by k (the stage clips it). Scaling the element from
    /// outside, rather than with an SVG transform inside it, spares the browser laying out
    /// every card's text again at each zoom step (Chromium sizes SVG text for the screen
    /// through the SVG's own transforms: 16 ms per step with 120 cards, against 0.1 ms).
    /// Resizing the element costs such a layout too, so its size only changes in powers of
    /// two (the smallest that still covers the stage): a handful of times from the largest
    /// to the smallest zoom, and at the usual zoom it is the stage's own size.
    pub fn svg_style(self) -> String {
        let mut size = 100.0;
        while size * self.k < 100.0 - 1e-9 {
            size *= 2.0;
        }
        format!(
            "width:{size:.0}%;height:{size:.0}%;transform:scale({:.6})",
            self.k
        )
    }

    /// The pan, as the SVG transform of the chart inside that element (in chart units): with
    /// [`Viewport::svg_style`], screen = chart × k + (tx, ty).
    pub fn pan_transform(self) -> String {
        format!("translate({:.3} {:.3})", self.tx / self.k, self.ty / self.k)
    }
}

/// Box `b` on a screen seen through `vp`, in screen pixels.
pub fn on_screen(vp: Viewport, b: &Placed) -> Rect {
    Rect {
        x0: b.left() * vp.k + vp.tx,
        y0: b.y * vp.k + vp.ty,
        x1: b.right() * vp.k + vp.tx,
        y1: b.bottom() * vp.k + vp.ty,
    }
}

/// A corner of the drawing area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    BottomRight,
    BottomLeft,
    TopRight,
}

impl Corner {
    pub fn class(self) -> &'static str {
        match self {
            Corner::BottomRight => "bottom-right",
            Corner::BottomLeft => "bottom-left",
            Corner::TopRight => "top-right",
        }
    }
}

/// Where the `mw` × `mh` minimap sits (`gap` pixels from the edges of a `sw` × `sh` screen) so
/// that it never covers `card`, the chosen card's rectangle on screen: bottom right unless
/// the card is there, else bottom left, else top right.
pub fn minimap_corner(card: Option<Rect>, sw: f64, sh: f64, mw: f64, mh: f64, gap: f64) -> Corner {
    let at = |c: Corner| {
        let x0 = match c {
            Corner::BottomLeft => gap,
            _ => sw - gap - mw,
        };
        let y0 = match c {
            Corner::TopRight => gap,
            _ => sh - gap - mh,
        };
        Rect {
            x0,
            y0,
            x1: x0 + mw,
            y1: y0 + mh,
        }
    };
    let Some(card) = card else {
        return Corner::BottomRight;
    };
    [Corner::BottomRight, Corner::BottomLeft, Corner::TopRight]
        .into_iter()
        .find(|&c| !at(c).intersects(&card))
        .unwrap_or(Corner::BottomRight)
}

/// Top-left corner, on a `sw` × `sh` screen, of a `pw` × `ph` box showing the full card of a
/// card drawn at `card` (screen pixels): below it when it fits, else above, else inside the
/// screen's bottom edge; kept inside the screen left and right.
pub fn peek_at(card: Rect, sw: f64, sh: f64, pw: f64, ph: f64) -> (f64, f64) {
    let gap = 8.0;
    let x = ((card.x0 + card.x1) / 2.0 - pw / 2.0).clamp(gap, (sw - pw - gap).max(gap));
    let y = if card.y1 + gap + ph <= sh {
        card.y1 + gap
    } else if card.y0 - gap - ph >= 0.0 {
        card.y0 - gap - ph
    } else {
        (sh - ph - gap).max(0.0)
    };
    (x, y)
}

/// Nodes whose boxes meet `area`, in index order; stops after `limit` + 1 so a caller can
/// tell "too many to draw" cheaply.
pub fn visible_nodes(layout: &Layout, area: &Rect, limit: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, b) in layout.boxes.iter().enumerate() {
        if let Some(b) = b {
            if area.intersects(&Rect::of(b)) {
                out.push(i);
                if out.len() > limit {
                    break;
                }
            }
        }
    }
    out
}

/// The node whose box contains chart point (x, y), if any (`except` is skipped).
pub fn hit(layout: &Layout, x: f64, y: f64, except: Option<usize>) -> Option<usize> {
    layout.boxes.iter().enumerate().find_map(|(i, b)| {
        b.filter(|b| Some(i) != except && Rect::of(b).contains(x, y))
            .map(|_| i)
    })
}

/// Every box as a small rectangle of an overview `scale` times the chart's size, as one SVG
/// path. The boxes are painted into a pixel grid first and drawn as runs of pixels per row,
/// so the path stays short and quick to build however many boxes there are.
pub fn overview_path(layout: &Layout, scale: f64) -> String {
    let gw = (layout.width * scale).ceil().max(1.0) as usize + 1;
    let gh = (layout.height * scale).ceil().max(1.0) as usize + 1;
    if gw.saturating_mul(gh) > 8_000_000 {
        return overview_path_sparse(layout, scale);
    }
    let mut grid = vec![false; gw * gh];
    for b in layout.boxes.iter().flatten() {
        let x0 = ((b.left() * scale).floor().max(0.0) as usize).min(gw - 1);
        let y0 = ((b.y * scale).floor().max(0.0) as usize).min(gh - 1);
        let x1 = ((b.right() * scale).ceil() as usize).clamp(x0 + 1, gw);
        let y1 = ((b.bottom() * scale).ceil() as usize).clamp(y0 + 1, gh);
        for y in y0..y1 {
            grid[y * gw + x0..y * gw + x1].fill(true);
        }
    }
    let mut d = String::new();
    for y in 0..gh {
        let row = &grid[y * gw..(y + 1) * gw];
        let mut x = 0;
        while x < gw {
            if row[x] {
                let start = x;
                while x < gw && row[x] {
                    x += 1;
                }
                let _ = write!(d, "M{start} {y}h{}v1h-{}z", x - start, x - start);
            } else {
                x += 1;
            }
        }
    }
    d
}

/// [`overview_path`] for a grid too large to paint: one rectangle per distinct pixel box.
fn overview_path_sparse(layout: &Layout, scale: f64) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut d = String::new();
    for b in layout.boxes.iter().flatten() {
        let x = (b.left() * scale).round() as i64;
        let y = (b.y * scale).round() as i64;
        let w = ((b.w * scale).round() as i64).max(1);
        let h = ((b.h * scale).round() as i64).max(1);
        if seen.insert((x, y, w, h)) {
            let _ = write!(d, "M{x} {y}h{w}v{h}h-{w}z");
        }
    }
    d
}
