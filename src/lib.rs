//! kensho — a static site generator for the strategy reports Japanese cities publish.
//!
//! The build is a pipeline, one module per stage:
//! [`load`] (files → raw documents with positions) → [`model`] (typed, validated
//! content) → [`link`] (the graph between pages) → [`derive`](mod@derive) (computed
//! figures) → [`render`] (every page through the theme's Tera templates, and the
//! [`search`] index) → [`write`](mod@write) (atomic output). [`diag`] carries located
//! problems through every stage; [`commands`] are what the binary runs.

pub mod commands;
pub mod derive;
pub mod diag;
pub mod link;
pub mod load;
pub mod model;
pub mod progress;
pub mod render;
pub mod search;
pub mod write;
