//! Marsad (مرصد): an Arabic-first, bilingual explorer of cyber-diplomacy events.
//!
//! Pure modules (`data`, `query`, `search`, `filter`, `timeline`, `export`) never touch `web_sys`
//! and are tested natively; `ui` holds the Leptos components and is the only place that touches
//! the DOM. See ARCHITECTURE.md for the code map and the invariants.

pub mod data;
pub mod embed;
pub mod export;
pub mod filter;
pub mod i18n;
pub mod query;
pub mod search;
pub mod stats;
pub mod synth;
pub mod timeline;
#[cfg(feature = "web")]
pub mod ui;
