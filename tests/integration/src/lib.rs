//! Runtime integration tests live in `tests/`.
