//! Property test: whatever a front matter holds, the pipeline reports problems and
//! never panics.

mod common;

use proptest::prelude::*;

use common::*;

/// Strings that look like front matter: keys the model knows, values of every shape.
fn front_matter() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("code"),
        Just("intent"),
        Just("weight"),
        Just("related"),
        Just("programs"),
        Just("kpis"),
        Just("groups"),
        Just("evaluations"),
        Just("actual"),
        Just("H31"),
        Just("R01"),
        Just("\"令和元年度\""),
        Just("name"),
        Just("unit"),
        Just("value"),
        Just("baseline"),
        Just("target"),
        Just("grades"),
        Just("draft"),
        Just("[[kpis]]"),
        Just("[evaluations.R01]"),
        Just("[kpis.actual]"),
    ];
    let value = prop_oneof![
        Just("\"施策1\"".to_string()),
        Just("1".to_string()),
        Just("-3.5".to_string()),
        Just("true".to_string()),
        Just("[\"@/plan/goal-1/policy-2.md\", 3]".to_string()),
        Just("{ R01 = \"▲1,2\", H31 = { note = 1 } }".to_string()),
        Just("{ year = \"H99\", value = \"865 (H22～26)\" }".to_string()),
        Just("\"—\"".to_string()),
        Just("1979-05-27".to_string()),
        "\"[^\"\\\\\n]{0,12}\"".prop_map(|s| s),
    ];
    prop::collection::vec((key, value), 0..12).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| {
                if k.starts_with('[') {
                    format!("{k}\n")
                } else {
                    format!("{k} = {v}\n")
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn any_front_matter_is_reported_not_panicked(front in front_matter(), body in "\\PC{0,30}") {
        let site = temp_dir("prop");
        copy_dir(&repo().join("tests/sites/minimal"), &site);
        std::fs::write(site.join("content/plan/goal-1/policy-1.md"), format!("+++\n{front}+++\n{body}")).unwrap();
        let outcome = std::panic::catch_unwind(|| kensho::commands::pipeline::run(&site));
        prop_assert!(outcome.is_ok(), "panicked on:\n{}", front);
        let outcome = outcome.unwrap();
        // Either it renders, or every error says where it is.
        if outcome.files.is_none() {
            prop_assert!(outcome.diagnostics.has_errors());
        }
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn arbitrary_bytes_in_a_content_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let site = temp_dir("prop-bytes");
        copy_dir(&repo().join("tests/sites/minimal"), &site);
        std::fs::write(site.join("content/programs/x.md"), &bytes).unwrap();
        let outcome = std::panic::catch_unwind(|| kensho::commands::pipeline::run(&site));
        prop_assert!(outcome.is_ok());
        std::fs::remove_dir_all(&site).unwrap();
    }
}
