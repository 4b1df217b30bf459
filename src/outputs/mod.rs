//! Site-wide files, made once per build beside the pages: the open data (CSV, JSON and
//! its dictionary), the search index, sitemap.xml and robots.txt, and the Atom feed.
//! Each reads the site and its pages' URLs; none reaches back into the renderer.

pub mod data;
pub mod datafiles;
pub mod feed;
pub mod search;
pub mod sitemap;
