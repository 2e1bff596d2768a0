//! Norwegian vocabulary tables used by the recognisers: months, number words,
//! public bodies, modality verbs, reference prefixes, web furniture.
//! Recognisers live in their stage modules; the words they look for live here.

pub mod bodies;
pub mod cues;
pub mod time;
pub mod titles;
pub mod web;
pub mod word_table;
