//! Norwegian vocabulary tables used by the recognisers: months, number words,
//! public bodies, modality verbs, reference prefixes, web furniture.
