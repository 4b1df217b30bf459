//! Site-wide files, made once per build beside the pages: the open data (CSV, JSON and
//! its dictionary), the search index, sitemap.xml and robots.txt, and the Atom feed.
//! Each takes the site, the link graph and the settings (with the page kinds and URL
//! scheme of `pages`, never its view models); none reaches back into the renderer.

pub mod data;
pub mod datafiles;
pub mod datapage;
pub mod feed;
pub mod form_cells;
pub mod form_items;
pub mod search;
pub mod sitemap;
