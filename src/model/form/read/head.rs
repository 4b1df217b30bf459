//! A form's `head`: how the page's head prints the code and the title, as the sheet does
//! (羽村市 「施策35 経営管理」, 郡山市 「NO 3670」, 「{title}（{code}）」).

use super::*;
use crate::model::form::HeadPart;

impl<'a> Reader<'a> {
    /// `head = "{level}{code} {title}"`: the placeholders `{code}`, `{title}` (needed) and
    /// `{level}` (a node's level name; not of a program form), the rest the city's words,
    /// a line break where the sheet starts a line. `None` where it is not written or wrong
    /// (one error, naming what is allowed).
    pub(super) fn head(&self, t: &mut Table<'a>, target: Option<Target>) -> Option<Vec<HeadPart>> {
        let l = t.string("head")?;
        // `head = ""`: the sheet prints no head line (its code and name are labelled cells).
        if l.value.is_empty() {
            return Some(Vec::new());
        }
        let of = match target {
            Some(Target::Programs) => HeadOf::Program,
            _ => HeadOf::NodeHead,
        };
        let top = matches!(target, Some(Target::Level { level: 0, .. }));
        let parts = head_parts(&l.value, of).and_then(|parts| {
            let parent = parts.iter().any(|p| matches!(p, HeadPart::Parent(_)));
            if parent && top {
                return Err((
                    "この様式の階層は計画のいちばん上なので、親（{parent_…}）がありません".into(),
                    "this form's level is its plan's top, so it has no parent ({parent_…})".into(),
                ));
            }
            Ok(parts)
        });
        match parts {
            Ok(parts) => Some(parts),
            Err((ja, en)) => {
                let allowed = if of == HeadOf::Program {
                    ("{code} と {title}", "{code} and {title}")
                } else if top {
                    ("{code}、{title} と {level}", "{code}, {title} and {level}")
                } else {
                    (
                        "{code}、{title}、{level} と、親の {parent_level}・{parent_code}・{parent_title}",
                        "{code}, {title}, {level} and the parent's {parent_level}, {parent_code}, {parent_title}",
                    )
                };
                self.error(
                    l.span,
                    &format!("{}.head", t.path),
                    format!(
                        "head「{}」: {ja}。head はページの見出しの印字のとおりに {{title}} を含め、{{ }} には {} だけを書きます（例: head = \"{{level}}{{code}} {{title}}\"、\"NO {{code}} {{title}}\"、\"{{title}}（{{code}}）\"）",
                        l.value, allowed.0
                    ),
                    format!(
                        "head \"{}\": {en}; a head holds {{title}} and, in braces, only {}, the rest printed as written (e.g. head = \"{{level}}{{code}} {{title}}\", \"NO {{code}} {{title}}\", \"{{title}}（{{code}}）\")",
                        l.value, allowed.1
                    ),
                );
                None
            }
        }
    }

    /// `of` and `format` on an item: only on the page's `code` or `title` (`of` in a
    /// node form), `format` a head's pattern (`{code}`, `{title}`, `{level}`). The level
    /// of `of` is checked with the form's target ([`Reader::check_ofs`]).
    pub(super) fn name_options(
        &self,
        s: &mut Table<'a>,
        key: &str,
        node: bool,
    ) -> (Option<String>, Option<Vec<HeadPart>>) {
        let of = s.string("of");
        let format = s.string("format");
        let name = matches!(key, "code" | "title");
        for (option, l) in [("of", &of), ("format", &format)] {
            if let Some(l) = l.as_ref().filter(|_| !name || (option == "of" && !node)) {
                self.error(
                    l.span.clone(),
                    &format!("{}.{option}", s.path),
                    format!("{option} はページの番号と名前の項目（item = \"code\" か \"title\"）にだけ書けます{}", if name { "（of は計画の階層の様式だけ）" } else { "" }),
                    format!("{option} is only for the page's code and title items (item = \"code\" or \"title\"){}", if name { "; of only in a form of plan levels" } else { "" }),
                );
            }
        }
        if !name {
            return (None, None);
        }
        let of = of.filter(|_| node).map(|l| {
            self.ofs
                .borrow_mut()
                .push((l.clone(), format!("{}.of", s.path)));
            l.value
        });
        let pattern_of = if node {
            HeadOf::NodeItem
        } else {
            HeadOf::Program
        };
        let format = format.and_then(|l| match head_parts(&l.value, pattern_of) {
            Ok(parts) => Some(parts),
            Err((ja, en)) => {
                self.error(
                    l.span,
                    &format!("{}.format", s.path),
                    format!("format「{}」: {ja}。{{title}} を含め、{{ }} には {{code}}・{{title}}・{{level}} だけを書きます（例: format = \"{{code}} {{title}}\"）", l.value),
                    format!("format \"{}\": {en}; a format holds {{title}} and, in braces, only {{code}}, {{title}} and {{level}} (e.g. format = \"{{code}} {{title}}\")", l.value),
                );
                None
            }
        });
        (of, format)
    }

    /// Each `of = LEVEL` of the form just read names a level above the form's own in its
    /// plan: an error at it otherwise, naming the levels it may name.
    pub(super) fn check_ofs(&self, target: Option<Target>) {
        for (l, field) in self.ofs.take() {
            let above: Vec<&str> = match target {
                Some(Target::Level { plan, level }) => (self.config.plans[plan].levels.iter())
                    .take(level)
                    .map(String::as_str)
                    .collect(),
                _ => Vec::new(),
            };
            if above.contains(&l.value.as_str()) {
                continue;
            }
            let list = if above.is_empty() {
                ("（この様式の上に階層はありません。of は for = { plan, level } の様式に書きます）".to_string(), "(this form has no level above it: of is for a form with for = { plan, level })".to_string())
            } else {
                (
                    format!("（{} のどれか）", above.join(" / ")),
                    format!(" (one of {})", above.join(", ")),
                )
            };
            self.error(
                l.span,
                &field,
                format!(
                    "of「{}」は、この様式の階層より上の階層の名前です{}",
                    l.value, list.0
                ),
                format!(
                    "of \"{}\" must name a level above this form's in its plan{}",
                    l.value, list.1
                ),
            );
        }
    }
}

/// What a head pattern is written for: the placeholders it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HeadOf {
    /// A program form's head or item: `{code}`, `{title}`.
    Program,
    /// A node form's item `format`: and `{level}`.
    NodeItem,
    /// A node form's `head`: and the parent's `{parent_level}`, `{parent_code}`,
    /// `{parent_title}`.
    NodeHead,
}

/// The parts of a head as written, or what is wrong with it (ja, en).
fn head_parts(s: &str, of: HeadOf) -> Result<Vec<HeadPart>, (String, String)> {
    use crate::model::form::ParentPart;
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let flush = |text: &mut String, parts: &mut Vec<HeadPart>| {
        for (i, line) in std::mem::take(text).split('\n').enumerate() {
            if i > 0 {
                parts.push(HeadPart::Break);
            }
            if !line.is_empty() {
                parts.push(HeadPart::Text(line.to_string()));
            }
        }
    };
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find('}').filter(|_| after.starts_with('{'));
        let Some(end) = end else {
            return Err((
                "{ と } の組が合っていません".into(),
                "a brace without its pair".into(),
            ));
        };
        let part = match &after[1..end] {
            "code" => HeadPart::Code,
            "title" => HeadPart::Title,
            "level" if of != HeadOf::Program => HeadPart::Level,
            "parent_level" if of == HeadOf::NodeHead => HeadPart::Parent(ParentPart::Level),
            "parent_code" if of == HeadOf::NodeHead => HeadPart::Parent(ParentPart::Code),
            "parent_title" if of == HeadOf::NodeHead => HeadPart::Parent(ParentPart::Title),
            "level" => {
                return Err((
                    "事務事業の様式には階層がないので {level} は使えません".into(),
                    "a program form has no level, so no {level}".into(),
                ));
            }
            other => {
                return Err((
                    format!("{{{other}}} は使えません"),
                    format!("{{{other}}} is not known"),
                ));
            }
        };
        flush(&mut text, &mut parts);
        parts.push(part);
        rest = &after[end + 1..];
    }
    text.push_str(rest);
    flush(&mut text, &mut parts);
    if !parts.contains(&HeadPart::Title) {
        return Err(("{title} がありません".into(), "no {title}".into()));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_its_words_and_placeholders_in_order() {
        let t = |s: &str| HeadPart::Text(s.into());
        assert_eq!(
            head_parts("{level}{code} {title}", HeadOf::NodeHead),
            Ok(vec![
                HeadPart::Level,
                HeadPart::Code,
                t(" "),
                HeadPart::Title
            ])
        );
        assert_eq!(
            head_parts("{title}（{code}）", HeadOf::Program),
            Ok(vec![HeadPart::Title, t("（"), HeadPart::Code, t("）")])
        );
        assert_eq!(
            head_parts("施策名 {title}\n施策コード:{code}", HeadOf::NodeHead),
            Ok(vec![
                t("施策名 "),
                HeadPart::Title,
                HeadPart::Break,
                t("施策コード:"),
                HeadPart::Code
            ])
        );
    }

    #[test]
    fn a_head_without_its_title_or_with_another_placeholder_is_refused() {
        assert!(head_parts("NO {code}", HeadOf::Program).is_err());
        assert!(head_parts("{name} {title}", HeadOf::NodeHead).is_err());
        assert!(head_parts("{level}{code} {title}", HeadOf::Program).is_err());
        assert!(head_parts("{title} {code", HeadOf::NodeHead).is_err());
        assert!(head_parts("{title} code}", HeadOf::NodeHead).is_err());
        // The parent's names: only in a node form's head, not in an item's format.
        assert!(head_parts("{parent_code} {title}", HeadOf::Program).is_err());
        assert!(head_parts("{parent_code} {title}", HeadOf::NodeItem).is_err());
    }

    #[test]
    fn a_node_head_may_print_its_parent_over_it() {
        use crate::model::form::ParentPart;
        assert_eq!(
            head_parts(
                "{parent_level} {parent_code} {parent_title}\n{level} {code} {title}",
                HeadOf::NodeHead
            ),
            Ok(vec![
                HeadPart::Parent(ParentPart::Level),
                HeadPart::Text(" ".into()),
                HeadPart::Parent(ParentPart::Code),
                HeadPart::Text(" ".into()),
                HeadPart::Parent(ParentPart::Title),
                HeadPart::Break,
                HeadPart::Level,
                HeadPart::Text(" ".into()),
                HeadPart::Code,
                HeadPart::Text(" ".into()),
                HeadPart::Title,
            ])
        );
    }
}
