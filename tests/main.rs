//! The integration tests: one binary, one module per area (it links once).

mod check;
mod cli;
mod common;
mod compare;
mod encodings;
mod eval;
mod extract;
mod formats;
mod grammar;
mod properties;
mod regression;
mod robustness;
mod seeds;
mod tidy;
mod transcripts;
mod verdicts;
