//! What each page shows: the page kinds ([`Page`], one enum), the URL scheme, and the
//! view models the theme's templates are given — built from the site, the graph and
//! the derived figures, and shared where many pages show the same link, badge or
//! fragment. The HTML around them is the theme's (`html`); the fragments they carry
//! (charts, Markdown) are drawn by `draw`.

pub mod fragments;
pub mod lists;
pub mod meta;
pub mod page;
pub mod print;
pub mod repeated;
pub mod url;
pub mod view;
pub mod years;

pub use page::{ListKind, Page};
