//! The UI suite lives in `tests/`.
