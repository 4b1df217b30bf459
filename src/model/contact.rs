//! `[contact]` in site.toml: who publishes the report and how a reader reaches them, shown
//! at the foot of every page (the city's own words; without the table, nothing is shown).
//!
//! ```toml
//! [contact]
//! department = "政策企画部 企画課"      # required in the table: who is responsible
//! phone = "0197-64-2111"               # optional
//! email = "kikaku@city.example.lg.jp"  # optional
//! url = "https://www.city.example.lg.jp/form/"  # optional: the city's inquiry page
//! ```

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::reader::Table;
use crate::diag::Message;

/// The site's contact, as site.toml writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contact {
    pub department: String,
    pub phone: Option<String>,
    /// The number a `tel:` link dials: the phone's digits (and a leading `+`).
    pub dial: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// `[contact]`, each value checked so that its link works: a phone of digits and the
/// marks numbers are written with, an email address of one `@` and no spaces, an `http(s)`
/// address.
pub fn read(mut t: Table<'_>) -> Option<Contact> {
    let ctx = t.ctx;
    let department = t.required_text("department");
    let check = |key: &str, l: super::reader::Located<String>, ok: bool, ja: &str, en: &str| {
        if !ok {
            ctx.error(
                l.span.clone(),
                &format!("contact.{key}"),
                Message::new(
                    format!("{ja}「{}」", l.value),
                    format!("{en}; found \"{}\"", l.value),
                ),
            );
        }
        ok.then(|| l.value.trim().to_string())
    };
    // Full-width digits and marks (０１９７－６４－２１１１, as a Japanese keyboard types
    // them) are the same number: compared and shown half-width.
    let phone = t.string("phone").and_then(|mut l| {
        l.value = l.value.nfkc().collect::<String>().replace(['‐', '−', '–', '—'], "-");
        let ok = l.value.chars().any(|c| c.is_ascii_digit())
            && (l.value.chars()).all(|c| c.is_ascii_digit() || "-+() ".contains(c));
        check(
            "phone",
            l,
            ok,
            "phone は電話番号を数字と「-」「(」「)」「+」と空白で書いてください（例: \"0197-64-2111\"）",
            "phone is a phone number of digits, - ( ) + and spaces (e.g. \"0197-64-2111\")",
        )
    });
    let email = t.string("email").and_then(|l| {
        let v = l.value.trim();
        // No `?`, `&`, `%` or `#`: a mailto: link would read them as a subject or a body.
        let ok = v.split('@').count() == 2
            && !v.starts_with('@')
            && !v.ends_with('@')
            && !(v.chars()).any(|c| c.is_whitespace() || "<>\"',;:?&%#".contains(c));
        check(
            "email",
            l,
            ok,
            "email はメールアドレスを一つだけ書いてください（例: \"kikaku@city.example.lg.jp\"）",
            "email is one email address (e.g. \"kikaku@city.example.lg.jp\")",
        )
    });
    let url = t.string("url").and_then(|l| {
        let ok = ammonia::Url::parse(l.value.trim())
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        check(
            "url",
            l,
            ok,
            "url は問い合わせのページのアドレスを https:// から書いてください",
            "url is the address of the inquiry page, starting https:// (or http://)",
        )
    });
    t.finish();
    let dial = phone.as_deref().map(dial);
    Some(Contact {
        department: department?.value,
        phone,
        dial,
        email,
        url,
    })
}

/// The number a `tel:` link dials: the digits, with a leading `+`; a trunk 0 written in
/// brackets after a country code (`+81 (0)197-64-2111`) is not dialled from abroad.
fn dial(phone: &str) -> String {
    let international = phone.trim_start().starts_with('+');
    let phone = if international {
        phone.replacen("(0)", "", 1)
    } else {
        phone.to_string()
    };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if international {
        format!("+{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::dial;

    #[test]
    fn a_phone_dials_its_digits_and_no_trunk_zero_after_a_country_code() {
        assert_eq!(dial("0197-64-2111"), "0197642111");
        assert_eq!(dial("(0197) 64 2111"), "0197642111");
        assert_eq!(dial("+81 (0)197-64-2111"), "+81197642111");
        assert_eq!(dial("+81-197-64-2111"), "+81197642111");
    }
}
