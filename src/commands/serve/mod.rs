//! `kensho serve`: build in memory, serve on loopback, rebuild on save, reload the page.

pub mod affected;
pub mod preview;
