//! Fragments drawn without knowing pages: HTML escaping, number and year formatting,
//! Markdown rendered and sanitised, KPI and budget charts as inline SVG (through a
//! plotters backend of our own). Each takes model values and returns text, so that
//! any page, feed or data file can show it.

pub mod chart;
pub(crate) mod escape;
pub mod format;
pub mod markdown;
mod sanitise;
mod svg;
