//! The commands of the binary, sharing one pipeline: [`pipeline::run`] loads, models,
//! links, derives and renders a site in memory; `build` then writes it, `check` does not;
//! `new` writes a starter site.

pub mod build;
pub mod check;
pub mod new;
pub mod pipeline;
pub mod serve;
