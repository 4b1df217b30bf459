//! The commands of the binary, sharing one pipeline: [`pipeline::run`] loads, models,
//! links, derives and renders a site in memory; `build` then writes it, `check` does not.

pub mod build;
pub mod check;
pub mod pipeline;
