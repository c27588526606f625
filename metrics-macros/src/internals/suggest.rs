//! What the user may have meant: the known keys, and the one nearest to
//! a key that is not known.

/// `keys` as a list for a message: `` `a`, `b` ``.
pub(crate) fn key_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known key nearest to `key`: a typo (edit distance 2 or less) or a
/// word other libraries use for it.
pub(crate) fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    const SYNONYMS: &[(&str, &str)] = &[
        ("description", "help"),
        ("doc", "help"),
        ("rename", "name"),
        ("prefix", "namespace"),
        ("static_labels", "const_labels"),
    ];
    if let Some((_, known_key)) = SYNONYMS.iter().find(|(word, _)| *word == key) {
        return known.iter().copied().find(|k| k == known_key);
    }
    known
        .iter()
        .copied()
        .map(|k| (edit_distance(key, k), k))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
