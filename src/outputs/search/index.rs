//! The search index: every character and character pair (bigram) of the folded text →
//! the documents that contain it, split into shards by a fixed hash of the key so the
//! browser fetches only the shards a query needs; and the documents themselves, split
//! into files by size, for checking candidates and cutting excerpts.
//!
//! Files (all under `search/`, all JSON, keys sorted, same input → same bytes):
//! - `meta.json`: `{"version":1,"shards":N,"docs":D,"files":[0,a,b,…],"kinds":[…]}` —
//!   document file `i` holds the documents `files[i]` up to `files[i+1]`; with
//!   `"also":[[other, word, as written], …]` where site.toml's `[search] words` gives
//!   other ways to type a word ([`OtherForm`]), absent where it gives none.
//! - `shard-XXX.json` (XXX = shard number, three digits): `{"key":[id, Δ, Δ, …], …}` —
//!   the document ids of each key, ascending, as the first id then the differences.
//! - `docs-XXX.json`: `[[kind, title, url, context, text], …]` — kind is an index into
//!   `kinds`, url is relative to the site root, the strings are normalised (NFKC).
//!
//! A query's candidates are the documents in the postings of all its keys (bigrams, or
//! the character itself for a one-character word); pairs alone admit false positives
//! ("地域" and "域お" do not make "地域お" … in every order), so each candidate's folded
//! text must contain every word as a substring. A word holding one of the site's other
//! forms is also looked for as the pages write it ([`alternatives`]): a document is a
//! candidate for a word when it holds all the keys of one of its forms.
//! [`Index::query`] is the reference for the
//! browser's `search.js` and what the tests run.

use rayon::prelude::*;
use serde::Serialize;

use super::also::{OtherForm, alternatives};
use super::text::{fold, fold_char, query_terms};
use crate::files::OutputFile;

/// One searchable entry: a page, or a KPI on its node's page.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Index into the kinds list.
    pub kind: usize,
    /// Normalised title (with the code as printed, e.g. `施策1 …`).
    pub title: String,
    /// URL relative to the site root, with `#fragment` for a KPI.
    pub url: String,
    /// Normalised: where the entry sits (its parent's title), shown under the title.
    pub context: String,
    /// Normalised text the entry is found by and the excerpt is cut from.
    pub text: String,
}

impl Doc {
    /// The folded text a query is matched against: title and text, separated by a line
    /// break so no word (queries never hold white space) matches across the two.
    pub fn haystack(&self) -> String {
        self.haystack_chars().collect()
    }

    /// [`Doc::haystack`]'s characters, for reading it once without making it.
    fn haystack_chars(&self) -> impl Iterator<Item = char> + '_ {
        let title = self.title.chars();
        let text = self.text.chars();
        title
            .chain(std::iter::once('\n'))
            .chain(text)
            .map(fold_char)
    }
}

/// Target size of one postings shard (bytes of JSON before compression).
pub const SHARD_TARGET: usize = 64 * 1024;
/// At most this many shards, whatever the corpus.
pub const MAX_SHARDS: usize = 1024;
/// Target size of one documents file.
pub const DOCS_FILE_TARGET: usize = 64 * 1024;

/// FNV-1a (32 bit) over the key's UTF-8 bytes: fixed, so shard assignment never changes
/// between builds or machines (search.js computes the same).
pub fn fnv1a(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard of a key among `shards` (a power of two).
pub fn shard_of(key: &str, shards: usize) -> usize {
    (fnv1a(key) as usize) & (shards - 1)
}

/// A key packed in a number: two characters, or one and [`ONE`] in place of the second.
type Packed = u64;
const ONE: u32 = u32::MAX;

fn pack(a: char, b: Option<char>) -> Packed {
    (u64::from(u32::from(a)) << 32) | u64::from(b.map_or(ONE, u32::from))
}

fn unpack(k: Packed) -> String {
    let mut s = String::new();
    s.extend(char::from_u32((k >> 32) as u32));
    if k as u32 != ONE {
        s.extend(char::from_u32(k as u32));
    }
    s
}

/// The keys of a folded text: each character and each pair of adjacent characters,
/// leaving out white space (a query word never holds any); in text order, repeats kept.
fn packed_keys(folded: impl Iterator<Item = char>) -> Vec<Packed> {
    // Up to two keys per character. The hint's upper bound is the text's bytes: three
    // per character of Japanese text, so the keys rarely outgrow it.
    let (least, most) = folded.size_hint();
    let mut keys = Vec::with_capacity(most.unwrap_or(least * 2));
    // The character before, unless it was white space: each character is tested once.
    let mut before: Option<char> = None;
    for c in folded {
        if c.is_whitespace() {
            before = None;
            continue;
        }
        if let Some(b) = before {
            keys.push(pack(b, Some(c)));
        }
        keys.push(pack(c, None));
        before = Some(c);
    }
    keys
}

/// The keys of a folded text, as strings (see `packed_keys`).
pub fn keys_of(folded: &str) -> Vec<String> {
    let mut keys: Vec<String> = packed_keys(folded.chars())
        .into_iter()
        .map(unpack)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys a query word is looked up by: its bigrams, or itself when it is one character.
pub fn word_keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() == 1 {
        return vec![word.to_string()];
    }
    let mut keys: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// One key's documents while the index is built. The last id is kept beside the list, in
/// the map's own slot that the lookup has just read, so a key repeated within a document
/// is told apart without reading the end of its list (that read, a cache miss, was 2 % of
/// the samples of a 10,000-page build).
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    ids: Deltas,
}

impl Postings {
    /// Add document `id` (ids come in ascending order), once however often it holds the key.
    fn add(&mut self, id: u32) {
        if self.last != Some(id) {
            self.ids.push(id - self.last.unwrap_or(0));
            self.last = Some(id);
        }
    }
}

/// Ascending document ids as the first id and then the differences, each in LEB128 (7 bits
/// a byte, low bits first): the differences the shard files write (there in decimal), at
/// about a byte an id where most keys recur every few documents, a quarter of what `u32`s
/// take (docs/decisions.md, "Search").
#[derive(Default)]
struct Deltas(Vec<u8>);

impl Deltas {
    fn push(&mut self, mut delta: u32) {
        while delta >= 0x80 {
            self.0.push((delta as u8) | 0x80);
            delta >>= 7;
        }
        self.0.push(delta as u8);
    }

    /// The differences, in order (the first is the first id).
    fn differences(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.0.iter();
        std::iter::from_fn(move || {
            let mut n = 0u32;
            for shift in (0..32).step_by(7) {
                let b = *bytes.next()?;
                n |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    break;
                }
            }
            Some(n)
        })
    }

    /// The ids.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.differences().scan(0, |id, d| {
            *id += d;
            Some(*id)
        })
    }
}

/// The map of postings, hashed tens of millions of times on a large site with FxHash (a
/// multiply per key); its order never reaches the output (keys are sorted).
type KeyMap = rustc_hash::FxHashMap<Packed, Postings>;

pub struct Index {
    pub docs: Vec<Doc>,
    pub kinds: Vec<String>,
    /// Other ways of typing the pages' words.
    pub also: Vec<OtherForm>,
    /// Key → ascending document ids, sorted by key.
    postings: Vec<(String, Deltas)>,
}

/// A document found by a query, with what ranks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    /// How many of the query's words the title holds.
    pub title_words: usize,
    /// Occurrences of the words in title and text (non-overlapping, per word).
    pub count: usize,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    shards: usize,
    docs: usize,
    files: &'a [usize],
    kinds: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    also: &'a [OtherForm],
}

/// Documents whose keys are gathered in parallel before they join the map, so the keys
/// of only this many documents are held at once.
const CHUNK: usize = 512;

impl Index {
    pub fn build(docs: Vec<Doc>, kinds: Vec<String>, also: Vec<OtherForm>) -> Index {
        let mut map = KeyMap::default();
        for (c, chunk) in docs.chunks(CHUNK).enumerate() {
            let keys: Vec<Vec<Packed>> = chunk
                .par_iter()
                .map(|d| packed_keys(d.haystack_chars()))
                .collect();
            for (i, keys) in keys.into_iter().enumerate() {
                let id = u32::try_from(c * CHUNK + i).unwrap_or(u32::MAX);
                for k in keys {
                    map.entry(k).or_default().add(id);
                }
            }
        }
        let mut postings: Vec<(String, Deltas)> =
            map.into_iter().map(|(k, p)| (unpack(k), p.ids)).collect();
        postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Index {
            docs,
            kinds,
            also,
            postings,
        }
    }

    /// The ids of the documents holding `key` (for `query`).
    fn ids(&self, key: &str) -> Vec<u32> {
        match self.postings.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.postings[i].1.ids().collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Shards: the smallest power of two that keeps each near [`SHARD_TARGET`] bytes.
    pub fn shard_count(&self) -> usize {
        let bytes: usize = self
            .postings
            .iter()
            .map(|(k, ids)| k.len() + 6 + digits(ids))
            .sum();
        bytes
            .div_ceil(SHARD_TARGET)
            .next_power_of_two()
            .clamp(1, MAX_SHARDS)
    }

    /// The index as files under `search/`.
    pub fn files(self) -> Vec<OutputFile> {
        let mut out = Vec::new();
        self.write(&mut |f| out.push(f));
        out
    }

    /// The index as files under `search/`, each handed to `emit` as soon as it is made
    /// (documents first, then postings shard by shard): the index is consumed on the
    /// way, so its files are never all in memory beside it.
    pub fn write(mut self, emit: &mut dyn FnMut(OutputFile)) {
        let count = self.docs.len();
        let mut starts = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        for (id, d) in std::mem::take(&mut self.docs).into_iter().enumerate() {
            if current.len() >= DOCS_FILE_TARGET {
                emit(docs_file(starts.len() - 1, &mut current));
            }
            if current.is_empty() {
                starts.push(id);
                current.push(b'[');
            } else {
                current.push(b',');
            }
            // [kind, title, url, context, text]
            current.push(b'[');
            current.extend_from_slice(itoa::Buffer::new().format(d.kind).as_bytes());
            for field in [&d.title, &d.url, &d.context, &d.text] {
                current.push(b',');
                json_string(&mut current, field);
            }
            current.push(b']');
        }
        if !current.is_empty() {
            emit(docs_file(starts.len() - 1, &mut current));
        }
        starts.push(count);
        let shards = self.shard_count();
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); shards];
        for (i, (k, _)) in self.postings.iter().enumerate() {
            buckets[shard_of(k, shards)].push(i);
        }
        for (i, keys) in buckets.iter().enumerate() {
            emit(OutputFile {
                path: format!("search/shard-{i:03}.json"),
                bytes: self.shard_json(keys),
            });
        }
        let meta = Meta {
            version: 1,
            shards,
            docs: count,
            files: &starts,
            kinds: &self.kinds,
            also: &self.also,
        };
        emit(OutputFile {
            path: "search/meta.json".into(),
            bytes: serde_json::to_vec(&meta).unwrap_or_default(),
        });
    }

    /// `{"key":[first id, Δ, Δ, …],…}` for the postings at `keys` (in key order).
    fn shard_json(&self, keys: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        out.push(b'{');
        for (n, &i) in keys.iter().enumerate() {
            let (k, ids) = &self.postings[i];
            if n > 0 {
                out.push(b',');
            }
            json_string(&mut out, k);
            out.extend(b":[");
            let mut number = itoa::Buffer::new();
            for (j, d) in ids.differences().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                // Most differences are one digit (a key in the next document or two).
                match u8::try_from(d) {
                    Ok(d @ 0..=9) => out.push(b'0' + d),
                    _ => out.extend(number.format(d).as_bytes()),
                }
            }
            out.push(b']');
        }
        out.push(b'}');
        out
    }

    /// The documents a query finds, best first: more words in the title, then more
    /// occurrences, then site order.
    pub fn query(&self, q: &str) -> Vec<Hit> {
        let words: Vec<Vec<String>> = query_terms(q)
            .iter()
            .map(|t| alternatives(t, &self.also))
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut candidates: Option<Vec<u32>> = None;
        for forms in &words {
            let ids = forms
                .iter()
                .map(|f| self.holding(f))
                .reduce(|a, b| union(&a, &b))
                .unwrap_or_default();
            candidates = Some(match candidates {
                None => ids,
                Some(c) => intersect(&c, &ids),
            });
        }
        let in_text =
            |text: &str, forms: &[String]| forms.iter().any(|f| text.contains(f.as_str()));
        let mut hits: Vec<Hit> = candidates
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| {
                let d = &self.docs[id as usize];
                let hay = d.haystack();
                if !words.iter().all(|forms| in_text(&hay, forms)) {
                    return None;
                }
                let title = fold(&d.title);
                Some(Hit {
                    doc: id as usize,
                    title_words: words.iter().filter(|forms| in_text(&title, forms)).count(),
                    count: (words.iter().flatten())
                        .map(|f| hay.matches(f.as_str()).count())
                        .sum(),
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.title_words
                .cmp(&a.title_words)
                .then(b.count.cmp(&a.count))
                .then(a.doc.cmp(&b.doc))
        });
        hits
    }

    /// The documents holding every key of `form` (candidates: pairs admit false positives).
    fn holding(&self, form: &str) -> Vec<u32> {
        word_keys(form)
            .iter()
            .map(|k| self.ids(k))
            .reduce(|a, b| intersect(&a, &b))
            .unwrap_or_default()
    }
}

fn docs_file(n: usize, current: &mut Vec<u8>) -> OutputFile {
    current.push(b']');
    OutputFile {
        path: format!("search/docs-{n:03}.json"),
        bytes: std::mem::take(current),
    }
}

/// Decimal digits of the differences of `ids` and a comma after each (for the size
/// estimate).
fn digits(ids: &Deltas) -> usize {
    ids.differences()
        .map(|d| if d < 10 { 2 } else { d.ilog10() as usize + 2 })
        .sum()
}

/// The ids in `a` or `b`, ascending, each once.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Appends `s` to `out` as a JSON string (serde_json's quoting and escaping).
fn json_string(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::search::text::normalize;
    use proptest::prelude::*;

    fn doc(title: &str, text: &str) -> Doc {
        Doc {
            kind: 0,
            title: normalize(title),
            url: String::new(),
            context: String::new(),
            text: normalize(text),
        }
    }

    fn index(docs: &[(&str, &str)]) -> Index {
        Index::build(
            docs.iter().map(|(t, x)| doc(t, x)).collect(),
            vec!["施策".into()],
            Vec::new(),
        )
    }

    fn found(ix: &Index, q: &str) -> Vec<usize> {
        ix.query(q).into_iter().map(|h| h.doc).collect()
    }

    #[test]
    fn postings_hold_each_character_and_pair_once_per_document() {
        let ix = index(&[("観光", "観光客 観光"), ("移住", "観光と移住")]);
        assert_eq!(ix.ids("観光"), vec![0, 1]);
        assert_eq!(ix.ids("光客"), vec![0]);
        assert_eq!(ix.ids("移住"), vec![1]);
        assert_eq!(ix.ids("客"), vec![0]);
        // No pair across white space, none across title and text.
        assert!(ix.ids("客 ").is_empty());
        assert!(ix.ids("光観").is_empty());
        assert!(ix.ids("住観").is_empty());
    }

    #[test]
    fn verification_rejects_documents_that_only_have_the_pairs() {
        // Doc 0 holds 観光 and 光観 but never 観光観; doc 1 holds the word.
        let ix = index(&[("a", "観光と光観"), ("b", "観光観")]);
        let keys = word_keys("観光観");
        assert!(keys.iter().all(|k| ix.ids(k).contains(&0)));
        assert_eq!(found(&ix, "観光観"), vec![1]);
    }

    #[test]
    fn width_variants_and_case_match_after_nfkc() {
        let ix = index(&[("ＵＩターン促進", "ｶﾀｶﾅの説明"), ("x", "UIターン")]);
        assert_eq!(found(&ix, "UIターン"), vec![0, 1]);
        assert_eq!(found(&ix, "uiﾀｰﾝ"), vec![0, 1]);
        assert_eq!(found(&ix, "カタカナ"), vec![0]);
        assert_eq!(found(&ix, "ｶﾀｶﾅ"), vec![0]);
    }

    #[test]
    fn the_sites_other_forms_find_the_word_as_written() {
        use crate::model::search_words::SearchWord;
        let docs = [
            ("移住支援金", "首都圏からの移住"),
            ("観光", "いじゅうと書いた説明"),
            ("ＵＩターン", "就職"),
            ("他", "移住の相談と観光"),
        ];
        let words = [
            SearchWord {
                word: "移住".into(),
                others: vec!["いじゅう".into()],
            },
            SearchWord {
                word: "UIターン".into(),
                others: vec!["ユーアイターン".into(), "ＵＪＩターン".into()],
            },
        ];
        let others = super::super::also::other_forms(&words);
        assert_eq!(
            others[2],
            OtherForm("ujiターン".into(), "uiターン".into(), "UIターン".into())
        );
        let ix = Index::build(
            docs.iter().map(|(t, x)| doc(t, x)).collect(),
            vec!["施策".into()],
            others,
        );
        // The reading finds the word and itself; the word alone finds only the word.
        assert_eq!(found(&ix, "いじゅう"), vec![0, 1, 3]);
        assert_eq!(found(&ix, "移住"), vec![0, 3]);
        // Inside a longer word, and with another word (AND).
        assert_eq!(found(&ix, "いじゅう支援"), vec![0]);
        assert_eq!(found(&ix, "いじゅう 観光"), vec![1, 3]);
        assert_eq!(found(&ix, "ユーアイターン"), vec![2]);
        assert_eq!(found(&ix, "ujiﾀｰﾝ"), vec![2]);
        // A title holding the word as written ranks as a title hit.
        assert_eq!(ix.query("いじゅう")[0].title_words, 1);
        // Written in meta.json only where the site gives some.
        let meta = |ix: Index| {
            let mut files = ix.files();
            files.retain(|f| f.path == "search/meta.json");
            String::from_utf8(files.remove(0).bytes).unwrap()
        };
        assert!(meta(ix).contains(r#""also":[["いじゅう","移住","移住"],"#));
        assert!(!meta(index(&[("a", "b")])).contains("also"));
    }

    #[test]
    fn words_are_anded_and_titles_rank_first() {
        let ix = index(&[
            ("移住", "観光"),
            ("観光", "移住 移住 移住"),
            ("他", "移住と観光、観光、観光、観光"),
            ("他", "移住だけ"),
        ]);
        // Title hits first (then more occurrences): doc 2 has the most, but in its text only.
        assert_eq!(found(&ix, "観光　移住"), vec![1, 0, 2]);
        assert_eq!(found(&ix, "移住"), vec![0, 1, 2, 3]);
        assert_eq!(found(&ix, "観光 移住 だけ"), Vec::<usize>::new());
        assert_eq!(found(&ix, " \u{3000}"), Vec::<usize>::new());
    }

    #[test]
    fn one_character_queries_use_the_character_postings() {
        let ix = index(&[("a", "客"), ("b", "観光"), ("c", "旅客")]);
        assert_eq!(ix.ids("客"), vec![0, 2]);
        assert_eq!(found(&ix, "客"), vec![0, 2]);
    }

    #[test]
    fn same_documents_same_bytes() {
        let docs = [("移住", "観光客の移住"), ("ＵＩ", "夏油高原"), ("x", "y")];
        let a = index(&docs).files();
        let b = index(&docs).files();
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.path, y.path);
            assert_eq!(x.bytes, y.bytes, "{}", x.path);
        }
    }

    #[test]
    fn shard_assignment_is_fixed() {
        // FNV-1a test vectors; search.js computes the same.
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
        assert_eq!(shard_of("a", 1), 0);
        assert_eq!(shard_of("a", 16), 0xc);
    }

    #[test]
    fn shards_scale_with_the_postings() {
        let small = index(&[("a", "b")]);
        assert_eq!(small.shard_count(), 1);
        let text: String = (0..4000u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .collect();
        let docs: Vec<(String, String)> = (0..200)
            .map(|i| {
                (
                    format!("t{i}"),
                    text.chars().skip(i * 7).take(600).collect(),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let big = index(&refs);
        let n = big.shard_count();
        assert!(n > 1 && n.is_power_of_two(), "{n}");
        let shard_bytes: Vec<usize> = big
            .files()
            .iter()
            .filter(|f| f.path.contains("shard-"))
            .map(|f| f.bytes.len())
            .collect();
        assert_eq!(shard_bytes.len(), n);
        assert!(
            shard_bytes.iter().all(|&b| b < SHARD_TARGET * 2),
            "{shard_bytes:?}"
        );
    }

    /// Characters that exercise the normalisation: kana of both widths, kanji, ASCII of both
    /// cases, full-width letters, marks that compose (voiced kana), and spaces.
    fn alphabet() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'あ', 'い', 'か', 'が', 'ア', 'イ', 'カ', 'ガ', 'ｱ', 'ｶ', 'ﾞ', 'ｰ', '観', '光', '客',
            '移', '住', 'A', 'b', 'Ｕ', 'ｉ', '1', '１', '　', ' ', '\n', '・', 'İ', 'Σ',
            '\u{202e}',
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Ascending ids of any size come back from their differences as they went in, and
        /// the differences as the shard files write them.
        #[test]
        fn deltas_give_back_the_ids(mut ids in proptest::collection::vec(any::<u32>(), 0..40)) {
            ids.sort_unstable();
            ids.dedup();
            let mut p = Postings::default();
            for &id in &ids {
                p.add(id);
                p.add(id);
            }
            prop_assert_eq!(p.ids.ids().collect::<Vec<_>>(), ids.clone());
            let differences: Vec<u32> = ids.iter().scan(0, |prev, &id| {
                let d = id - *prev;
                *prev = id;
                Some(d)
            }).collect();
            prop_assert_eq!(p.ids.differences().collect::<Vec<_>>(), differences);
        }

        /// Any substring (one character or more) of a document's normalised text finds that
        /// document; and what a query finds is exactly the documents that hold every word.
        #[test]
        fn any_substring_finds_its_document(
            texts in prop::collection::vec(prop::collection::vec(alphabet(), 0..40), 1..8),
            pick in any::<(usize, usize, usize)>(),
        ) {
            let docs: Vec<Doc> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| doc(&format!("t{i}"), &t.iter().collect::<String>()))
                .collect();
            let ix = Index::build(docs.clone(), vec!["k".into()], Vec::new());
            let which = pick.0 % docs.len();
            let chars: Vec<char> = docs[which].text.chars().collect();
            prop_assume!(!chars.is_empty());
            let start = pick.1 % chars.len();
            let len = 1 + pick.2 % (chars.len() - start);
            let q: String = chars[start..start + len].iter().collect();
            let words = query_terms(&q);
            prop_assume!(!words.is_empty());
            let got: Vec<usize> = ix.query(&q).into_iter().map(|h| h.doc).collect();
            prop_assert!(got.contains(&which), "{q:?} did not find doc {which}: {got:?}");
            let mut want: Vec<usize> = (0..docs.len())
                .filter(|&d| {
                    let hay = docs[d].haystack();
                    words.iter().all(|w| hay.contains(w.as_str()))
                })
                .collect();
            let mut sorted = got.clone();
            sorted.sort_unstable();
            want.sort_unstable();
            prop_assert_eq!(sorted, want);
        }

        /// With three characters, documents that hold every pair of a word but not the
        /// word are common: the query must still find exactly the documents with the word.
        #[test]
        fn pairs_alone_never_decide(
            texts in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!['観', '光', '客', ' ']), 0..30), 1..10),
            q in prop::collection::vec(prop::sample::select(vec!['観', '光', '客', '　']), 1..6),
        ) {
            let docs: Vec<Doc> = texts
                .iter()
                .map(|t| doc("", &t.iter().collect::<String>()))
                .collect();
            let ix = Index::build(docs.clone(), vec!["k".into()], Vec::new());
            let q: String = q.into_iter().collect();
            let words = query_terms(&q);
            let mut got: Vec<usize> = ix.query(&q).into_iter().map(|h| h.doc).collect();
            got.sort_unstable();
            let want: Vec<usize> = (0..docs.len())
                .filter(|&d| {
                    let hay = docs[d].haystack();
                    !words.is_empty() && words.iter().all(|w| hay.contains(w.as_str()))
                })
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
