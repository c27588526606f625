//! The compile errors users see, as trybuild snapshots: every declaration
//! mistake must be a compile error on the right span, and every pass case
//! must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
