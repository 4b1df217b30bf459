//! Benchmark: render 10,000 KPI charts and report the time per chart.
//! Run with `cargo bench --bench charts` (optionally `-- N` for another count).

use std::collections::BTreeMap;
use std::time::Instant;

use kensho::derive::kpi_figures;
use kensho::draw::chart::kpi_drawing;
use kensho::model::kpi::{Cell, Direction, Kpi};
use kensho::model::value::Number;
use kensho::model::year::{FiscalYear, YearStyle};

/// A realistic KPI: a baseline, 5–8 years of values (some missing, some carried), a target.
fn kpi(seed: u64) -> Kpi {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let years = 5 + (next() % 4) as u16;
    let base = 100.0 + (next() % 5000) as f64;
    let cell = |v: f64| Cell {
        amount: Some(Number {
            value: v,
            decimals: 0,
        }),
        ..Cell::default()
    };
    let mut actual = BTreeMap::new();
    for i in 1..=years {
        let year = FiscalYear::new(2014 + i).unwrap();
        let c = match next() % 10 {
            0 => Cell::default(),
            1 => Cell {
                measured: FiscalYear::new(2014 + i - 1),
                ..cell(base + (next() % 400) as f64 - 200.0)
            },
            _ => cell(base + (next() % 400) as f64 - 200.0),
        };
        actual.insert(year, c);
    }
    Kpi {
        id: format!("kpi-{seed}"),
        category: None,
        name: format!("指標{seed}"),
        definition: None,
        source: None,
        unit: "人".into(),
        unit_space: false,
        direction: if next() % 3 == 0 {
            Some(Direction::Down)
        } else {
            Some(Direction::Up)
        },
        direction_mark: None,
        scale: None,
        baseline: Some((Some(FiscalYear::new(2014).unwrap()), cell(base))),
        actual,
        targets: BTreeMap::new(),
        rates: BTreeMap::new(),
        target: Some(Cell {
            target_year: FiscalYear::new(2014 + years + 1),
            ..cell(base * 1.2)
        }),
        target_final: false,
        grades: BTreeMap::new(),
        ungraded: BTreeMap::new(),
        note: None,
        qualitative: false,
        target_state: None,
        states: BTreeMap::new(),
        texts: Vec::new(),
    }
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let kpis: Vec<Kpi> = (0..n as u64).map(kpi).collect();
    let figures: Vec<_> = kpis.iter().map(kpi_figures).collect();
    let started = Instant::now();
    let mut bytes = 0;
    for (k, f) in kpis.iter().zip(&figures) {
        let svg = kpi_drawing(
            k,
            f,
            YearStyle::EraWestern.into(),
            &kensho::model::Labels::default(),
        )
        .expect("a chart")
        .svg(&k.id);
        bytes += svg.len();
    }
    let elapsed = started.elapsed();
    println!(
        "{n} charts in {:.3} s: {:.1} µs per chart, {:.1} KB per chart on average",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / n as f64,
        bytes as f64 / n as f64 / 1024.0
    );
}
