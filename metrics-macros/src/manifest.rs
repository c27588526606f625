//! Whether the user's Cargo.toml can give the runtime crate another name.
//!
//! proc-macro-crate answers the question fully, but its first call in a
//! compiler process runs `cargo locate-project` to find the workspace
//! manifest, which costs more than expanding dozens of components. A
//! dependency can only be renamed by a `package = "prometheus-component"`
//! key, in the crate's manifest or, for a dependency inherited with
//! `workspace = true`, in the workspace's. A manifest that has neither
//! cannot rename it, and that one read answers for most crates.

/// `false` when `manifest` (a Cargo.toml's text) surely keeps the runtime
/// crate's own name; `true` when it might rename it, and proc-macro-crate
/// must tell.
pub(crate) fn may_rename_runtime(manifest: &str) -> bool {
    let mut in_dependencies = false;
    for line in manifest.lines() {
        let line: String = line
            .split('#')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        if line.starts_with('[') {
            in_dependencies = line.contains("dependencies");
            continue;
        }
        if line.contains("package=prometheus-component") {
            return true;
        }
        let inherits = line.contains("workspace=true");
        if inherits && (in_dependencies || line.contains("dependencies")) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_rename_runtime;

    #[test]
    fn a_plain_dependency_keeps_the_name() {
        let manifest = r#"
            [package]
            name = "shop"
            version.workspace = true
            edition = { workspace = true }

            [dependencies]
            prometheus-component = { version = "0.1", features = ["http"] }
            serde = "1" # package = "prometheus-component" in a comment
        "#;
        assert!(!may_rename_runtime(manifest));
    }

    #[test]
    fn a_package_key_may_rename_it() {
        for manifest in [
            "[dependencies]\nmetrics = { package = \"prometheus-component\", version = \"0.1\" }",
            "[dependencies.metrics]\npackage='prometheus-component'",
            "[target.'cfg(unix)'.dependencies]\nm = { package  =  \"prometheus-component\" }",
            "[workspace.dependencies]\nmetrics = { package = \"prometheus-component\" }",
        ] {
            assert!(may_rename_runtime(manifest), "{manifest}");
        }
    }

    #[test]
    fn an_inherited_dependency_may_rename_it() {
        for manifest in [
            "[dependencies]\nmetrics = { workspace = true }",
            "[dev-dependencies]\nmetrics.workspace = true",
            "[dependencies.metrics]\nworkspace = true",
            "[package]\nname = \"a\"\n[dependencies]\nmetrics = {workspace=true, features=[\"http\"]}",
        ] {
            assert!(may_rename_runtime(manifest), "{manifest}");
        }
    }
}
