//! The TOML typing mistakes planning staff make most (a Japanese input method left on, a
//! figure copied from a sheet), recognised from the line where the parser stopped, so
//! that each gets one message in plain words saying what to type instead.

use std::ops::Range;

/// A recognised mistake: where it is (byte offsets in the parsed text) and what to say.
#[derive(Debug, PartialEq, Eq)]
pub struct Mistake {
    pub span: Range<usize>,
    pub ja: String,
    pub en: String,
}

/// The mistake on the line of `text` holding byte `at` (where the parser stopped), if it
/// is one of the common ones.
pub fn explain(text: &str, at: usize) -> Option<Mistake> {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim_end_matches('\r');
    let (found, span) = find(line, at - start)?;
    let base = match found {
        Found::UnquotedKey(_) => {
            let (before, after) = (&line[..span.start], &line[span.end..]);
            format!("{before}\"{}\"{after}", &line[span.clone()])
        }
        // The example of a multi-line string, with the line's own key.
        Found::LineBreakInString => match line.split_once('=') {
            Some((key, _)) => format!("{} = \"\"\"…\"\"\"", key.trim()),
            None => "\"\"\"…\"\"\"".into(),
        },
        _ => line.to_string(),
    };
    let fixed = match found {
        Found::LineBreakInString => base,
        _ => fixed(&base),
    };
    let (ja, en) = words(&found, &fixed);
    Some(Mistake {
        span: start + span.start..start + span.end,
        ja,
        en,
    })
}

#[derive(Debug, PartialEq)]
enum Found {
    /// A `"` string not closed on its line.
    LineBreakInString,
    FullWidthSpace,
    FullWidthEquals,
    /// A value between “ ”, 「 」, 『 』 or ＂.
    FullWidthQuotes(char),
    FullWidthDigits(String),
    /// A key of characters other than ASCII letters, digits, `-` and `_`, unquoted.
    UnquotedKey(String),
    /// A number written with thousands commas, unquoted.
    CommasInNumber(String),
}

/// What is wrong on `line`, and the span (in the line) to point at. `at` is where the
/// parser stopped; mistakes outside strings anywhere on the line count, since the
/// parser may stop a little after the first one.
fn find(line: &str, at: usize) -> Option<(Found, Range<usize>)> {
    let scan = scan(line);
    if let Some(open) = scan.unclosed {
        return Some((Found::LineBreakInString, open..open + 1));
    }
    let outside = |i: usize| i < scan.comment && !scan.inside.iter().any(|r| r.contains(&i));
    let first = |want: &dyn Fn(char) -> bool| {
        line.char_indices()
            .find(|&(i, c)| outside(i) && want(c))
            .map(|(i, c)| i..i + c.len_utf8())
    };
    if let Some(s) = first(&|c| c == '\u{3000}') {
        return Some((Found::FullWidthSpace, s));
    }
    if let Some(s) = first(&|c| c == '＝') {
        return Some((Found::FullWidthEquals, s));
    }
    if let Some(s) = first(&|c| closing_quote(c).is_some()) {
        let c = line[s.clone()].chars().next()?;
        return Some((Found::FullWidthQuotes(c), s));
    }
    if let Some(s) = first(&|c| ('０'..='９').contains(&c)) {
        let token = token_at(line, s.start);
        return Some((Found::FullWidthDigits(line[token.clone()].into()), token));
    }
    let token = token_at(line, at.min(line.len()));
    let word = &line[token.clone()];
    let key_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if !word.is_empty()
        && outside(token.start)
        && !word.chars().all(key_char)
        && is_key(line, &token)
    {
        return Some((Found::UnquotedKey(word.into()), token));
    }
    commas(line, at, &outside)
}

/// A number with thousands commas around `at` (`2,300`), outside strings.
fn commas(line: &str, at: usize, outside: &dyn Fn(usize) -> bool) -> Option<(Found, Range<usize>)> {
    let number = |c: char| c.is_ascii_digit() || c == ',';
    let start = line[..at.min(line.len())]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| number(c))
        .last()?
        .0;
    let end = line[start..]
        .char_indices()
        .find(|&(_, c)| !number(c))
        .map_or(line.len(), |(i, _)| start + i);
    let word = &line[start..end];
    let groups: Vec<&str> = word.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    (grouped && outside(start) && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())))
        .then(|| (Found::CommasInNumber(word.into()), start..end))
}

/// Whether `token` of `line` stands where a key does: before an `=`, or in a `[table]`.
fn is_key(line: &str, token: &Range<usize>) -> bool {
    let after = line[token.end..].trim_start();
    let before = line[..token.start].trim_end();
    after.starts_with('=')
        || after.starts_with('.')
        || before.ends_with('[')
        || before.ends_with('.')
        || before.ends_with('{')
        || before.ends_with(',')
        || (before.is_empty() && !after.starts_with(','))
}

/// The run of characters around byte `at` that could be one bare key or value.
fn token_at(line: &str, at: usize) -> Range<usize> {
    let stop = |c: char| c.is_whitespace() || "=.,{}[]\"'#".contains(c);
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !stop(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = line[at..]
        .char_indices()
        .find(|&(_, c)| stop(c))
        .map_or(line.len(), |(i, _)| at + i);
    start..end
}

/// The closing mark of a full-width opening quote.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '“' | '”' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '＂' => Some('＂'),
        _ => None,
    }
}

/// Where a line's strings are, where its comment starts (its length if none), and a `"`
/// left open at its end.
struct Scan {
    inside: Vec<Range<usize>>,
    comment: usize,
    unclosed: Option<usize>,
}

fn scan(line: &str) -> Scan {
    let mut inside = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => {
                return Scan {
                    inside,
                    comment: i,
                    unclosed: None,
                };
            }
            '"' | '\'' => {
                // A multi-line string's opening `"""` is not a mistake.
                if line[i..].starts_with("\"\"\"") || line[i..].starts_with("'''") {
                    inside.push(i..line.len());
                    return Scan {
                        inside,
                        comment: line.len(),
                        unclosed: None,
                    };
                }
                let mut end = None;
                while let Some((j, d)) = chars.next() {
                    if c == '"' && d == '\\' {
                        chars.next();
                    } else if d == c {
                        end = Some(j);
                        break;
                    }
                }
                match end {
                    Some(j) => inside.push(i..j + 1),
                    None if c == '"' => {
                        return Scan {
                            inside,
                            comment: line.len(),
                            unclosed: Some(i),
                        };
                    }
                    None => inside.push(i..line.len()),
                }
            }
            _ => {}
        }
    }
    Scan {
        inside,
        comment: line.len(),
        unclosed: None,
    }
}

/// `line` as it should have been typed: outside strings, full-width spaces, `＝`, digits
/// and quotes made half-width, thousands commas dropped, a non-ASCII key quoted.
fn fixed(line: &str) -> String {
    let mut out = String::new();
    let mut open: Option<char> = None;
    for (i, c) in line.char_indices() {
        if open.is_none() && c == '#' {
            out.push_str(&line[i..]);
            break;
        }
        if let Some(close) = open {
            if c == close || (close == '”' && c == '“') {
                out.push(if close == '\'' { c } else { '"' });
                open = None;
            } else {
                out.push(c);
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                out.push(c);
                open = Some(c);
            }
            '\u{3000}' => out.push(' '),
            '＝' => out.push('='),
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            _ => match closing_quote(c) {
                Some(close) => {
                    out.push('"');
                    open = Some(close);
                }
                None => out.push(c),
            },
        }
    }
    quote_key(&drop_commas(&out))
}

/// Thousands commas dropped from unquoted numbers (`2,300` → `2300`).
fn drop_commas(line: &str) -> String {
    let scan = scan(line);
    let mut out = String::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let outside = !scan.inside.iter().any(|r| r.contains(&i));
        let digit = |n: Option<&(usize, char)>| n.is_some_and(|&(_, d)| d.is_ascii_digit());
        let between_digits = k > 0 && digit(chars.get(k - 1)) && digit(chars.get(k + 1));
        if c == ',' && outside && between_digits && commas(line, i, &|_| true).is_some() {
            continue;
        }
        out.push(c);
    }
    out
}

/// A line's first key quoted when it is not a bare ASCII key (`予算 = 1` → `"予算" = 1`).
fn quote_key(line: &str) -> String {
    let Some(eq) = line.find('=') else {
        return line.into();
    };
    let key = line[..eq].trim();
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
    if key.is_empty() || key.contains('"') || key.contains('\'') || key.chars().all(bare) {
        return line.into();
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    format!("{indent}\"{key}\" {}", &line[eq..])
}

/// The message: what is wrong and what to type instead.
fn words(found: &Found, fixed: &str) -> (String, String) {
    let (ja, en) = match found {
        Found::LineBreakInString => {
            return (
                format!(
                    "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。1行に書いて \" で閉じるか、改行を含む文は前後を \"\"\" で囲んでください：{fixed}"
                ),
                format!(
                    "the text opened with \" is not closed on its line (no line break inside \"…\"); write it on one line and close it with \", or enclose text with line breaks in triple quotes: {fixed}"
                ),
            );
        }
        Found::FullWidthSpace => (
            "全角スペース「　」があります。半角スペースにするか、消してください".to_string(),
            "a full-width space (U+3000) here; type a half-width space or delete it".to_string(),
        ),
        Found::FullWidthEquals => (
            "「＝」が全角です。半角の = にしてください".into(),
            "the ＝ is full-width; type a half-width =".into(),
        ),
        Found::FullWidthQuotes(c) => (
            format!("文字は半角の \" で囲みます（全角の {c} は使えません）"),
            format!("enclose text in half-width \" (not {c})"),
        ),
        Found::FullWidthDigits(w) => (
            format!("数字「{w}」が全角です。数値は半角で書いてください"),
            format!("the digits {w} are full-width; type numbers with half-width digits"),
        ),
        Found::UnquotedKey(k) => (
            format!("キー「{k}」は英数字ではないので、\" で囲んでください"),
            format!("the key {k} is not ASCII letters and digits; enclose it in \""),
        ),
        Found::CommasInNumber(w) => (
            format!(
                "数値「{w}」にカンマがあります。カンマを消してください（金額や指標の値は印字どおり \"{w}\" と \" で囲んでも書けます）"
            ),
            format!(
                "the number {w} has commas; drop them (an amount or a KPI value may also be written as printed, in quotes: \"{w}\")"
            ),
        ),
    };
    (
        format!("{ja}。次のように書きます：{fixed}"),
        format!("{en}; type: {fixed}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Mistake {
        explain(text, text.find(needle).unwrap()).expect("recognised")
    }

    #[test]
    fn each_mistake_is_named_with_the_line_to_type() {
        let m = at("title = \"a\"\nbudget = ５０００\n", "５");
        assert!(
            m.ja.contains("全角") && m.ja.ends_with("budget = 5000"),
            "{}",
            m.ja
        );
        assert_eq!(m.span, 21..33);
        let m = at("budget\u{3000}= 5000\n", "\u{3000}");
        assert!(m.en.ends_with("type: budget = 5000"), "{}", m.en);
        let m = at("title ＝ \"a\"", "＝");
        assert!(m.ja.ends_with("title = \"a\""), "{}", m.ja);
        let m = at("title = 「保育所」", "「");
        assert!(m.ja.ends_with("title = \"保育所\""), "{}", m.ja);
        let m = at("title = “保育所”", "“");
        assert!(m.en.ends_with("title = \"保育所\""), "{}", m.en);
        let m = at("予算 = 5000", "予");
        assert!(m.ja.ends_with("\"予算\" = 5000"), "{}", m.ja);
        let m = at("budget = 2,300", ",");
        assert!(m.ja.ends_with("budget = 2300"), "{}", m.ja);
        assert_eq!(m.span, 9..14);
        let m = at("title = \"待機児童の\n解消\"", "\n");
        assert!(m.ja.contains("\"\"\""), "{}", m.ja);
        assert_eq!(m.span, 8..9);
    }

    #[test]
    fn a_key_in_an_inline_table_or_header_is_quoted_in_place() {
        let m = at("actual = { 令和元年度 = 30 }", "令");
        assert!(
            m.ja.ends_with("actual = { \"令和元年度\" = 30 }"),
            "{}",
            m.ja
        );
        let m = at("[years.令和元年度]", "令");
        assert!(m.en.ends_with("type: [years.\"令和元年度\"]"), "{}", m.en);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_points_inside_the_text(
            text in "[a-z =\"',\\[\\]{}\n\r0-9０-９　＝“”「」あ令]{0,30}",
            at in 0usize..40,
        ) {
            if let Some(m) = explain(&text, at) {
                proptest::prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            }
        }
    }

    #[test]
    fn other_errors_are_left_to_the_parser() {
        assert_eq!(explain("title = \"a\" b", 12), None);
        assert_eq!(explain("a = [1, 2", 9), None);
        assert_eq!(explain("a = \"\"\"x", 4), None);
        assert_eq!(explain("", 0), None);
        assert_eq!(explain("a = [1, 2 # 全角　５", 9), None);
    }
}
