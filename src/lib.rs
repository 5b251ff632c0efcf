//! Marsad (مرصد): an Arabic-first, bilingual explorer of cyber-diplomacy events.
//!
//! Pure modules never touch `web_sys` and are tested natively: `vocab` (every closed list),
//! `data` (wire types, loader, validator, shards), `query` (the URL's parameters), `page` (which
//! view a query shows), `search`, `filter`, `timeline`, `window` (virtual list rows), `stats`,
//! `export`, `embed`, `draft` (native only: rule-based drafts of events from a new article), `i18n` (strings and Arabic number agreement; its `intl` submodule is the
//! one browser call). `ui` holds the Leptos components and is the only module tree that touches
//! the DOM. See ARCHITECTURE.md for the code map and the invariants.

#![recursion_limit = "512"]
// Safe Rust only: the fuzzing in CI runs without AddressSanitizer on the strength of it (.ci/test).
#![forbid(unsafe_code)]

pub mod cite;
pub mod compare;
pub mod data;
// Native tools only (`marsad-data draft` / `add`): never part of the browser's wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod draft;
pub mod embed;
pub mod export;
pub mod feed;
pub mod filter;
pub mod flags;
pub mod i18n;
pub mod network;
pub mod num;
pub mod page;
pub mod query;
pub mod reader;
pub mod search;
pub mod site;
pub mod sort;
pub mod stats;
pub mod symbol;
pub mod synth;
pub mod timeline;
#[cfg(feature = "components")]
pub mod ui;
pub mod vocab;
pub mod window;
