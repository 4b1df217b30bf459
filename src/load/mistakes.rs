//! The TOML typing mistakes planning staff make most (a Japanese input method left on, a
//! figure copied from a sheet), recognised from the line where the parser stopped, so
//! that each gets one message in plain words saying what to type instead.
//!
//! [`find`] tries one recogniser per kind of mistake, in order; [`example`] is the line
//! as it should have been typed and [`words`] the message around it. A mistake none
//! recognises keeps the parser's message, said in plain words where it can be
//! ([`parser_message`]).

use std::ops::Range;

/// A recognised mistake: where it is (byte offsets in the parsed text), the field it is
/// in (`years.R01.budget`, as far as the line says) and what to say.
#[derive(Debug, PartialEq, Eq)]
pub struct Mistake {
    pub span: Range<usize>,
    pub field: Option<String>,
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
    let line = Line::around(text, at);
    let (found, span) = find(text, &line, at - line.start)?;
    let example = example(&found, text, &line, &span);
    let (ja, en) = words(&found, &example);
    let place = Line::around(text, span.start);
    Some(Mistake {
        field: field_at(text, &place),
        span,
        ja,
        en,
    })
}

/// The parser's own message `msg`, for a mistake [`explain`] does not recognise, in plain
/// words where it is a common one; `span` is where the parser points in `text`.
pub fn parser_message(msg: &str, text: &str, span: Range<usize>) -> (String, String) {
    let mut at = span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line = Line::around(text, at).code().trim();
    let written = text.get(span).unwrap_or("").trim();
    if !msg.starts_with("duplicate key") {
        return (
            format!(
                "TOML の書き方に誤りがあります（{msg}）。この行と前の行の \" [ ] {{ }} , = が対になっているか確かめてください"
            ),
            format!(
                "invalid TOML ({msg}); check that the \" [ ] {{ }} , = on this line and the line before are in pairs"
            ),
        );
    }
    if line.starts_with('[') {
        (
            format!("表 {line} が二度書かれています。一つの {line} の下にまとめてください"),
            format!("the table {line} is written twice; put its lines under one {line}"),
        )
    } else if written.is_empty() {
        (
            "同じ名前が同じ表の中に二度書かれています。一つにしてください".into(),
            "a name is written twice in the same table; keep one".into(),
        )
    } else {
        (
            format!(
                "「{written}」が同じ表の中に二度書かれています。一つにしてください（残す方の値だけを書きます）"
            ),
            format!(
                "{written} is written twice in the same table; keep one (write only the value to keep)"
            ),
        )
    }
}

#[derive(Debug, PartialEq)]
enum Found {
    /// A `"` string not closed on its line: a whole value, or one inside `[ ]` or `{ }`.
    LineBreakInString {
        in_brackets: bool,
    },
    FullWidthSpace,
    FullWidthEquals,
    /// A value between “ ”, 「 」, 『 』 or ＂.
    FullWidthQuotes(char),
    FullWidthDigits(String),
    /// A `，` between elements.
    FullWidthComma,
    /// A year written in Japanese as a key, unquoted (`令和元年度 = 30`).
    UnquotedYear(String),
    /// A Japanese word where a field name goes (`施策 = "…"`).
    NotAFieldName(String),
    /// Text where a value goes, unquoted (`title = 保育所`).
    UnquotedText(String),
    /// Text closed by a `"` it never opened (`title = 創業支援事業"`): the parser sees a
    /// string opened at that quote, not the one missing before the text.
    MissingOpeningQuote(String),
    /// A number written with thousands commas, unquoted.
    CommasInNumber(String),
    /// Two elements of an array on two lines without a comma between them.
    MissingComma,
    /// Two values inside one line's `[ ]` or `{ }` without a comma between them
    /// (`{ R04 = 15 R05 = 16 }`).
    MissingCommaInline(char),
    /// A `[` or `{` never closed: the statement ends (a new key, a table, the end) with it
    /// open. The span is where the closing mark goes.
    Unclosed(char),
}

/// One line of the text: where it starts, its text (no line break), and its strings.
struct Line<'a> {
    start: usize,
    text: &'a str,
    scan: Scan,
}

impl<'a> Line<'a> {
    fn around(text: &'a str, at: usize) -> Line<'a> {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[start..end].trim_end_matches('\r');
        Line {
            start,
            text: line,
            scan: scan(line),
        }
    }

    /// The line before this one, if any.
    fn previous(&self, text: &'a str) -> Option<Line<'a>> {
        (self.start > 0).then(|| Line::around(text, self.start - 1))
    }

    /// Whether byte `i` of the line is outside strings and the comment.
    fn outside(&self, i: usize) -> bool {
        i < self.scan.comment && !self.scan.inside.iter().any(|r| r.contains(&i))
    }

    /// The line without its comment and trailing spaces.
    fn code(&self) -> &'a str {
        self.text[..self.scan.comment].trim_end()
    }

    /// The first character outside strings for which `want` holds, as a span.
    fn first(&self, want: impl Fn(char) -> bool) -> Option<Range<usize>> {
        (self.text.char_indices())
            .find(|&(i, c)| self.outside(i) && want(c))
            .map(|(i, c)| i..i + c.len_utf8())
    }

    fn abs(&self, r: Range<usize>) -> Range<usize> {
        self.start + r.start..self.start + r.end
    }
}

/// What is wrong at byte `at` of `line`, and the span (in the text) to point at. Mistakes
/// outside strings anywhere on the line count, since the parser may stop a little after
/// the first one.
fn find(text: &str, line: &Line, at: usize) -> Option<(Found, Range<usize>)> {
    if let Some(open) = line.scan.unclosed {
        if let Some((f, span)) = missing_opening(line, open) {
            return Some((f, line.abs(span)));
        }
        let in_brackets = depth_at(line, open).is_some() || !starts_with_key(line);
        return Some((
            Found::LineBreakInString { in_brackets },
            line.abs(open..open + 1),
        ));
    }
    // A table header read as a value: a list above it was left open.
    let code = line.code().trim();
    let header = code.starts_with('[') && code.ends_with(']') && !code.contains(['=', '"']);
    if let Some(found) = header.then(|| unclosed(text, line, 0)).flatten() {
        return Some(found);
    }
    let found = full_width(line)
        .or_else(|| inline_comma(line, at))
        .or_else(|| bare_word(line, at))
        .or_else(|| commas(line, at));
    if let Some((f, span)) = found {
        return Some((f, line.abs(span)));
    }
    missing_comma(text, line).or_else(|| unclosed(text, line, at))
}

/// `{ R04 = 15 R05 = 16 }` or `["a" "b"]`: two values inside one line's brackets with no
/// comma between. The parser stops at the first (a number running into the next key) or at
/// the second (after a string); the span is where the comma goes.
fn inline_comma(line: &Line, at: usize) -> Option<(Found, Range<usize>)> {
    if at > line.code().len() {
        return None;
    }
    let open = depth_at(line, at)?;
    // At a number followed by more before the next comma: the comma goes after it.
    let value = value_at(line, at);
    let run = &line.text[value.clone()];
    if let Some(end) = run.find(char::is_whitespace) {
        let first = &run[..end];
        let number = first
            .chars()
            .all(|c| c.is_ascii_digit() || ".-+_".contains(c))
            || first == "true"
            || first == "false";
        let rest = run[end..].trim_start();
        if number && !rest.is_empty() && (open == '[' || rest.contains('=')) {
            let comma = value.start + end;
            return Some((Found::MissingCommaInline(open), comma..comma));
        }
    }
    // At a value right after a string closed on the line.
    let before = line.text[..at].trim_end();
    let closes_string = line.scan.inside.iter().any(|r| r.end == before.len());
    (closes_string && before.len() < at)
        .then_some((Found::MissingCommaInline(open), before.len()..before.len()))
}

/// A `[` or `{` left open when the parser stopped at the start of the next statement (a
/// key, a table header) or at the end of the text: the span is the end of the last line
/// of code before, where the closing mark goes.
fn unclosed(text: &str, line: &Line, at: usize) -> Option<(Found, Range<usize>)> {
    let code = line.code();
    let lead = code.len() - code.trim_start().len();
    let last = if at >= code.trim_end().len() && !code.trim().is_empty() {
        // Stopped at the end of this line's code (the end of the text).
        Line::around(text, line.start)
    } else if at <= lead {
        let mut before = line.previous(text)?;
        while before.code().trim().is_empty() {
            before = before.previous(text)?;
        }
        before
    } else {
        return None;
    };
    let open = open_at_end(text, &last)?;
    let end = last.code().trim_end().len();
    Some((Found::Unclosed(open), last.abs(end..end)))
}

/// The innermost `[` or `{` still open at the end of `last`, counting from the line its
/// statement starts on (`key = [` may open an array that spans lines).
fn open_at_end(text: &str, last: &Line) -> Option<char> {
    let mut lines = vec![Line::around(text, last.start)];
    while !starts_with_key(&lines[lines.len() - 1]) {
        let l = lines[lines.len() - 1].previous(text)?;
        // A table header above: the statement started there, with nothing open.
        let code = l.code().trim();
        if code.starts_with('[') && code.ends_with(']') && !code.contains('=') {
            return None;
        }
        lines.push(l);
    }
    let mut open = Vec::new();
    for l in lines.iter().rev() {
        brackets_open(l, l.code().len(), &mut open);
    }
    open.last().copied()
}

/// `key = text"`: a value of words ending in the line's one quote, with nothing but a
/// comment after it; the span is the text, where the missing quote goes.
fn missing_opening(line: &Line, quote: usize) -> Option<(Found, Range<usize>)> {
    let after = line.text[quote + 1..].trim_start();
    if !(after.is_empty() || after.starts_with('#')) || !starts_with_key(line) {
        return None;
    }
    let eq = line.first(|c| c == '=')?.start;
    let value = &line.text[eq + 1..quote];
    let word = value.trim();
    if word.is_empty() || word.contains(['"', '[', '{']) {
        return None;
    }
    let start = eq + 1 + (value.len() - value.trim_start().len());
    Some((Found::MissingOpeningQuote(word.into()), start..quote))
}

/// A full-width space, `＝`, quote or number, outside strings.
fn full_width(line: &Line) -> Option<(Found, Range<usize>)> {
    if let Some(s) = line.first(|c| c == '\u{3000}') {
        return Some((Found::FullWidthSpace, s));
    }
    if let Some(s) = line.first(|c| c == '＝') {
        return Some((Found::FullWidthEquals, s));
    }
    if let Some(s) = line.first(|c| closing_quote(c).is_some()) {
        let c = line.text[s.clone()].chars().next()?;
        return Some((Found::FullWidthQuotes(c), s));
    }
    if let Some(s) = line.first(|c| ('０'..='９').contains(&c)) {
        let token = token_at(line.text, s.start);
        let word = &line.text[token.clone()];
        // A word with other letters in it is text or a key, not a number.
        let numeric =
            |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "．.－-，".contains(c);
        if word.chars().all(numeric) {
            return Some((Found::FullWidthDigits(word.into()), token));
        }
    }
    let s = line.first(|c| c == '，')?;
    Some((Found::FullWidthComma, s))
}

/// A word that is neither a bare key nor a TOML value: a Japanese key, or text that
/// needs quotes.
fn bare_word(line: &Line, at: usize) -> Option<(Found, Range<usize>)> {
    let token = token_at(line.text, at.min(line.text.len()));
    if token.is_empty() || !line.outside(token.start) {
        return None;
    }
    // A value starts after `=` (or `[` or `,` in an array); `83.3%` is one value.
    let start = line.text[..token.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c == '.' || c.is_ascii_digit())
        .last()
        .map_or(token.start, |(i, _)| i);
    let before = line.text[..start].trim_end();
    let in_array = depth_at(line, start) == Some('[');
    let a_value =
        before.ends_with('=') || in_array && (before.ends_with('[') || before.ends_with(','));
    if a_value {
        let value = value_at(line, start);
        let word = &line.text[value.clone()];
        // `key = value` inside a list is a bracket mistake, not text to quote.
        let literal = ["true", "false", "inf", "nan"].contains(&word) || word.contains('=');
        let text = !word.is_ascii()
            || word.ends_with('%')
            // `R02`, `H27`, `abc`: letters make it text (a TOML number here would have parsed).
            || word.chars().any(|c| c.is_ascii_alphabetic())
            // `-` for "none", as sheets print it: an amount takes it in quotes.
            || word == "-";
        return (!literal && text).then(|| (Found::UnquotedText(word.into()), value));
    }
    let word = &line.text[token.clone()];
    let key_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if !is_key(line, &token) || word.chars().all(key_char) {
        return None;
    }
    let found = if year_like(word) {
        Found::UnquotedYear(word.into())
    } else {
        Found::NotAFieldName(word.into())
    };
    Some((found, token))
}

/// The words sheets print for kensho's own keys, as staff may type them left of `=`: the
/// key to write instead and where it stands. A form's keys are the site's own and are not
/// here; a word not here gets the general message.
const SHEET_WORDS: &[(&[&str], &str, (&str, &str))] = &[
    (
        &["決算額", "決算", "決算見込額", "決算見込み額"],
        "settlement",
        (
            "事業の [years.<年度>] の中",
            "in a program's [years.<year>]",
        ),
    ),
    (
        &["予算額", "予算", "当初予算額", "当初予算", "予算現額"],
        "budget",
        (
            "事業の [years.<年度>] の中",
            "in a program's [years.<year>]",
        ),
    ),
    (
        &["事業名", "施策名", "名称", "題名", "表題"],
        "title",
        ("ページの名前", "the page's name"),
    ),
    (
        &["番号", "事業番号", "施策番号", "コード"],
        "code",
        ("シートの番号", "the sheet's number"),
    ),
    (
        &["担当課", "所管課", "担当部署", "所管部署", "担当部局"],
        "departments",
        ("担当の課の並び", "a list of the departments"),
    ),
    (
        &["進捗状況", "状況", "実施状況"],
        "status",
        (
            "事業の [years.<年度>] の中",
            "in a program's [years.<year>]",
        ),
    ),
    (
        &["今後の方向性", "方向性"],
        "direction",
        ("[years.<年度>] の中", "in a [years.<year>]"),
    ),
    (
        &["指標名", "成果指標名"],
        "name",
        ("[[kpis]] の中", "in a [[kpis]]"),
    ),
    (
        &["目標値", "目標"],
        "target",
        ("[[kpis]] の中", "in a [[kpis]]"),
    ),
    (
        &["実績値", "実績"],
        "actual",
        ("[[kpis]] の中", "in a [[kpis]]"),
    ),
    (&["単位"], "unit", ("[[kpis]] の中", "in a [[kpis]]")),
    (&["下書き"], "draft", ("true か false", "true or false")),
];

/// The key `word` (a word a sheet prints) is written as, with where it stands.
fn sheet_word(word: &str) -> Option<(&'static str, (&'static str, &'static str))> {
    let word = word.trim_matches('"');
    SHEET_WORDS
        .iter()
        .find(|(words, ..)| words.contains(&word))
        .map(|&(_, key, at)| (key, at))
}

/// Whether a key looks like a fiscal year (`令和元年度`, `R1年度`, `2019年`): the one kind
/// of key content writes in Japanese.
fn year_like(key: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    key.contains('年')
        || ["令和", "平成", "昭和"].iter().any(|e| key.starts_with(e))
        || key.chars().next().is_some_and(digit)
}

/// A number with thousands commas around `at` (`2,300`), outside strings.
fn commas(line: &Line, at: usize) -> Option<(Found, Range<usize>)> {
    let span = comma_number(line.text, at)?;
    line.outside(span.start)
        .then(|| (Found::CommasInNumber(line.text[span.clone()].into()), span))
}

/// The span of a number written with thousands commas around byte `at` of `line`.
fn comma_number(line: &str, at: usize) -> Option<Range<usize>> {
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
    // In `{ H27 = 3,000, H28 = 5 }` the comma after the number separates the entries.
    let end = start + line[start..end].trim_end_matches(',').len();
    let groups: Vec<&str> = line[start..end].split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    (grouped && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))).then_some(start..end)
}

/// An array element at the start of `line` whose previous element (the line before)
/// ends without a comma: points just after that element.
fn missing_comma(text: &str, line: &Line) -> Option<(Found, Range<usize>)> {
    let first = line.text.trim_start().chars().next()?;
    if !(first == '"' || first == '\'' || first == '{' || first.is_ascii_digit()) {
        return None;
    }
    let mut before = line.previous(text)?;
    while before.code().trim_start().is_empty() {
        before = before.previous(text)?;
    }
    let code = before.code();
    let last = code.chars().last()?;
    let ends_element = last == '"' || last == '\'' || last == '}' || last.is_ascii_digit();
    // The element before stands alone on its line, or in an array opened on it.
    let in_array = !code.contains('=') || depth_at(&before, code.len()) == Some('[');
    (ends_element && in_array).then(|| (Found::MissingComma, before.abs(code.len()..code.len())))
}

/// The innermost `[` or `{` open at byte `at` of the line (outside strings), if any; a
/// table header's brackets do not count.
fn depth_at(line: &Line, at: usize) -> Option<char> {
    let mut open = Vec::new();
    brackets_open(line, at, &mut open);
    open.last().copied()
}

/// The `[` and `{` the line opens before byte `end` (outside strings) pushed on `open`,
/// and popped by the `]` and `}` that close them.
fn brackets_open(line: &Line, end: usize, open: &mut Vec<char>) {
    for (i, c) in line.text[..end].char_indices() {
        if !line.outside(i) {
            continue;
        }
        match c {
            '[' | '{' => open.push(c),
            ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
}

/// Whether the line starts with `key =` (not a continuation of an array).
fn starts_with_key(line: &Line) -> bool {
    line.first(|c| c == '=')
        .is_some_and(|eq| !line.text[..eq.start].contains(['[', '{', '"', ',']))
}

/// Whether `token` of the line stands where a key does: before an `=`, in a `[table]`
/// header, or after `{` or `,` in an inline table.
fn is_key(line: &Line, token: &Range<usize>) -> bool {
    let after = line.text[token.end..].trim_start();
    let before = line.text[..token.start].trim_end();
    if after.starts_with('=') || after.starts_with('.') || before.ends_with('.') {
        return true;
    }
    match depth_at(line, token.start) {
        Some('{') => before.ends_with('{') || before.ends_with(','),
        Some(_) => line.text.trim_start().starts_with('[') && !before.contains('='),
        None => before.is_empty() && !after.starts_with(','),
    }
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

/// An unquoted value starting at byte `start`: to the end of the line's code, or inside
/// `[ ]` or `{ }` to the next `,` or closing bracket.
fn value_at(line: &Line, start: usize) -> Range<usize> {
    let code = line.code();
    let end = match depth_at(line, start) {
        Some(_) => code[start..]
            .find([',', ']', '}'])
            .map_or(code.len(), |i| start + i),
        None => code.len(),
    };
    start..start + code[start..end].trim_end().len()
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
    let done = |inside, comment, unclosed| Scan {
        inside,
        comment,
        unclosed,
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => return done(inside, i, None),
            '"' | '\'' => {
                // A multi-line string's opening `"""` is not a mistake.
                if line[i..].starts_with("\"\"\"") || line[i..].starts_with("'''") {
                    inside.push(i..line.len());
                    return done(inside, line.len(), None);
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
                    None if c == '"' => return done(inside, line.len(), Some(i)),
                    None => inside.push(i..line.len()),
                }
            }
            _ => {}
        }
    }
    done(inside, line.len(), None)
}

/// What to type instead: the line as it should have been typed (its comment left out).
fn example(found: &Found, text: &str, line: &Line, span: &Range<usize>) -> String {
    let code = line.code();
    match found {
        // A short text broken by mistake is shown on one line; a long one, in .
        Found::LineBreakInString { in_brackets } => {
            match (joined(text, line), code.split_once('=')) {
                (Some(one_line), _) => one_line,
                (None, Some((key, _))) if !in_brackets => format!("{} = \"\"\"…\"\"\"", key.trim()),
                (None, _) => "\"…\"".into(),
            }
        }
        Found::MissingComma => {
            let before = Line::around(text, span.start);
            format!("{},", before.code().trim_start())
        }
        Found::MissingCommaInline(_) => {
            let at = span.start - line.start;
            fixed(&format!("{},{}", &code[..at], &code[at..]))
        }
        Found::Unclosed(open) => {
            let last = Line::around(text, span.start);
            let close = if *open == '{' { " }" } else { "]" };
            format!("{}{close}", last.code().trim().trim_end_matches(','))
        }
        // A word sheets print for one of kensho's keys: the line with that key.
        Found::NotAFieldName(k) => match sheet_word(k) {
            Some((key, _)) => {
                let at = span.end - line.start;
                format!("{key}{}", &code[at..]).trim_end().to_string()
            }
            None => String::new(),
        },
        Found::MissingOpeningQuote(_) => {
            let at = span.start - line.start;
            format!("{}\"{}", &code[..at], &code[at..])
                .trim_end()
                .to_string()
        }
        Found::UnquotedYear(_) | Found::UnquotedText(_) => {
            let local = span.start - line.start..span.end - line.start;
            let quoted = format!(
                "{}\"{}\"{}",
                &code[..local.start],
                &code[local.clone()],
                &code[local.end.min(code.len())..]
            );
            fixed(&quoted)
        }
        _ => fixed(code),
    }
}

/// The line and the next joined (the line break taken out), when the next closes the
/// string left open and the two make a short line.
fn joined(text: &str, line: &Line) -> Option<String> {
    let end = line.start + line.text.len();
    let next = text[end..].trim_start_matches(['\r', '\n']);
    let next = next.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let whole = format!("{}{}", line.text, next.trim_start());
    let closes = Line::around(&whole, 0);
    (closes.scan.unclosed.is_none() && whole.chars().count() <= 80 && next.contains('"'))
        .then(|| closes.code().trim_start().to_string())
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
            '，' => out.push(','),
            '．' => out.push('.'),
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
        if c == ',' && outside && between_digits && comma_number(line, i).is_some() {
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
    if key.is_empty() || key.contains(['"', '\'', '[', '{']) || key.chars().all(bare) {
        return line.into();
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    format!("{indent}\"{key}\" {}", &line[eq..])
}

/// The field a line is in: the table header above it, then the key the line starts with.
fn field_at(text: &str, line: &Line) -> Option<String> {
    let header = |l: &str| {
        let l = l.trim();
        (l.starts_with('[') && l.ends_with(']'))
            .then(|| l.trim_matches(['[', ']']).trim().to_string())
    };
    if let Some(h) = header(line.code()) {
        return Some(h);
    }
    let key_of = |l: &Line<'_>| {
        l.first(|c| c == '=' || c == '＝')
            .map(|eq| l.text[..eq.start].trim().to_string())
            .filter(|k| !k.is_empty() && !k.contains(['[', '{', ',', '"']))
    };
    // A line inside an array that spans lines is in the key that opened it.
    let mut key = key_of(line);
    let mut above = line.previous(text);
    let mut table = None;
    while let Some(l) = above {
        if let Some(h) = header(l.code()) {
            table = Some(h);
            break;
        }
        key = key.or_else(|| key_of(&l));
        above = l.previous(text);
    }
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (t, k) => t.or(k),
    }
}

/// A bracket's name in a message: `[ ]` is a list, `{ }` values by name.
fn brackets(open: char) -> (&'static str, &'static str) {
    if open == '{' {
        ("{ }", "the { }")
    } else {
        ("並び [ ]", "the list [ ]")
    }
}

/// The message: what is wrong and what to type instead.
fn words(found: &Found, example: &str) -> (String, String) {
    let (ja, en) = match found {
        Found::LineBreakInString { in_brackets: false } => {
            return (
                format!(
                    "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。1行に書いて \" で閉じるか、改行を含む文は前後を \"\"\" で囲んでください：{example}"
                ),
                format!(
                    "the text opened with \" is not closed on its line (no line break inside \"…\"); write it on one line and close it with \", or enclose text with line breaks in triple quotes: {example}"
                ),
            );
        }
        Found::LineBreakInString { in_brackets: true } => (
            "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。[ ] や { } の中の文字も1行に書いて \" で閉じてください".to_string(),
            "the text opened with \" is not closed on its line (no line break inside \"…\"); inside [ ] or { } too, write it on one line and close it with \"".to_string(),
        ),
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
        Found::FullWidthComma => (
            "「，」が全角です。半角の , にしてください".into(),
            "the ， is full-width; type a half-width ,".into(),
        ),
        Found::UnquotedYear(k) => (
            format!("キー「{k}」は英数字ではないので、\" で囲んでください"),
            format!("the key {k} is not ASCII letters and digits; enclose it in \""),
        ),
        Found::NotAFieldName(k) if sheet_word(k).is_some() => {
            let (key, (ja, en)) = sheet_word(k).unwrap_or_default();
            return (
                format!(
                    "「{k}」は項目名（= の左）に使えません。{k}は半角英字で {key} と書きます（{ja}）：{example}。使える項目は docs/content-format.ja.md にあります。kensho docs で開けます"
                ),
                format!(
                    "\"{k}\" cannot be a field name (left of =); {k} is written {key} ({en}): {example} (the fields are listed in docs/content-format.md, among the guides kensho docs opens)"
                ),
            );
        }
        Found::NotAFieldName(k) => {
            return (
                format!(
                    "「{k}」は項目名（= の左）に使えません。項目名は title、code、budget のような半角英字です（使える項目は docs/content-format.ja.md にあります。kensho docs で開けます）。日本語で書けるキーは年度だけで、\"令和元年度\" のように \" で囲みます"
                ),
                format!(
                    "\"{k}\" cannot be a field name (left of =); field names are ASCII words such as title, code, budget (listed in docs/content-format.md, among the guides kensho docs opens); the only key written in Japanese is a year, in quotes: \"令和元年度\""
                ),
            );
        }
        Found::MissingOpeningQuote(w) => (
            format!("文字「{w}」の前に \" がありません。文字は前後を \" で囲んでください"),
            format!("the text {w} has no opening \"; enclose text in \" on both sides"),
        ),
        Found::UnquotedText(w) => (
            format!("文字「{w}」が \" で囲まれていません。文字は \" で囲んでください"),
            format!("the text {w} is not in quotes; enclose text in \""),
        ),
        Found::CommasInNumber(w) => (
            format!(
                "数値「{w}」にカンマがあります。カンマを消してください（金額や指標の値は印字どおり \"{w}\" と \" で囲んでも書けます）"
            ),
            format!(
                "the number {w} has commas; drop them (an amount or a KPI value may also be written as printed, in quotes: \"{w}\")"
            ),
        ),
        Found::MissingComma => (
            "並び [ ] の値の間にカンマ , がありません。前の値の後ろに , を書いてください".into(),
            "a comma is missing between two elements of an array [ ]; type a comma after the element before".into(),
        ),
        Found::MissingCommaInline(open) => {
            let (ja, en) = brackets(*open);
            (
                format!("{ja} の中の値と値の間にカンマ , がありません。前の値の後ろに , を書いてください"),
                format!("a comma is missing between two values inside {en}; type a comma after the value before"),
            )
        }
        Found::Unclosed(open) => {
            let (ja, en) = brackets(*open);
            let close = if *open == '{' { '}' } else { ']' };
            (
                format!("{ja} を閉じる {close} がありません。最後の値の後ろに {close} を書いてください"),
                format!("{en} is not closed; type {close} after its last value"),
            )
        }
    };
    (
        format!("{ja}。次のように書きます：{example}"),
        format!("{en}; type: {example}"),
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
        let m = at("令和元年度 = 5000", "令");
        assert!(m.ja.ends_with("\"令和元年度\" = 5000"), "{}", m.ja);
        let m = at("予算 = 5000", "予");
        assert!(
            m.ja.starts_with("「予算」は項目名（= の左）に使えません"),
            "{}",
            m.ja
        );
        let m = at("actual = { R01 = 83.3% }", "3%");
        assert!(m.ja.ends_with("actual = { R01 = \"83.3%\" }"), "{}", m.ja);
        let m = at("title = 保育所 # 施設", "保");
        assert!(m.en.ends_with("type: title = \"保育所\""), "{}", m.en);
        let m = at("names = [\"a\", 保育所]", "保");
        assert!(
            m.en.ends_with("type: names = [\"a\", \"保育所\"]"),
            "{}",
            m.en
        );
        let m = at("actual = { H27 = 3,000, H28 = 5 }", "0, H28");
        assert!(
            m.en.ends_with("type: actual = { H27 = 3000, H28 = 5 }"),
            "{}",
            m.en
        );
        let m = at("settlement = -", "-");
        assert!(m.en.ends_with("type: settlement = \"-\""), "{}", m.en);
        let m = at("budget = 2,300", ",");
        assert!(m.ja.ends_with("budget = 2300"), "{}", m.ja);
        assert_eq!(m.span, 9..14);
        let m = at("title = 創業支援事業\"\n", "\"");
        assert!(
            m.ja.starts_with("文字「創業支援事業」の前に \" がありません")
                && m.ja.ends_with("title = \"創業支援事業\""),
            "{}",
            m.ja
        );
        assert_eq!(m.span, 8..8 + "創業支援事業".len());
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

    #[test]
    fn the_field_is_the_table_above_and_the_key_of_the_line_or_array() {
        let text = "[years.R01]\nbudget = ５\n";
        assert_eq!(at(text, "５").field.as_deref(), Some("years.R01.budget"));
        let text = "programs = [\n  \"a\"\n  \"b\",\n]\n";
        let m = at(text, "  \"b");
        assert_eq!(m.field.as_deref(), Some("programs"));
        assert_eq!(m.span, 18..18, "just after \"a\"");
        assert!(m.en.ends_with("type: \"a\","), "{}", m.en);
    }

    #[test]
    fn a_line_break_in_brackets_is_shown_joined_when_short() {
        let m = at("d = [\"こども\n課\"]\n", "\n");
        assert!(m.ja.ends_with("d = [\"こども課\"]"), "{}", m.ja);
        let long = format!("results = \"{}\n{}\"\n", "あ".repeat(50), "い".repeat(50));
        let m = at(&long, "\n");
        assert!(m.ja.ends_with("results = \"\"\"…\"\"\""), "{}", m.ja);
    }

    #[test]
    fn full_width_commas_and_words_with_digits() {
        let m = at("budget = ２，３００", "２");
        assert!(m.ja.ends_with("budget = 2300"), "{}", m.ja);
        let m = at("d = [\"a\"，\"b\"]", "，");
        assert!(m.ja.ends_with("d = [\"a\",\"b\"]"), "{}", m.ja);
        // Text with a full-width digit in it is text to quote as typed, not a number.
        let m = at("title = 第２期", "第");
        assert!(m.ja.ends_with("title = \"第２期\""), "{}", m.ja);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_points_inside_the_text(
            text in "[a-z =\"',.%#\\[\\]{}\n\r0-9０-９　＝，．“”「」あ令年]{0,40}",
            at in 0usize..40,
        ) {
            if let Some(m) = explain(&text, at) {
                proptest::prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            }
        }
    }

    /// The mistake at the parser's first error in `text`, as the loader finds it.
    fn parsed(text: &str) -> Mistake {
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        let at = (errors.iter())
            .filter_map(|e| e.span().map(|s| s.start))
            .min()
            .expect("a syntax error");
        explain(text, at).unwrap_or_else(|| panic!("not recognised at {at}: {text}"))
    }

    #[test]
    fn an_unclosed_bracket_is_said_where_it_should_close() {
        // Found at the next statement by the parser; said at the end of the line before.
        let text = "programs = [\"@/programs/a.md\"\n\n[evaluations.R06]\ngrade = \"B\"\n";
        let m = parsed(text);
        assert!(
            m.ja.starts_with("並び [ ] を閉じる ] がありません")
                && m.ja.ends_with("programs = [\"@/programs/a.md\"]"),
            "{}",
            m.ja
        );
        assert_eq!(m.span, 29..29);
        let text = "actual = { R03 = 14, R06 = 19\ntargets = { R03 = 13 }\n";
        let m = parsed(text);
        assert!(
            m.ja.ends_with("actual = { R03 = 14, R06 = 19 }"),
            "{}",
            m.ja
        );
        assert_eq!(m.field.as_deref(), Some("actual"));
        // At the end of the text, and in a list written over several lines.
        let m = parsed("a = [1, 2");
        assert!(m.en.ends_with("type: a = [1, 2]"), "{}", m.en);
        let m = parsed("programs = [\n  \"@/a.md\",\n  \"@/b.md\"\n[years.R06]\n");
        assert!(m.ja.ends_with("\"@/b.md\"]"), "{}", m.ja);
        assert_eq!(m.field.as_deref(), Some("programs"));
        // Its last line ending in a comma: the header below is read as a value of the list.
        let m = parsed("programs = [\n  \"@/a.md\",\n\n[years.R06]\nbudget = 1\n");
        assert!(m.ja.ends_with("：\"@/a.md\"]"), "{}", m.ja);
        assert_eq!(m.span, 24..24);
    }

    #[test]
    fn values_without_a_comma_between_or_quotes_inside_brackets() {
        let m = parsed("actual = { R03 = 14, R04 = 15 R05 = 16, R06 = 19 }\n");
        assert!(
            m.ja.starts_with("{ } の中の値と値の間にカンマ , がありません")
                && m.ja
                    .ends_with("actual = { R03 = 14, R04 = 15, R05 = 16, R06 = 19 }"),
            "{}",
            m.ja
        );
        let m = parsed("d = [\"a\" \"b\"]\n");
        assert!(m.en.ends_with("type: d = [\"a\", \"b\"]"), "{}", m.en);
        let m = parsed("baseline = { year = R02, value = 12 }\n");
        assert!(
            m.ja.ends_with("baseline = { year = \"R02\", value = 12 }"),
            "{}",
            m.ja
        );
    }

    #[test]
    fn other_errors_are_left_to_the_parser() {
        assert_eq!(explain("title = \"a\" b", 12), None);
        assert_eq!(explain("a = \"\"\"x", 4), None);
        assert_eq!(explain("", 0), None);
        // The full-width space in the comment is no mistake; the list left open is.
        let m = explain("a = [1, 2 # 全角　５", 9).expect("recognised");
        assert!(m.ja.ends_with("：a = [1, 2]"), "{}", m.ja);
    }
}
