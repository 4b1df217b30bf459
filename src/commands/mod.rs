//! The commands of the binary, sharing one pipeline: [`pipeline::run`] loads, models,
//! links, derives and renders a site in memory; `build` then writes it, `check` does not;
//! `new` writes a starter site; `export` and `import` carry KPI values to and from a
//! spreadsheet ([`sheet`]); `year` moves the site to a new report year;
//! `theme` writes the built-in theme's files out to change; `docs` writes the guides
//! as pages and opens them ([`open`], shared with `serve --open`).

pub mod build;
pub mod check;
pub mod docs;
pub mod lang;
pub mod new;
pub mod open;
pub mod pipeline;
pub mod serve;
pub mod sheet;
pub mod theme;
pub mod year;
