//! Budgets (BENCHMARKS.md): a 20-command scenario with its goal check under
//! 100 µs, and generating and verifying over 50,000 scenarios a second.

use std::cell::Cell;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use xcdrill::org::{self, Goal, License, Org, UserKind};

fn main() {
    divan::main();
}

const ORG: &str = r#"
[settings]
digital_experiences = true
standard_external_profiles = false

[[internal_user]]
name = "Dana Owner"

[[account]]
name = "Acme Reseller"
owner = "Dana Owner"

[[contact]]
name = "Priya Shah"
account = "Acme Reseller"
"#;

/// Twenty commands, one of which fails, ending in a login.
const SCRIPT: &str = r#"show licenses
create site "Partner Hub" template "Partner Central"
activate site "Partner Hub"
add member "Partner Community User" to site "Partner Hub"
enable partner user "Priya Shah" profile "Partner Community User"
enable partner account "Acme Reseller"
assign role "VP Sales" to "Dana Owner"
add licenses "Partner Community" 5
set contact "Priya Shah" email priya@acme.example
set standard external profiles on
enable partner user "Priya Shah" profile "Partner Community User"
create contact "Sam Okafor" account "Acme Reseller" email sam@acme.example
enable partner user "Sam Okafor" profile "Partner Community User"
deactivate user "Sam Okafor"
activate user "Sam Okafor"
create internal user "Mei Chen" role "Channel Manager"
create account Globex owner "Mei Chen"
check "Priya Shah" as partner site "Partner Hub"
login "Sam Okafor" site "Partner Hub"
login "Priya Shah" site "Partner Hub""#;

#[divan::bench]
fn scenario_of_20_commands_and_its_goal(bencher: Bencher) {
    let start = org::load("bench.toml", ORG).unwrap_or_else(|_| Org::new());
    let goal = Goal::Login {
        contact: "Priya Shah".to_string(),
        kind: UserKind::Partner,
        site: "Partner Hub".to_string(),
    };
    assert_eq!(SCRIPT.lines().count(), 20);
    bencher.bench_local(|| {
        let mut org = start.clone();
        let outcomes = org.run_script(black_box(SCRIPT));
        let n_failed = outcomes.iter().filter(|step| !step.outcome.is_ok()).count();
        (n_failed, goal.holds(&org))
    });
}

#[divan::bench]
fn generate_and_verify_a_scenario(bencher: Bencher) {
    let seed = Cell::new(0_u64);
    bencher.counter(ItemsCount::new(1_usize)).bench_local(|| {
        seed.set(seed.get() + 1);
        org::generate(black_box(seed.get()))
    });
}

#[divan::bench]
fn check_blockers_of_an_active_user_goal(bencher: Bencher) {
    let start = org::load("bench.toml", ORG).unwrap_or_else(|_| Org::new());
    let goal = Goal::ActiveUser {
        contact: "Priya Shah".to_string(),
        license: License::PartnerCommunity,
    };
    bencher.bench_local(|| goal.blockers(black_box(&start)));
}
