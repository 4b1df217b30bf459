//! The city's other ways of typing its words (`[search] words` in site.toml: いじゅう for
//! 移住): made comparable with queries once per build, and how a query's word is widened
//! by them. The index writes them in meta.json; `search.js` widens a query the same way.

use super::text::{fold, normalize};

/// One of the site's other ways of typing a word (`[search] words`): the other form and
/// the word, both normalised and folded as queries are, then the word as site.toml writes
/// it (what the search says it also looked for). Written in meta.json as an array of three.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OtherForm(pub String, pub String, pub String);

/// The site's other forms of its words, in site.toml's order.
pub fn other_forms(words: &[crate::model::search_words::SearchWord]) -> Vec<OtherForm> {
    let mut forms: Vec<OtherForm> = Vec::new();
    for w in words {
        let word = fold(&normalize(&w.word));
        for o in &w.others {
            let other = fold(&normalize(o));
            if other != word && !forms.iter().any(|f| f.0 == other && f.1 == word) {
                forms.push(OtherForm(other, word.clone(), w.word.clone()));
            }
        }
    }
    forms
}

/// The forms a query's word is looked for in: the word itself, then, for each other form
/// it holds, the word with that form written as the pages write it (いじゅう支援 →
/// 移住支援). A page holding any of them holds the word.
pub fn alternatives(term: &str, others: &[OtherForm]) -> Vec<String> {
    let mut forms = vec![term.to_string()];
    for OtherForm(other, word, _) in others {
        if term.contains(other.as_str()) {
            let form = term.replace(other.as_str(), word);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}
