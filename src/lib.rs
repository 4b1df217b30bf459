//! kensho — a static site generator for the strategy reports Japanese cities publish.
//!
//! The build is a pipeline, one module per stage, each using only the stages before it:
//! [`load`] (files → raw documents with positions) → [`model`] (typed, validated
//! content) → [`link`] (the graph between pages) → [`derive`](mod@derive) (computed
//! figures) → [`draw`] (fragments drawn without knowing pages: escaping, formatting,
//! Markdown, charts) → [`pages`] (the page kinds, the URL scheme, what each page shows)
//! → [`outputs`] (site-wide files: open data, search index, sitemap, feed) → [`html`]
//! (every page through the theme's Tera templates) → [`write`](mod@write) (the staged
//! output swapped in whole, over nothing kensho did not write). Two modules serve every
//! stage: [`diag`] carries located problems, and [`files`] the files `outputs` and `html`
//! make, kept or streamed to `write` as they are made. [`commands`] are what the binary
//! runs, on top of the pipeline.

pub mod cli;
pub mod commands;
pub mod derive;
pub mod diag;
pub mod draw;
pub mod files;
pub mod html;
pub mod link;
pub mod load;
pub mod model;
pub mod outputs;
pub mod pages;
pub mod progress;
pub mod write;
