//! kensho — a static site generator for the strategy reports Japanese cities publish.
//!
//! The build is a pipeline, one module per stage, each using only the stages before it:
//! [`load`] (files → raw documents with positions) → [`model`] (typed, validated
//! content) → [`link`] (the graph between pages) → [`derive`](mod@derive) (computed
//! figures) → [`draw`] (fragments drawn without knowing pages: escaping, formatting,
//! Markdown, charts) → [`pages`] (the page kinds, the URL scheme, what each page shows)
//! → [`outputs`] (site-wide files: open data, search index, sitemap, feed) → [`html`]
//! (every page through the theme's Tera templates) → [`write`](mod@write) (pages streamed
//! into files, the output swapped in whole). [`write`](mod@write) imports no other stage:
//! `outputs` and `html` hand it files. [`diag`] carries located problems through every
//! stage; [`commands`] are what the binary runs.

pub mod commands;
pub mod derive;
pub mod diag;
pub mod draw;
pub mod html;
pub mod link;
pub mod load;
pub mod model;
pub mod outputs;
pub mod pages;
pub mod progress;
pub mod write;
