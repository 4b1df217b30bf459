//! What each page shows: the page kinds ([`Page`], one enum), the URL scheme, and the
//! view models the theme's templates are given — built from the site, the graph and
//! the derived figures, and shared where many pages show the same link, badge or
//! fragment. They hold data only: the HTML around them is the theme's, and the parts
//! they show as HTML ([`parts`]: figures, Markdown, charts) are drawn by the `html`
//! stage (with `draw`) as it gives them to the templates.

pub mod codes;
pub mod fields;
pub mod form_table;
pub mod heads;
pub mod lists;
pub mod meta;
pub mod overview;
pub mod page;
pub mod parts;
pub mod phase;
pub mod print;
pub mod repeated;
pub mod sections;
pub mod split;
pub mod totals;
pub mod url;
pub mod view;
pub mod years;

pub use page::{ListKind, Page};
