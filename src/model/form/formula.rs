//! A row's formula (`formula = "a + b - c"`): a sum of other rows of the same table (or
//! of the table's named sums), each added or taken away. Only rows, `+` and `-`: a
//! sheet's フルコスト or 計 is a sum, and a city reads the formula as it reads the sheet.
//! A printed rate's formula divides one such sum by another (`full_cost / jueki`).

/// A parsed formula: its terms in the written order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    pub terms: Vec<Term>,
    /// After a `/` (a rate's): the sum the terms are divided by; empty for a sum.
    pub per: Vec<Term>,
}

/// One row of a formula, added or taken away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub minus: bool,
    pub row: String,
    /// Its place in the formula's text (bytes), to point at a row that does not exist.
    pub at: std::ops::Range<usize>,
}

/// Why a formula cannot be read: (byte range in the text, Japanese, English).
pub type FormulaError = (std::ops::Range<usize>, String, String);

impl Formula {
    /// Read `text`: row keys (ASCII letters, digits, `_`, `-`) joined by `+` or `-`
    /// (full-width `＋` `－` and `−` read as the same), spaces anywhere between.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let slash = text
            .char_indices()
            .find(|(_, c)| matches!(c, '/' | '／' | '÷'));
        let Some((at, c)) = slash else {
            return Ok(Formula {
                terms: sum(text, 0)?,
                per: Vec::new(),
            });
        };
        let after = at + c.len_utf8();
        if let Some((again, c2)) =
            (text[after..].char_indices()).find(|(_, c)| matches!(c, '/' | '／' | '÷'))
        {
            let i = after + again;
            return Err((
                i..i + c2.len_utf8(),
                "割り算（/）は一つだけ書けます（例: full_cost / jueki）".to_string(),
                "only one division (/) may be written (e.g. full_cost / jueki)".to_string(),
            ));
        }
        Ok(Formula {
            terms: sum(&text[..at], 0)?,
            per: sum(&text[after..], after)?,
        })
    }

    /// The rows it reads, in the written order.
    pub fn rows(&self) -> impl Iterator<Item = &str> {
        self.all_terms().map(|t| t.row.as_str())
    }

    /// Every term, the divided sum's then the divisor's.
    pub fn all_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().chain(&self.per)
    }

    /// Its value from each row's, `None` when a row has none (or the divisor is 0).
    pub fn compute(&self, value: impl Fn(&str) -> Option<f64>) -> Option<f64> {
        let add = |terms: &[Term]| {
            terms.iter().try_fold(0.0, |sum, t| {
                let v = value(&t.row)?;
                Some(if t.minus { sum - v } else { sum + v })
            })
        };
        let top = add(&self.terms)?;
        if self.per.is_empty() {
            return Some(top);
        }
        let per = add(&self.per)?;
        (per != 0.0).then(|| top / per)
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
                    "「{c}」は計算式に使えません。行の key を + か - でつないでください（例: jinkenhi + jigyohi）"
                ),
                format!(
                    "\"{c}\" cannot be in a formula: join row keys with + or - (e.g. jinkenhi + jigyohi)"
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
            if !is_key_char(c) {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        terms.push(Term {
            minus,
            row: text[start..end].to_string(),
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
            ("a * b", 2..3),
            ("人件費 + b", 0..3),
        ] {
            assert_eq!(Formula::parse(bad).unwrap_err().0, at, "{bad}");
        }
    }

    #[test]
    fn computes_from_the_rows_values() {
        let f = Formula::parse("a + b - c").unwrap();
        let v = |r: &str| match r {
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
        let v = |r: &str| {
            [("a", 10.0), ("b", 5.0), ("c", 3.0)]
                .iter()
                .find(|(k, _)| *k == r)
                .map(|(_, x)| *x)
        };
        assert_eq!(f.compute(v), Some(5.0));
        assert_eq!(Formula::parse("a / b / c").unwrap_err().0, 6..7);
        assert_eq!(Formula::parse("a / ").unwrap_err().0, 4..4);
    }
}
