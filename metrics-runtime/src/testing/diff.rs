//! A line diff for test failure messages.

/// `expected` against `actual` as diff lines: `  ` kept, `- ` only expected,
/// `+ ` only actual (longest common subsequence, fine for test-sized input).
pub(crate) fn lines(expected: &[String], actual: &[String]) -> Vec<String> {
    let (n, m) = (expected.len(), actual.len());
    // common[i][j]: length of the LCS of expected[i..] and actual[j..].
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if expected[i] == actual[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            out.push(format!("  {}", expected[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || common[i + 1][j] >= common[i][j + 1]) {
            out.push(format!("- {}", expected[i]));
            i += 1;
        } else {
            out.push(format!("+ {}", actual[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn marks_changed_lines() {
        let diff = super::lines(&owned(&["a", "b 1", "c"]), &owned(&["a", "b 2", "c"]));
        assert_eq!(diff, ["  a", "- b 1", "+ b 2", "  c"]);
    }

    #[test]
    fn handles_missing_and_extra_lines() {
        assert_eq!(super::lines(&owned(&["a"]), &owned(&[])), ["- a"]);
        assert_eq!(super::lines(&owned(&[]), &owned(&["b"])), ["+ b"]);
    }
}
