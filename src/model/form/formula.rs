//! A row's formula (`formula = "a + b - c"`): a sum of other rows of the same table (or
//! of the table's named sums), each added or taken away; a row of another table of the
//! form is named with its table's key (`saishutsu.sojigyohi`: 三郷市's 市の実質負担額 =
//! 総事業費 of the 歳出 table − 特定財源 of the 歳入 table). Only rows, `+` and `-`: a
//! sheet's フルコスト or 計 is a sum, and a city reads the formula as it reads the sheet.
//! A sum may be multiplied by another, once (`seiki × tanka`: 新庄市's 人件費 = 正規職員 ×
//! 1人当たり単価; 池田市's 0.10人 × 8,400千円), and a printed rate's formula divides one
//! such sum by another (`full_cost / jueki`).

/// A parsed formula: its terms in the written order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    pub terms: Vec<Term>,
    /// After a `/` (a rate's): the sum the terms are divided by; empty for a sum.
    pub per: Vec<Term>,
    /// After a `×` (or `*`): the sum the terms are multiplied by; empty for a sum.
    pub times: Vec<Term>,
}

/// One row of a formula, added or taken away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub minus: bool,
    /// `table.row`: the key of the other table of the form the row is of; `None` for a
    /// row (or named sum) of the formula's own table.
    pub table: Option<String>,
    pub row: String,
    /// Its place in the formula's text (bytes), to point at a row that does not exist.
    pub at: std::ops::Range<usize>,
}

impl Term {
    /// Whether it names a row of table `own` (its own table's key).
    pub fn in_table(&self, own: &str) -> bool {
        self.table.as_deref().is_none_or(|t| t == own)
    }

    /// The key of the table its row is of, the formula's own table being `own`.
    pub fn table_of<'t>(&'t self, own: &'t str) -> &'t str {
        self.table.as_deref().unwrap_or(own)
    }
}

/// Why a formula cannot be read: (byte range in the text, Japanese, English).
pub type FormulaError = (std::ops::Range<usize>, String, String);

impl Formula {
    /// Read `text`: row keys (ASCII letters, digits, `_`; `table.row` for a row of
    /// another table) joined by `+` or `-`
    /// (full-width `＋` `－` and `−` read as the same), spaces anywhere between; at most one
    /// `×` (`*`) between two single keys or sums, and one `/` (`÷`) for a rate.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let (top, per) = match once(text, &['/', '／', '÷'], DIVIDE)? {
            None => (text, None),
            Some(at) => (&text[..at.start], Some(at.end)),
        };
        let (terms, times) = match once(top, &['×', '*', '＊'], TIMES)? {
            None => (sum(top, 0)?, Vec::new()),
            Some(at) => (
                factor(&top[..at.start], 0)?,
                factor(&top[at.end..], at.end)?,
            ),
        };
        Ok(Formula {
            terms,
            times,
            per: match per {
                None => Vec::new(),
                Some(after) => sum(&text[after..], after)?,
            },
        })
    }

    /// Whether it multiplies (a product's value is compared rounded as printed, as a
    /// rate's is: 0.35人 × 8,356 gives 2,924.6, printed 2,925).
    pub fn multiplies(&self) -> bool {
        !self.times.is_empty()
    }

    /// The rows of its own table it reads, in the written order (`own` is the table's
    /// key: `own.row` is its own row too).
    pub fn rows<'f>(&'f self, own: &'f str) -> impl Iterator<Item = &'f str> {
        (self.all_terms())
            .filter(move |t| t.in_table(own))
            .map(|t| t.row.as_str())
    }

    /// Every term: the first sum's, the factor's, then the divisor's.
    pub fn all_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().chain(&self.times).chain(&self.per)
    }

    /// Its value from each term's, `None` when a term has none (or the divisor is 0).
    pub fn compute(&self, value: impl Fn(&Term) -> Option<f64>) -> Option<f64> {
        let add = |terms: &[Term]| {
            terms.iter().try_fold(0.0, |sum, t| {
                let v = value(t)?;
                Some(if t.minus { sum - v } else { sum + v })
            })
        };
        let mut top = add(&self.terms)?;
        if !self.times.is_empty() {
            top *= add(&self.times)?;
        }
        if self.per.is_empty() {
            return Some(top);
        }
        let per = add(&self.per)?;
        (per != 0.0).then(|| top / per)
    }
}

/// What a second `/` or `×` is told: (Japanese, English).
type Twice = (&'static str, &'static str);
const DIVIDE: Twice = (
    "割り算（/）は一つだけ書けます（例: full_cost / jueki）",
    "only one division (/) may be written (e.g. full_cost / jueki)",
);
const TIMES: Twice = (
    "掛け算（×）は一つだけ書けます（例: seiki × tanka）",
    "only one multiplication (×) may be written (e.g. seiki × tanka)",
);

/// The place of the one operator of `ops` in `text`, if any; a second is an error.
fn once(
    text: &str,
    ops: &[char],
    (ja, en): Twice,
) -> Result<Option<std::ops::Range<usize>>, FormulaError> {
    let mut found = text.char_indices().filter(|(_, c)| ops.contains(c));
    let Some((at, c)) = found.next() else {
        return Ok(None);
    };
    if let Some((again, c2)) = found.next() {
        return Err((again..again + c2.len_utf8(), ja.to_string(), en.to_string()));
    }
    Ok(Some(at..at + c.len_utf8()))
}

/// One side of a `×`: one row (or named sum), never a sum written out, so that
/// `a + b × c` is not read either way; a sum to multiply is named in `sums`.
fn factor(text: &str, offset: usize) -> Result<Vec<Term>, FormulaError> {
    let terms = sum(text, offset)?;
    match terms.as_slice() {
        [t] if !t.minus => Ok(terms),
        _ => Err((
            offset..offset + text.len(),
            "掛け算（×）の両側には行の key を一つずつ書きます。足し合わせたものを掛けるときは、表の sums でその合計に名前を付けて書いてください（例: sums = { shokuin = [\"seiki\", \"shokutaku\"] }、shokuin × tanka）".to_string(),
            "each side of a multiplication (×) is one row key; to multiply a sum, name it in the table's sums and write that name (e.g. sums = { shokuin = [\"seiki\", \"shokutaku\"] }, shokuin × tanka)".to_string(),
        )),
    }
}

/// Read a sum of rows, `text` standing at byte `offset` of the formula.
fn sum(text: &str, offset: usize) -> Result<Vec<Term>, FormulaError> {
    let shift = |(r, ja, en): FormulaError| (r.start + offset..r.end + offset, ja, en);
    sum_at(text).map_err(shift).map(|terms| {
        (terms.into_iter())
            .map(|t| Term {
                at: t.at.start + offset..t.at.end + offset,
                ..t
            })
            .collect()
    })
}

fn sum_at(text: &str) -> Result<Vec<Term>, FormulaError> {
    let mut terms = Vec::new();
    let mut minus = false;
    let mut expect_row = true;
    let mut signed = false;
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let sign = match c {
            '+' | '＋' => Some(false),
            '-' | '－' | '−' => Some(true),
            _ => None,
        };
        if let Some(m) = sign {
            chars.next();
            // Only a leading minus may stand before the first row.
            let leading = terms.is_empty() && !signed && m;
            if expect_row && !leading {
                return Err(sign_twice(i, c));
            }
            minus = m;
            signed = true;
            expect_row = true;
            continue;
        }
        if !is_key_char(c) {
            return Err((
                i..i + c.len_utf8(),
                format!(
                    "「{c}」は計算式に使えません。行の key を + か - でつなぎ、掛け算は ×、割り算は / で書いてください（例: jinkenhi + jigyohi、seiki × tanka）"
                ),
                format!(
                    "\"{c}\" cannot be in a formula: join row keys with + or -, multiply with × and divide with / (e.g. jinkenhi + jigyohi, seiki × tanka)"
                ),
            ));
        }
        if !expect_row {
            return Err((
                i..i + c.len_utf8(),
                "行の key と key の間に + か - がありません".to_string(),
                "a + or - is missing between two row keys".to_string(),
            ));
        }
        let start = i;
        let mut end = i;
        while let Some(&(j, c)) = chars.peek() {
            if !is_key_char(c) && c != '.' {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        let (table, row) = qualified(&text[start..end], start)?;
        terms.push(Term {
            minus,
            table,
            row,
            at: start..end,
        });
        minus = false;
        signed = false;
        expect_row = false;
    }
    if terms.is_empty() || expect_row {
        return Err((
            text.len()..text.len(),
            "計算式が途中で終わっています。最後に行の key を書いてください".to_string(),
            "the formula ends without a row key after its last + or -".to_string(),
        ));
    }
    Ok(terms)
}

/// A term as written: `row`, or `table.row` (one dot, a key on each side).
fn qualified(word: &str, start: usize) -> Result<(Option<String>, String), FormulaError> {
    // A decimal (0.35) is no table's row: a formula names rows, and a factor the sheet
    // prints is a row of its own (新庄市's 単価).
    if word.contains('.') && word.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err((
            start..start + word.len(),
            format!(
                "「{word}」: 計算式には数を書けません。行の key だけを書きます（シートが印字する係数は、それ自体を行にします: seiki × tanka）"
            ),
            format!(
                "\"{word}\": a formula holds no numbers, only row keys (a factor the sheet prints is a row of its own: seiki × tanka)"
            ),
        ));
    }
    let mut parts = word.split('.');
    let first = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (None, _) => Ok((None, first.to_string())),
        (Some(row), None) if !first.is_empty() && !row.is_empty() => {
            Ok((Some(first.to_string()), row.to_string()))
        }
        _ => Err((
            start..start + word.len(),
            format!(
                "「{word}」: 別の表の行は、表の key と行の key を点一つでつないで書きます（例: saishutsu.sojigyohi）"
            ),
            format!(
                "\"{word}\": a row of another table is written as the table's key and the row's key joined by one dot (e.g. saishutsu.sojigyohi)"
            ),
        )),
    }
}

fn sign_twice(i: usize, c: char) -> FormulaError {
    (
        i..i + c.len_utf8(),
        format!("「{c}」の前に行の key がありません"),
        format!("a row key is missing before \"{c}\""),
    )
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(f: &str) -> Vec<(bool, String)> {
        Formula::parse(f)
            .unwrap()
            .terms
            .into_iter()
            .map(|t| (t.minus, t.row))
            .collect()
    }

    #[test]
    fn sums_and_differences_of_rows() {
        assert_eq!(
            rows("a + b - c"),
            vec![(false, "a".into()), (false, "b".into()), (true, "c".into())]
        );
        assert_eq!(rows("a＋b－c"), rows("a + b - c"));
        assert_eq!(rows("-a+b"), vec![(true, "a".into()), (false, "b".into())]);
        assert_eq!(rows("full_cost"), vec![(false, "full_cost".into())]);
    }

    #[test]
    fn what_is_not_a_sum_is_refused_at_its_place() {
        for (bad, at) in [
            ("", 0..0),
            ("a +", 3..3),
            ("a + + b", 4..5),
            ("a - - b", 4..5),
            ("--a", 1..2),
            ("+a", 0..1),
            ("a b", 2..3),
            ("a % b", 2..3),
            ("a × b × c", 7..9),
            ("a ×", 4..4),
            ("人件費 + b", 0..3),
        ] {
            assert_eq!(Formula::parse(bad).unwrap_err().0, at, "{bad}");
        }
    }

    #[test]
    fn a_row_of_another_table_is_named_with_its_table() {
        let f = Formula::parse("saishutsu.sojigyohi - tokutei").unwrap();
        let terms: Vec<(Option<&str>, &str, bool)> = (f.terms.iter())
            .map(|t| (t.table.as_deref(), t.row.as_str(), t.minus))
            .collect();
        assert_eq!(
            terms,
            vec![
                (Some("saishutsu"), "sojigyohi", false),
                (None, "tokutei", true)
            ]
        );
        assert_eq!(f.terms[0].at, 0..19);
        assert_eq!(f.rows("sainyu").collect::<Vec<_>>(), vec!["tokutei"]);
        assert_eq!(f.terms[0].table_of("sainyu"), "saishutsu");
        assert!(f.terms[1].in_table("sainyu"));
        for (bad, at) in [("a.b.c + d", 0..5), (".b", 0..1), ("a. + b", 0..2)] {
            assert_eq!(Formula::parse(bad).unwrap_err().0, at, "{bad}");
        }
    }

    #[test]
    fn a_decimal_is_no_table_and_row() {
        let e = Formula::parse("seiki × 0.35").unwrap_err();
        assert!(
            e.2.starts_with("\"0.35\": a formula holds no numbers"),
            "{}",
            e.2
        );
    }

    #[test]
    fn computes_from_the_rows_values() {
        let f = Formula::parse("a + b - c").unwrap();
        let v = |t: &Term| match t.row.as_str() {
            "a" => Some(10.0),
            "b" => Some(5.0),
            "c" => Some(3.0),
            _ => None,
        };
        assert_eq!(f.compute(v), Some(12.0));
        assert_eq!(Formula::parse("a + d").unwrap().compute(v), None);
    }

    #[test]
    fn a_rate_divides_one_sum_by_another() {
        let f = Formula::parse("a + b / c").unwrap();
        assert_eq!(
            rows("a + b / c"),
            vec![(false, "a".into()), (false, "b".into())]
        );
        assert_eq!(f.per.len(), 1);
        assert_eq!(f.per[0].at, 8..9);
        let v = |t: &Term| {
            [("a", 10.0), ("b", 5.0), ("c", 3.0)]
                .iter()
                .find(|(k, _)| *k == t.row)
                .map(|(_, x)| *x)
        };
        assert_eq!(f.compute(v), Some(5.0));
        assert_eq!(Formula::parse("a / b / c").unwrap_err().0, 6..7);
        assert_eq!(Formula::parse("a / ").unwrap_err().0, 4..4);
    }

    #[test]
    fn a_product_multiplies_one_sum_by_another() {
        let f = Formula::parse("seiki × tanka").unwrap();
        assert_eq!(rows("seiki * tanka"), vec![(false, "seiki".into())]);
        assert_eq!(f.times.len(), 1);
        assert_eq!(f.times[0].at, 9..14);
        assert!(f.multiplies());
        let v = |t: &Term| {
            [("seiki", 0.35), ("tanka", 8356.0), ("c", 2.0)]
                .iter()
                .find(|(k, _)| *k == t.row)
                .map(|(_, x)| *x)
        };
        assert!((f.compute(v).unwrap() - 2924.6).abs() < 1e-9);
        // A product, then divided.
        let g = Formula::parse("seiki × tanka / c").unwrap();
        assert_eq!(g.all_terms().count(), 3);
        assert!((g.compute(v).unwrap() - 0.35 * 8356.0 / 2.0).abs() < 1e-9);
        // A sum written out on either side is refused: name it in `sums`.
        assert_eq!(Formula::parse("a + b × c").unwrap_err().0, 0..6);
        assert_eq!(Formula::parse("a × -c").unwrap_err().0, 4..7);
    }
}
