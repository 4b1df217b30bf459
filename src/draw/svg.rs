//! The SVG plotters draws charts into: a plotters backend (plotters' extension point for
//! output formats) that writes into a `String`. It leaves out what draws nothing:
//! `opacity="1"` and `stroke-width="1"` (SVG's initial values) and empty labels. A dashed
//! line is one element ([`DashedPath`]) where plotters' dashed series writes one per dash.
//! A drawing whose labels share a font and colour ([`Inherited`]) says them once, on a
//! group around it, not on every label.
//!
//! Why our own and not plotters' `SVGBackend`: that one builds a `String` for every
//! number, colour and opacity of every element, escapes every value one character at a
//! time, and has no way to say the labels' shared style once. The tests below check what a
//! drawing must hold: a well-formed document of the size asked for, every label escaped,
//! shapes at their coordinates in the colours and widths set, the same bytes every time.

use std::fmt::Write as _;

use plotters::element::{Drawable, PointCollection};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};

/// Draws into a string; the document is closed by [`DrawingBackend::present`] or on drop.
pub struct Svg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
    /// The last font size written, and its text: a chart's labels share one size, and
    /// writing a float is most of the cost of a label.
    font_size: Option<(f64, String)>,
    /// What the group around the drawing sets for the labels in it.
    inherited: Option<Inherited>,
}

/// The font and colour a drawing's labels share, set once on a `<g>` around everything
/// drawn (font and fill are inherited in SVG) and left out of each label that has them.
/// Every other element states its own fill, so the group's changes no shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inherited {
    pub family: &'static str,
    /// In plotters' units, as given to its text style.
    pub size: f64,
    pub color: (u8, u8, u8),
}

type Drawn = Result<(), DrawingErrorKind<std::fmt::Error>>;

/// The CSS font size for a plotters text style of `size` (plotters' own conversion).
fn css_size(size: f64) -> f64 {
    size / 1.24
}

impl<'a> Svg<'a> {
    pub fn with_string(out: &'a mut String, (w, h): (u32, u32)) -> Self {
        let _ = writeln!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        Svg {
            out,
            size: (w, h),
            closed: false,
            font_size: None,
            inherited: None,
        }
    }

    /// [`Svg::with_string`], everything drawn in a group that sets `labels`.
    pub fn with_labels(out: &'a mut String, size: (u32, u32), labels: Inherited) -> Self {
        let mut svg = Svg::with_string(out, size);
        svg.out.push_str("<g font-family=\"");
        svg.escaped(labels.family);
        let _ = write!(svg.out, "\" font-size=\"{}\"", css_size(labels.size));
        svg.paint(
            "fill",
            BackendColor {
                alpha: 1.0,
                rgb: labels.color,
            },
        );
        svg.out.push_str(">\n");
        svg.inherited = Some(labels);
        svg
    }

    /// Opens an element painted in one colour (`attr` is `fill` or `stroke`); false, and
    /// nothing written, when the colour is transparent.
    fn begin(&mut self, open: &str, attr: &str, color: BackendColor) -> bool {
        if color.alpha == 0.0 {
            return false;
        }
        self.out.push_str(open);
        self.painted(attr, color);
        true
    }

    /// ` opacity="…" attr="#RRGGBB"`.
    fn painted(&mut self, attr: &str, color: BackendColor) {
        self.opacity(color);
        self.paint(attr, color);
    }

    /// ` opacity="…"`, unless opaque (SVG's initial value).
    fn opacity(&mut self, color: BackendColor) {
        if color.alpha != 1.0 {
            let _ = write!(self.out, " opacity=\"{}\"", color.alpha);
        }
    }

    /// ` attr="#RRGGBB"`.
    fn paint(&mut self, attr: &str, color: BackendColor) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let (r, g, b) = color.rgb;
        self.out.push(' ');
        self.out.push_str(attr);
        self.out.push_str("=\"#");
        for c in [r, g, b] {
            self.out.push(char::from(HEX[usize::from(c >> 4)]));
            self.out.push(char::from(HEX[usize::from(c & 15)]));
        }
        self.out.push('"');
    }

    /// A whole number, through itoa: `write!` and its formatting machinery were most of
    /// what drawing a chart's elements cost.
    fn int(&mut self, n: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// `name="n"` after a space.
    fn int_attr(&mut self, name: &str, n: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.int(n);
        self.out.push('"');
    }

    /// ` stroke-width="n"`, unless 1 (SVG's initial value).
    fn stroke_width(&mut self, width: u32) {
        if width != 1 {
            self.int_attr("stroke-width", width);
        }
    }

    /// A rectangle's or circle's paint: the colour as fill or as stroke, the other none.
    fn filled_or_outlined(&mut self, color: BackendColor, fill: bool) {
        self.opacity(color);
        if fill {
            self.paint("fill", color);
            self.out.push_str(" stroke=\"none\"");
        } else {
            self.out.push_str(" fill=\"none\"");
            self.paint("stroke", color);
        }
    }

    /// ` points="x,y x,y "/>` and the line end.
    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (x, y) in path {
            self.int(x);
            self.out.push(',');
            self.int(y);
            self.out.push(' ');
        }
        self.out.push_str("\"/>\n");
    }

    /// Text escaped for an attribute or an element's text (`'` as `&apos;`).
    fn escaped(&mut self, text: &str) {
        crate::draw::escape::push_escaped(self.out, text, xml_entity);
    }

    /// Where a label sits against its point: ` dy` from plotters' vertical anchor (in
    /// font units, so it holds at any size) and `text-anchor` from the horizontal one.
    fn text_anchor<S: BackendTextStyle>(&mut self, style: &S) {
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        self.out.push_str(" dy=\"");
        self.out.push_str(dy);
        self.out.push_str("\" text-anchor=\"");
        self.out.push_str(anchor);
        self.out.push('"');
    }

    /// A label's font family, size and colour, each only where it differs from what the
    /// enclosing group gives every label ([`Inherited`]); then weight or slant.
    fn font<S: BackendTextStyle>(&mut self, style: &S, color: BackendColor) {
        let inherited = self.inherited;
        let family = style.family();
        if inherited.is_none_or(|i| i.family != family.as_str()) {
            self.out.push_str(" font-family=\"");
            self.escaped(family.as_str());
            self.out.push('"');
        }
        if inherited.is_none_or(|i| i.size != style.size()) {
            self.font_size_attr(style.size());
        }
        self.opacity(color);
        if inherited.is_none_or(|i| i.color != color.rgb) {
            self.paint("fill", color);
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => {
                self.out.push_str(" font-style=\"");
                self.escaped(other.as_str());
                self.out.push('"');
            }
        }
    }

    /// ` font-size`, its text kept from the last label (a chart's labels share a size).
    fn font_size_attr(&mut self, size: f64) {
        let size = css_size(size);
        let text_of_size = match &mut self.font_size {
            Some((s, text)) if *s == size => text,
            slot => &slot.insert((size, size.to_string())).1,
        };
        self.out.push_str(" font-size=\"");
        self.out.push_str(text_of_size);
        self.out.push('"');
    }

    /// A quarter-turn rotation of a label about its own point; other transforms draw
    /// the label upright.
    fn rotation<S: BackendTextStyle>(&mut self, style: &S, (x, y): BackendCoord) {
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => return,
        };
        let _ = write!(self.out, " transform=\"rotate({degrees}, {x}, {y})\"");
    }
}

/// The entities [`Svg::escaped`] writes.
fn xml_entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'&' => Some("&amp;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        _ => None,
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        if !self.closed {
            if self.inherited.is_some() {
                self.out.push_str("</g>\n");
            }
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha != 0.0 {
            let _ = write!(
                self.out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\" stroke=\"none\""
            );
            self.painted("fill", color);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Drawn {
        if self.begin("<line", "stroke", style.color()) {
            self.stroke_width(style.stroke_width());
            self.int_attr("x1", x1);
            self.int_attr("y1", y1);
            self.int_attr("x2", x2);
            self.int_attr("y2", y2);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha != 0.0 {
            self.out.push_str("<rect");
            self.int_attr("x", x0);
            self.int_attr("y", y0);
            self.int_attr("width", x1 - x0);
            self.int_attr("height", y1 - y0);
            self.filled_or_outlined(color, fill);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if self.begin("<polyline fill=\"none\"", "stroke", style.color()) {
            self.stroke_width(style.stroke_width());
            self.points(path);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if self.begin("<polygon", "fill", style.color()) {
            self.points(path);
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha != 0.0 {
            self.out.push_str("<circle");
            self.int_attr("cx", x);
            self.int_attr("cy", y);
            self.int_attr("r", radius);
            self.filled_or_outlined(color, fill);
            self.stroke_width(style.stroke_width());
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Drawn {
        let color = style.color();
        // Nothing for an empty label (our formatters leave the labels of some ticks blank).
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        self.out.push_str("<text");
        self.int_attr("x", x);
        self.int_attr("y", y);
        self.text_anchor(style);
        self.font(style, color);
        self.rotation(style, (x, y));
        self.out.push_str(">\n");
        self.escaped(text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}

/// A dashed line through points as one element with `stroke-dasharray`: plotters' dashed
/// series writes every dash as an element of its own (42 for one target line). Points are
/// in the chart's coordinates, like any plotters element.
pub struct DashedPath<C> {
    pub points: Vec<C>,
    /// Dash and gap, in pixels.
    pub dash: (u32, u32),
    pub color: &'static str,
    pub width: u32,
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a DashedPath<C> {
    type Point = &'a C;
    type IntoIter = &'a [C];

    fn point_iter(self) -> Self::IntoIter {
        &self.points
    }
}

impl<C> Drawable<Svg<'_>> for DashedPath<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        svg: &mut Svg<'_>,
        _: (u32, u32),
    ) -> Drawn {
        let _ = write!(
            svg.out,
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\"",
            self.color, self.width, self.dash.0, self.dash.1
        );
        svg.points(points);
        Ok(())
    }
}

impl Drop for Svg<'_> {
    fn drop(&mut self) {
        let _ = self.present();
    }
}

#[cfg(test)]
mod tests {
    use super::Svg;
    use plotters::prelude::*;
    use plotters::style::FontTransform as Transform;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    /// Every primitive, in every variant our charts and plotters' mesh use, and a few
    /// they do not (pixels, rotated and italic text, translucent colours).
    fn draw<B: DrawingBackend>(backend: B) {
        let root = backend.into_drawing_area();
        root.fill(&WHITE).unwrap();
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(2014..2021, -5.0..105.5)
            .unwrap();
        chart
            .configure_mesh()
            .y_max_light_lines(0)
            .x_labels(8)
            .y_labels(6)
            .y_label_formatter(&|v| format!("{v:.1}<&'\">"))
            .draw()
            .unwrap();
        let blue = RGBColor(0, 0x41, 0xff);
        chart
            .draw_series(LineSeries::new(
                [(2014, 1.0), (2016, 50.5), (2020, 99.0)],
                blue.stroke_width(3),
            ))
            .unwrap();
        chart
            .draw_series(DashedLineSeries::new(
                [(2014, 80.0), (2021, 80.0)],
                8,
                5,
                RED.stroke_width(2),
            ))
            .unwrap();
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(2015, 10.0), (2017, 30.0)],
                GREEN.mix(0.25).filled(),
            )))
            .unwrap();
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(2018, 10.0), (2019, 30.0)],
                BLACK.stroke_width(2),
            )))
            .unwrap();
        chart
            .draw_series(std::iter::once(Circle::new((2016, 50.5), 6, blue.filled())))
            .unwrap();
        chart
            .draw_series(std::iter::once(Circle::new((2017, 60.0), 5, RED)))
            .unwrap();
        chart
            .draw_series(std::iter::once(Polygon::new(
                [(2018, 40.0), (2019, 60.0), (2020, 40.0)],
                blue.mix(0.5),
            )))
            .unwrap();
        chart
            .draw_series(std::iter::once(Pixel::new((2019, 90.0), BLACK)))
            .unwrap();
        for (i, (h, v)) in [
            (HPos::Left, VPos::Top),
            (HPos::Center, VPos::Center),
            (HPos::Right, VPos::Bottom),
        ]
        .into_iter()
        .enumerate()
        {
            let style = TextStyle::from(("serif", 13 + i as u32).into_font())
                .pos(Pos::new(h, v))
                .color(&BLACK);
            root.draw_text("北上 <'&\">", &style, (50 * i as i32, 20))
                .unwrap();
        }
        let bold = ("sans-serif", 16, FontStyle::Bold).into_font().color(&RED);
        root.draw_text("bold", &bold, (5, 5)).unwrap();
        root.draw_text("", &bold, (7, 7)).unwrap();
        let italic = TextStyle::from(("sans-serif", 16, FontStyle::Italic).into_font())
            .transform(Transform::Rotate90);
        root.draw_text("italic", &italic, (9, 9)).unwrap();
        root.present().unwrap();
    }

    /// Draws with `paint` on a backend of `size` and returns the document it closed.
    fn drawn(size: (u32, u32), paint: impl FnOnce(&mut Svg)) -> String {
        let mut out = String::new();
        paint(&mut Svg::with_string(&mut out, size));
        out
    }

    /// An element's name and attributes.
    type Element = (String, Vec<(String, String)>);

    /// The elements below the root, in order, with their attributes as written.
    fn elements(svg: &str) -> Vec<Element> {
        let doc = roxmltree::Document::parse(svg).expect(svg);
        let attrs = |n: roxmltree::Node| {
            n.attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect()
        };
        doc.root_element()
            .descendants()
            .skip(1)
            .filter(|n| n.is_element())
            .map(|n| (n.tag_name().name().to_string(), attrs(n)))
            .collect()
    }

    /// An expected element, from its name and `name=value` pairs.
    fn element(name: &str, attrs: &[(&str, &str)]) -> Element {
        let attrs = attrs.iter().map(|(n, v)| (n.to_string(), v.to_string()));
        (name.to_string(), attrs.collect())
    }

    #[test]
    fn a_document_of_the_size_asked_for_closed_once() {
        let mut out = String::new();
        {
            let mut svg = Svg::with_string(&mut out, (320, 120));
            assert_eq!(svg.get_size(), (320, 120));
            svg.present().unwrap();
            svg.present().unwrap();
        }
        let doc = roxmltree::Document::parse(&out).expect(&out);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(root.attribute("width"), Some("320"));
        assert_eq!(root.attribute("height"), Some("120"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 320 120"));
        assert!(root.first_element_child().is_none(), "{out}");
        assert_eq!(out.matches("</svg>").count(), 1, "closed once: {out}");
    }

    #[test]
    fn shapes_at_the_coordinates_given_in_the_colours_and_widths_set() {
        let blue = RGBColor(0, 0x41, 0xff);
        let out = drawn((200, 100), |svg| {
            svg.draw_line((1, 2), (30, 40), &blue.stroke_width(3))
                .unwrap();
            svg.draw_line((0, 9), (9, 9), &BLACK.stroke_width(1))
                .unwrap();
            svg.draw_rect((10, 20), (50, 60), &GREEN.mix(0.25).filled(), true)
                .unwrap();
            svg.draw_rect((5, 6), (7, 9), &ShapeStyle::from(BLACK), false)
                .unwrap();
            svg.draw_path([(0, 0), (10, 5), (20, 0)], &blue.stroke_width(2))
                .unwrap();
            svg.fill_polygon([(1, 1), (4, 1), (1, 4)], &ShapeStyle::from(RED.mix(0.5)))
                .unwrap();
            svg.draw_circle((50, 50), 6, &blue.filled(), true).unwrap();
            svg.draw_circle((60, 70), 5, &RED.stroke_width(2), false)
                .unwrap();
            svg.draw_pixel((3, 4), BLACK.to_backend_color()).unwrap();
        });
        let expected = [
            element(
                "line",
                &[
                    ("stroke", "#0041FF"),
                    ("stroke-width", "3"),
                    ("x1", "1"),
                    ("y1", "2"),
                ]
                .into_iter()
                .chain([("x2", "30"), ("y2", "40")])
                .collect::<Vec<_>>(),
            ),
            // Width 1 is SVG's initial value: not written.
            element(
                "line",
                &[
                    ("stroke", "#000000"),
                    ("x1", "0"),
                    ("y1", "9"),
                    ("x2", "9"),
                    ("y2", "9"),
                ],
            ),
            element(
                "rect",
                &[("x", "10"), ("y", "20"), ("width", "40"), ("height", "40")]
                    .into_iter()
                    .chain([("opacity", "0.25"), ("fill", "#00FF00"), ("stroke", "none")])
                    .collect::<Vec<_>>(),
            ),
            element(
                "rect",
                &[("x", "5"), ("y", "6"), ("width", "2"), ("height", "3")]
                    .into_iter()
                    .chain([("fill", "none"), ("stroke", "#000000")])
                    .collect::<Vec<_>>(),
            ),
            element(
                "polyline",
                &[
                    ("fill", "none"),
                    ("stroke", "#0041FF"),
                    ("stroke-width", "2"),
                ]
                .into_iter()
                .chain([("points", "0,0 10,5 20,0 ")])
                .collect::<Vec<_>>(),
            ),
            element(
                "polygon",
                &[
                    ("opacity", "0.5"),
                    ("fill", "#FF0000"),
                    ("points", "1,1 4,1 1,4 "),
                ],
            ),
            element(
                "circle",
                &[("cx", "50"), ("cy", "50"), ("r", "6"), ("fill", "#0041FF")]
                    .into_iter()
                    .chain([("stroke", "none")])
                    .collect::<Vec<_>>(),
            ),
            element(
                "circle",
                &[("cx", "60"), ("cy", "70"), ("r", "5"), ("fill", "none")]
                    .into_iter()
                    .chain([("stroke", "#FF0000"), ("stroke-width", "2")])
                    .collect::<Vec<_>>(),
            ),
            element(
                "rect",
                &[("x", "3"), ("y", "4"), ("width", "1"), ("height", "1")]
                    .into_iter()
                    .chain([("stroke", "none"), ("fill", "#000000")])
                    .collect::<Vec<_>>(),
            ),
        ];
        assert_eq!(elements(&out), expected, "{out}");
    }

    #[test]
    fn transparent_shapes_and_empty_labels_draw_nothing() {
        let clear = TRANSPARENT;
        let out = drawn((50, 50), |svg| {
            svg.draw_line((0, 0), (9, 9), &clear.stroke_width(2))
                .unwrap();
            svg.draw_rect((0, 0), (9, 9), &clear.filled(), true)
                .unwrap();
            svg.draw_path([(0, 0), (9, 9)], &ShapeStyle::from(clear))
                .unwrap();
            svg.fill_polygon([(0, 0), (9, 0), (0, 9)], &ShapeStyle::from(clear))
                .unwrap();
            svg.draw_circle((5, 5), 3, &clear.filled(), true).unwrap();
            svg.draw_pixel((1, 1), clear.to_backend_color()).unwrap();
            let text = ("sans-serif", 16).into_font().color(&BLACK);
            svg.draw_text("", &text, (5, 5)).unwrap();
            svg.draw_text("hidden", &text.color(&clear), (5, 5))
                .unwrap();
        });
        assert_eq!(elements(&out), [], "{out}");
    }

    #[test]
    fn labels_in_the_fonts_colours_and_places_set_every_text_escaped() {
        let hostile = "北上 <'&\">";
        let half_blue = BLUE.mix(0.5);
        let out = drawn((300, 100), |svg| {
            let serif = TextStyle::from(("serif", 13).into_font())
                .pos(Pos::new(HPos::Left, VPos::Top))
                .color(&BLACK);
            svg.draw_text(hostile, &serif, (10, 20)).unwrap();
            let bold = TextStyle::from(("sans-serif", 16, FontStyle::Bold).into_font())
                .pos(Pos::new(HPos::Center, VPos::Center))
                .color(&RED);
            svg.draw_text("bold", &bold, (5, 6)).unwrap();
            let italic = TextStyle::from(("sans-serif", 16, FontStyle::Italic).into_font())
                .pos(Pos::new(HPos::Right, VPos::Bottom))
                .transform(Transform::Rotate90)
                .color(&half_blue);
            svg.draw_text("italic", &italic, (9, 8)).unwrap();
        });
        assert!(out.contains("北上 &lt;&apos;&amp;&quot;&gt;"), "{out}");
        let doc = roxmltree::Document::parse(&out).expect(&out);
        let texts: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        let said: Vec<&str> = texts.iter().map(|t| t.text().unwrap().trim()).collect();
        assert_eq!(said, [hostile, "bold", "italic"]);
        let size = |t: &roxmltree::Node| t.attribute("font-size").unwrap().parse::<f64>().unwrap();
        fn at<'a>(t: &roxmltree::Node<'a, '_>, names: [&str; 4]) -> [Option<&'a str>; 4] {
            names.map(|n| t.attribute(n))
        }
        let place = ["x", "y", "dy", "text-anchor"];
        let paint = ["font-family", "fill", "opacity", "font-weight"];
        assert_eq!(
            at(&texts[0], place),
            [Some("10"), Some("20"), Some("0.76em"), Some("start")]
        );
        assert_eq!(
            at(&texts[0], paint),
            [Some("serif"), Some("#000000"), None, None]
        );
        assert!((size(&texts[0]) - 13.0 / 1.24).abs() < 1e-9);
        assert_eq!(
            at(&texts[1], place),
            [Some("5"), Some("6"), Some("0.5ex"), Some("middle")]
        );
        assert_eq!(
            at(&texts[1], paint),
            [Some("sans-serif"), Some("#FF0000"), None, Some("bold")]
        );
        assert_eq!(
            at(&texts[2], place),
            [Some("9"), Some("8"), Some("-0.5ex"), Some("end")]
        );
        assert_eq!(
            at(&texts[2], paint),
            [Some("sans-serif"), Some("#0000FF"), Some("0.5"), None]
        );
        assert_eq!(texts[2].attribute("font-style"), Some("italic"));
        assert_eq!(texts[2].attribute("transform"), Some("rotate(90, 9, 8)"));
        assert!((size(&texts[1]) - 16.0 / 1.24).abs() < 1e-9);
    }

    #[test]
    fn a_whole_chart_is_well_formed_and_the_same_every_time() {
        let chart = || {
            let mut out = String::new();
            draw(Svg::with_string(&mut out, (640, 300)));
            out
        };
        let first = chart();
        assert_eq!(first, chart());
        let drawn = elements(&first);
        for name in ["line", "polyline", "polygon", "rect", "circle", "text"] {
            assert!(drawn.iter().any(|e| e.0 == name), "{name} in {first}");
        }
        // Nothing says what SVG assumes anyway, and no label is empty.
        assert!(!first.contains(" stroke-width=\"1\""), "{first}");
        assert!(!first.contains(" opacity=\"1\""), "{first}");
        assert!(!first.contains(">\n\n</text>"), "{first}");
        // Every tick label the formatter wrote is there, escaped.
        assert!(first.contains("&lt;&amp;&apos;&quot;&gt;"), "{first}");
        let doc = roxmltree::Document::parse(&first).unwrap();
        let labels: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::trim))
            .collect();
        for year in 2014..=2020 {
            assert!(
                labels.contains(&year.to_string().as_str()),
                "{year}: {labels:?}"
            );
        }
        assert!(labels.contains(&"100.0<&'\">"), "{labels:?}");
    }

    /// An element's name, text and attributes (sorted by name).
    type Painted = (String, String, Vec<(String, String)>);

    /// Every element below the root as SVG paints it: its name, its text, and its
    /// attributes with what it inherits that paints it, wherever they are written: a
    /// text's font, and the fill of anything but a line (which has no inside to fill).
    fn as_painted(svg: &str) -> Vec<Painted> {
        let doc = roxmltree::Document::parse(svg).expect(svg);
        let mut out = Vec::new();
        for node in doc.root_element().descendants().skip(1) {
            if !node.is_element() || node.tag_name().name() == "g" {
                continue;
            }
            let mut attrs: Vec<(String, String)> = node
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect();
            let inherited: &[&str] = match node.tag_name().name() {
                "text" => &["font-family", "font-size", "fill"],
                "line" => &[],
                _ => &["fill"],
            };
            for &name in inherited {
                if node.attribute(name).is_none()
                    && let Some(v) = node.ancestors().find_map(|a| a.attribute(name))
                {
                    attrs.push((name.to_string(), v.to_string()));
                }
            }
            attrs.sort();
            let text = node.text().unwrap_or_default().to_string();
            out.push((node.tag_name().name().to_string(), text, attrs));
        }
        out
    }

    #[test]
    fn labels_in_a_group_are_painted_as_when_each_says_its_own() {
        // plotters' mesh labels: sans-serif, black, at the size the chart gives them.
        let mesh = super::Inherited {
            family: "sans-serif",
            size: 12.0,
            color: (0, 0, 0),
        };
        let mut each = String::new();
        draw(Svg::with_string(&mut each, (640, 300)));
        let mut grouped = String::new();
        draw(Svg::with_labels(&mut grouped, (640, 300), mesh));
        assert!(grouped.starts_with("<svg") && grouped.ends_with("</g>\n</svg>\n"));
        let (each_painted, grouped_painted) = (as_painted(&each), as_painted(&grouped));
        assert!(each_painted.iter().filter(|e| e.0 == "text").count() > 10);
        assert_eq!(each_painted, grouped_painted);
        // The mesh's labels say nothing of their own; the others still do.
        let fonts = |s: &str| s.matches("font-family=").count();
        assert_eq!(fonts(&grouped), 1 + 3, "{grouped}");
        assert_eq!(fonts(&each), 14 + 5);
        // Each of the 14 loses ` font-family="sans-serif" font-size="9.67741935483871"
        // fill="#000000"` (69 bytes), the bold and the italic label their family (25),
        // the three serif labels and the italic one their black fill (15), and the group
        // costs 78.
        assert_eq!(each.len() - grouped.len(), 14 * 69 + 2 * 25 + 4 * 15 - 78);
    }

    #[test]
    fn a_dashed_path_is_one_element_in_drawing_order() {
        let mut out = String::new();
        {
            let root = Svg::with_string(&mut out, (100, 50)).into_drawing_area();
            let mut chart = ChartBuilder::on(&root)
                .build_cartesian_2d(0..10, 0.0..10.0)
                .unwrap();
            chart
                .draw_series(std::iter::once(super::DashedPath {
                    points: vec![(0, 5.0), (10, 5.0)],
                    dash: (8, 5),
                    color: "#c83c00",
                    width: 2,
                }))
                .unwrap();
            chart
                .draw_series(LineSeries::new([(0, 0.0), (10, 10.0)], &BLACK))
                .unwrap();
        }
        let dashed = "<polyline fill=\"none\" stroke=\"#c83c00\" stroke-width=\"2\" \
                      stroke-dasharray=\"8 5\" points=\"0,25 99,25 \"/>\n";
        let at = out.find(dashed).expect(&out);
        assert!(
            out[at..].contains("stroke=\"#000000\""),
            "drawn before the next series"
        );
        assert!(out.ends_with("</svg>\n"), "closed on drop: {out}");
    }
}
