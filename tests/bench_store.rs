//! Benchmark (not a test): the time to save one quiz answer to IndexedDB, the way the quiz saves
//! it (one read-merge-write transaction per answer), over 1,000 saves. Ignored by `make test`;
//! `make bench` runs it with `--include-ignored --nocapture` and reads the figures it prints.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use erasmi::store::schema::StoreName;
use erasmi::store::Store;
use erasmi_core::quiz::{Answer, QuizAttempt};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAVES: usize = 1_000;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run by make bench"]
async fn saving_one_answer() {
    let name = format!("erasmi-bench-{}", js_sys::Math::random());
    let store = Store::open_named(&name).await;
    assert!(store.is_persistent(), "the benchmark needs IndexedDB");
    let questions: Vec<String> = (0..20).map(|i| format!("q{i}")).collect();
    let mut attempt = QuizAttempt {
        profile: "bench".into(),
        id: "bench-module/1".into(),
        module: "bench-module".into(),
        module_version: 1,
        seed: 7,
        started_at: 1.0,
        finished_at: None,
        questions: questions.clone(),
        current: 0,
        answers: BTreeMap::new(),
    };
    let mut times = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        let q = &questions[i % questions.len()];
        attempt.current = i % questions.len();
        attempt
            .answers
            .insert(q.clone(), Answer::SingleChoice(format!("option-{}", i % 4)));
        let snapshot = attempt.clone();
        let t0 = now();
        store
            .update(
                StoreName::QuizAttempts,
                "bench",
                &snapshot.id.clone(),
                |old| Some(snapshot.merged_into(old)),
            )
            .await
            .expect("save");
        times.push(now() - t0);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[(((p / 100.0) * SAVES as f64) as usize).min(SAVES - 1)];
    let mean = times.iter().sum::<f64>() / SAVES as f64;
    console_log!(
        "BENCH save_answer {{\"saves\":{SAVES},\"p50_ms\":{:.3},\"p95_ms\":{:.3},\"max_ms\":{:.3},\"mean_ms\":{:.3}}}",
        pct(50.0),
        pct(95.0),
        times[SAVES - 1],
        mean
    );
}
