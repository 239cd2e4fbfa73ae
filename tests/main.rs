//! The integration tests: one binary, one module per area (it links once).

mod cli;
mod common;
mod extract;
mod grammar;
mod regression;
mod robustness;
mod seeds;
