//! Token-level mutations of valid declarations: each case starts from a
//! declaration both macros accept and deletes, inserts, replaces, swaps or
//! regroups a few tokens, which reaches the error paths one typo away from
//! working code.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use proptest::collection::vec;
use proptest::prelude::*;

/// Valid derive inputs (the struct the derive receives).
pub(crate) const DERIVE_SEEDS: &[&str] = &[
    r#"
    /// The HTTP front end.
    #[metrics(component = "http", namespace = "shop")]
    pub struct HttpMetrics {
        /// Requests received.
        pub requests_total: IntCounter,
        /// Responses sent.
        #[metric(labels = ["method", "class"], const_labels = [("region", "eu")])]
        pub responses_total: IntCounterVec,
        /// Time to first byte.
        #[metric(buckets = [0.005, 0.01, 0.1, 1.0])]
        pub latency_seconds: Histogram,
    }
    "#,
    r#"
    #[metrics(component = "db", subsystem = "", crate = "crate::rt")]
    struct DbMetrics {
        #[metric(help = "Query time.", name = "query_seconds", labels = ["table"], buckets = exponential(0.001, 2.5, 6))]
        queries: prometheus::HistogramVec,
        /// Open connections.
        #[metric(buckets = linear(-1, 0.5, 4))]
        r#open: Histogram,
        /// Typed labels.
        #[metric(labels = [method: Method, class: Class])]
        responses_total: Labeled<IntCounter, (Method, Class)>,
    }
    "#,
];

/// Valid `metrics_component!` inputs.
pub(crate) const MACRO_SEEDS: &[&str] = &[
    r#"
    /// Metrics of the HTTP front end.
    pub struct HttpMetrics: "http" in "shop" {
        /// Requests received.
        requests_total: IntCounter,
        /// Responses sent.
        responses_total: IntCounterVec["method", "class"] { "region" = "eu" },
        /// Time to first byte.
        latency_seconds: Histogram = [0.005, 0.01, 0.1, 1.0],
    }
    "#,
    r#"
    #[metrics(subsystem = "", crate = "crate::rt")]
    pub(crate) struct StoreMetrics: "store" {
        #[metric(name = "writes_total")]
        /// Objects written.
        pub(self) written: prometheus::IntCounter,
        /// Sizes.
        object_bytes: HistogramVec["bucket"] = exponential(1024, 4, 6),
    }
    /// A second component.
    struct Other: "other" in "shop" {
        /// Runs.
        runs_total: IntCounter,
    }
    "#,
];

/// Tokens to insert or substitute: what typos and half-edits leave behind.
const LEAVES: &str = r#"
    "http" "" "__x" "a:b" "Http" "le" "x_total" 1e999 0.5 -1 NaN 0x10 1u8 'c' b"x"
    , = # : :: - ! < > ; . & * ? @ $ | + / %
    r#type foo labels buckets const_labels name help component namespace subsystem crate
    exponential linear metric metrics struct enum in pub where _ Self IntCounter
"#;

/// A declaration as a flat list: leaves, and the opening and closing of
/// groups, so that a mutation at any depth is one index.
#[derive(Clone)]
enum Piece {
    Leaf(TokenTree),
    Open(Delimiter),
    Close,
}

fn flatten(tokens: TokenStream, out: &mut Vec<Piece>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                out.push(Piece::Open(group.delimiter()));
                flatten(group.stream(), out);
                out.push(Piece::Close);
            }
            leaf => out.push(Piece::Leaf(leaf)),
        }
    }
}

/// The token stream of `pieces`; `None` if a mutation unbalanced it.
fn rebuild(pieces: &[Piece]) -> Option<TokenStream> {
    let mut stack: Vec<(Delimiter, Vec<TokenTree>)> = vec![(Delimiter::None, Vec::new())];
    for piece in pieces {
        match piece {
            Piece::Leaf(tree) => stack.last_mut()?.1.push(tree.clone()),
            Piece::Open(delimiter) => stack.push((*delimiter, Vec::new())),
            Piece::Close => {
                let (delimiter, trees) = stack.pop()?;
                let group = Group::new(delimiter, trees.into_iter().collect());
                stack.last_mut()?.1.push(group.into());
            }
        }
    }
    let (_, trees) = stack.pop()?;
    stack.is_empty().then(|| trees.into_iter().collect())
}

fn leaves() -> Vec<TokenTree> {
    let mut pieces = Vec::new();
    flatten(LEAVES.parse().unwrap_or_default(), &mut pieces);
    pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Leaf(tree) => Some(tree),
            _ => None,
        })
        .collect()
}

/// One mutation: what to do, where, and with which leaf.
type Edit = (u8, usize, usize);

fn apply(pieces: &mut Vec<Piece>, (kind, at, leaf): Edit, pool: &[TokenTree]) {
    if pieces.is_empty() || pool.is_empty() {
        return;
    }
    let at = at % pieces.len();
    let leaf = Piece::Leaf(pool[leaf % pool.len()].clone());
    match kind % 8 {
        0 => {
            if matches!(pieces[at], Piece::Leaf(_)) {
                pieces.remove(at);
            }
        }
        1 => pieces.insert(at, leaf),
        2 => {
            if matches!(pieces[at], Piece::Leaf(_)) {
                pieces[at] = leaf;
            }
        }
        3 => {
            let next = (at + 1) % pieces.len();
            if matches!(pieces[at], Piece::Leaf(_)) && matches!(pieces[next], Piece::Leaf(_)) {
                pieces.swap(at, next);
            }
        }
        4 => {
            if let Piece::Leaf(_) = pieces[at] {
                let copy = pieces[at].clone();
                pieces.insert(at, copy);
            }
        }
        5 => {
            // Another delimiter for a group: `[...]` becomes `(...)`.
            if let Piece::Open(delimiter) = &mut pieces[at] {
                *delimiter = match delimiter {
                    Delimiter::Bracket => Delimiter::Parenthesis,
                    Delimiter::Parenthesis => Delimiter::Brace,
                    Delimiter::Brace => Delimiter::None,
                    Delimiter::None => Delimiter::Bracket,
                };
            }
        }
        6 => {
            // Empty a group: `labels = []`, `struct M {}`.
            if let Piece::Open(_) = pieces[at] {
                let mut depth = 0usize;
                let mut end = at;
                for (i, piece) in pieces.iter().enumerate().skip(at) {
                    match piece {
                        Piece::Open(_) => depth += 1,
                        Piece::Close => {
                            depth -= 1;
                            if depth == 0 {
                                end = i;
                                break;
                            }
                        }
                        Piece::Leaf(_) => {}
                    }
                }
                if end > at {
                    pieces.drain(at + 1..end);
                }
            }
        }
        _ => {
            // Wrap one leaf in a group: `"http"` becomes `("http")`.
            if let Piece::Leaf(_) = pieces[at] {
                pieces.insert(at + 1, Piece::Close);
                pieces.insert(at, Piece::Open(Delimiter::Parenthesis));
            }
        }
    }
}

/// A seed from `seeds` with one to six mutations.
pub(crate) fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = TokenStream> {
    (
        0..seeds.len(),
        vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..7),
    )
        .prop_map(move |(seed, edits)| {
            let pool = leaves();
            let mut pieces = Vec::new();
            flatten(seeds[seed].parse().unwrap_or_default(), &mut pieces);
            for edit in edits {
                apply(&mut pieces, edit, &pool);
            }
            rebuild(&pieces).unwrap_or_default()
        })
}

#[test]
fn rebuild_inverts_flatten() {
    for seed in DERIVE_SEEDS.iter().chain(MACRO_SEEDS) {
        let tokens: TokenStream = seed.parse().expect("seeds lex");
        let mut pieces = Vec::new();
        flatten(tokens.clone(), &mut pieces);
        let back = rebuild(&pieces).expect("balanced");
        assert_eq!(back.to_string(), tokens.to_string());
    }
}
