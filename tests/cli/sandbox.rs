//! `xcdrill sandbox`: scripts in both output forms, exit statuses 0/1/2, org
//! file errors located by `path:line:col`, and the prompt driven by piped stdin.

use crate::harness::{Workspace, assert_line};

/// An older org whose admin allowed standard external profiles.
const ORG: &str = r#"[settings]
digital_experiences = true
standard_external_profiles = true

[[license]]
name = "Partner Community"
seats = 5

[[site]]
name = "Partner Hub"
template = "Partner Central"
status = "active"
members = ["Partner Community User"]

[[internal_user]]
name = "Dana Owner"

[[account]]
name = "Acme Reseller"
owner = "Dana Owner"
partner = true

[[contact]]
name = "Priya Shah"
account = "Acme Reseller"
email = "priya@acme.example"
"#;

const ENABLE: &str = "enable partner user \"Priya Shah\" profile \"Partner Community User\"";

fn workspace() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("org.toml", ORG);
    workspace
}

#[test]
fn a_script_that_succeeds_exits_0_and_prints_ok_lines() {
    let workspace = workspace();
    workspace.write(
        "fix.txt",
        format!("# give the owner a role first\nassign role \"VP Sales\" to \"Dana Owner\"\n{ENABLE}; login \"Priya Shah\" site \"Partner Hub\"\n"),
    );
    let run = workspace.run(&["sandbox", "--org", "org.toml", "--script", "fix.txt"]);
    run.succeeds().stdout_is(
        "2 | assign role \"VP Sales\" to \"Dana Owner\"\n    ok: `Dana Owner` now has role `VP Sales`\n\
         3 | enable partner user \"Priya Shah\" profile \"Partner Community User\"\n    ok: enabled `Priya Shah` as a partner user (profile `Partner Community User`) with role `Acme Reseller Partner User`; it holds a Partner Community seat\n\
         3 | login \"Priya Shah\" site \"Partner Hub\"\n    ok: `Priya Shah` logged in to site `Partner Hub`\n",
    );
}

#[test]
fn a_failed_command_exits_1_and_shows_its_code() {
    let workspace = workspace();
    workspace.write("fix.txt", format!("{ENABLE}\nshow licenses\n"));
    let run = workspace.run(&["sandbox", "--org", "org.toml", "--script", "fix.txt"]);
    // Later commands still run.
    run.fails_with(1, "").stdout_is(
        "1 | enable partner user \"Priya Shah\" profile \"Partner Community User\"\n    \
         error[OWNER_NO_ROLE]: `Dana Owner`, owner of account `Acme Reseller`, has no role \
         (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to \"Dana Owner\"`)\n\
         2 | show licenses\n    \
         licenses\n      \
         Customer Community: none\n      \
         Customer Community Plus: none\n      \
         Partner Community: 0 of 5 seats in use\n",
    );
}

#[test]
fn a_parse_error_exits_1() {
    let workspace = workspace();
    workspace.write("bad.txt", "enabel digital experiences\n");
    let run = workspace.run(&["sandbox", "--script", "bad.txt"]);
    run.fails_with(1, "").stdout_is(
        "1 | enabel digital experiences\n    \
         error[PARSE_ERROR]: expected `enable`, `disable`, `create`, `activate`, `deactivate`, \
         `add`, `assign`, `set`, `login`, `check` or `show` at word 1, found `enabel`; \
         did you mean `enable`?\n",
    );
}

#[test]
fn json_gives_one_object_a_command_with_c2_keys() {
    let workspace = workspace();
    workspace.write(
        "fix.txt",
        format!("check \"Priya Shah\" as partner site \"Partner Hub\"\n\n{ENABLE}; show users\n"),
    );
    let run = workspace.run(&[
        "sandbox", "--org", "org.toml", "--script", "fix.txt", "--json",
    ]);
    run.fails_with(1, "");
    let objects = run.json_lines();
    assert_eq!(objects.len(), 3);
    assert_eq!(objects[0]["line"], 1);
    assert_eq!(objects[0]["ok"], true);
    assert_eq!(
        objects[0]["blockers"],
        serde_json::json!([
            {"code": "OWNER_NO_ROLE", "fix": "assign role \"Sales Manager\" to \"Dana Owner\""},
            {"code": "NO_EXTERNAL_USER", "fix": ENABLE},
        ])
    );
    assert_eq!(objects[1]["line"], 3);
    assert_eq!(objects[1]["command"], ENABLE);
    assert_eq!(objects[1]["ok"], false);
    assert_eq!(objects[1]["code"], "OWNER_NO_ROLE");
    assert_eq!(
        objects[2]["line"], 3,
        "two commands on a line share its number"
    );
    assert!(
        objects[2]["message"]
            .as_str()
            .unwrap()
            .starts_with("internal users\n  Dana Owner (no role)")
    );
    assert!(objects[2].get("blockers").is_none());
}

#[test]
fn a_new_org_blocks_standard_profiles_until_the_setting_is_on() {
    let workspace = workspace();
    workspace.write(
        "new-org.toml",
        ORG.replace("standard_external_profiles = true\n", ""),
    );
    workspace.write(
        "fix.txt",
        format!("assign role \"VP Sales\" to \"Dana Owner\"\n{ENABLE}\ncheck \"Priya Shah\" as partner site \"Partner Hub\"\nset standard external profiles on\n{ENABLE}\n"),
    );
    let run = workspace.run(&[
        "sandbox",
        "--org",
        "new-org.toml",
        "--script",
        "fix.txt",
        "--json",
    ]);
    run.fails_with(1, "");
    let objects = run.json_lines();
    let codes: Vec<&str> = objects
        .iter()
        .map(|object| object["code"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(codes, ["ok", "STANDARD_PROFILE_BLOCKED", "ok", "ok", "ok"]);
    assert_eq!(
        objects[2]["blockers"],
        serde_json::json!([
            {"code": "STANDARD_PROFILE_BLOCKED", "fix": "set standard external profiles on"},
            {"code": "NO_EXTERNAL_USER", "fix": ENABLE},
        ])
    );
    // An empty org is a new org too.
    workspace.write("try.txt", "show org\n");
    workspace
        .run(&["sandbox", "--script", "try.txt"])
        .succeeds()
        .stdout_is(
            "1 | show org\n    \
             settings\n      \
             digital experiences: off\n      \
             standard external profiles: off\n      \
             roles per account: 1 partner, 1 customer\n\n    \
             licenses\n      \
             Customer Community: none\n      \
             Customer Community Plus: none\n      \
             Partner Community: none\n\n    \
             sites\n      (none)\n\n    \
             internal users\n      (none)\n    \
             external users\n      (none)\n\n    \
             accounts\n      (none)\n\n    \
             roles\n      (none)\n",
        );
}

#[test]
fn the_script_may_come_from_stdin() {
    let workspace = workspace();
    let run = workspace.run_with_stdin(
        &["sandbox", "--org", "org.toml", "--script", "-", "--json"],
        "show sites\n",
    );
    assert_eq!(run.succeeds().json()["command"], "show sites");
}

#[test]
fn global_options_are_accepted_and_content_does_not_matter() {
    let workspace = workspace();
    let content = crate::harness::content_dir().display().to_string();
    let args = [
        "--content",
        &content,
        "--color",
        "never",
        "sandbox",
        "--org",
        "org.toml",
        "--script",
        "-",
        "--json",
    ];
    let run = workspace.run_with_stdin(&args, "show licenses\n");
    assert_eq!(run.succeeds().json()["ok"], true);
}

#[test]
fn unreadable_files_exit_2() {
    let workspace = workspace();
    for (args, missing) in [
        (["--org", "missing.toml", "--script", "-"], "missing.toml"),
        (
            ["--org", "org.toml", "--script", "missing.txt"],
            "missing.txt",
        ),
    ] {
        workspace
            .run(&[&["sandbox"][..], &args].concat())
            .fails_with(
                2,
                &format!(
                    "error: cannot read `{missing}`\ncaused by: {}\n",
                    workspace.read_error(missing)
                ),
            )
            .stdout_is("");
    }
}

#[test]
fn an_invalid_org_file_exits_2_with_every_error_located() {
    let workspace = workspace();
    workspace.write(
        "bad.toml",
        "[[site]]\nname = \"Hub\"\ntemplate = \"Partner Centrl\"\n\n[[account]]\nname = \"A\"\nowner = \"Nobody\"\n",
    );
    workspace
        .run(&["sandbox", "--org", "bad.toml", "--script", "-"])
        .fails_with(
            2,
            "error: site `Hub` needs Digital Experiences, which is off\n \
             --> bad.toml:2:8\n  |\n2 | name = \"Hub\"\n  |        ^^^^^\n  \
             = hint: set `digital_experiences = true` under [settings]\n\
             error: unknown site template `Partner Centrl`\n \
             --> bad.toml:3:12\n  |\n3 | template = \"Partner Centrl\"\n  |            ^^^^^^^^^^^^^^^^\n  \
             = hint: did you mean `Partner Central`?\n\
             error: unknown internal user `Nobody`\n \
             --> bad.toml:7:9\n  |\n7 | owner = \"Nobody\"\n  |         ^^^^^^^^\n  \
             = hint: an owner is an [[internal_user]]\n\
             error: `bad.toml` is not a valid org file: 3 errors (above)\n",
        )
        .stdout_is("");
}

#[test]
fn piped_stdin_runs_commands_with_no_prompt_and_understands_sandbox_words() {
    let workspace = workspace();
    let run = workspace.run_with_stdin(
        &["sandbox", "--org", "org.toml"],
        &format!(
            "{ENABLE}\nassign role Boss to \"Dana Owner\"\nundo\nsave saved.toml\nquit\nshow\n"
        ),
    );
    // The failed enable counts; no prompt when piped; nothing runs after quit.
    run.fails_with(1, "").stdout_is(
        "1 | enable partner user \"Priya Shah\" profile \"Partner Community User\"\n    \
         error[OWNER_NO_ROLE]: `Dana Owner`, owner of account `Acme Reseller`, has no role \
         (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to \"Dana Owner\"`)\n\
         2 | assign role Boss to \"Dana Owner\"\n    \
         ok: `Dana Owner` now has role `Boss`\n\
         3 | undo\n    \
         ok: undid `assign role Boss to \"Dana Owner\"`\n\
         4 | save saved.toml\n    \
         ok: saved the org to `saved.toml`; load it with `xcdrill sandbox --org saved.toml`\n",
    );
    let saved = std::fs::read_to_string(workspace.path("saved.toml")).unwrap();
    assert!(
        saved.contains("[[internal_user]]\nname = \"Dana Owner\"\n\n"),
        "undo took the role back:\n{saved}"
    );
    let reloaded = workspace.run_with_stdin(
        &["sandbox", "--org", "saved.toml", "--json"],
        "show users\n",
    );
    reloaded.succeeds();
}

#[test]
fn piped_help_lists_commands_with_examples() {
    let workspace = workspace();
    let run = workspace.run_with_stdin(&["sandbox"], "help\n");
    run.succeeds();
    for line in [
        "      login CONTACT site SITE                login \"Priya Shah\" site \"Partner Hub\"",
        "      undo       take back the last line that changed the org (up to 100)",
    ] {
        assert_line(&run.stdout, line);
    }
}

#[test]
fn random_starts_on_a_generated_org_and_prints_its_goal() {
    let workspace = workspace();
    let first = workspace.run_with_stdin(&["sandbox", "--random", "42"], "show\n");
    let second = workspace.run_with_stdin(&["sandbox", "--random", "42"], "show\n");
    first.succeeds();
    let goal = first.stdout.lines().next().unwrap_or_default();
    assert!(goal.starts_with("goal: `"), "{}", first.stdout);
    assert_eq!(
        first.stdout, second.stdout,
        "the same seed gives the same org"
    );
    let json = workspace.run_with_stdin(&["sandbox", "--random", "42", "--json"], "show\n");
    // With --json the goal line goes to stderr, alone.
    assert_eq!(json.succeeds().stderr, format!("{goal}\n"));
    assert_eq!(json.json_lines().len(), 1, "stdout holds only JSON Lines");
}

#[test]
fn random_and_org_do_not_mix() {
    workspace()
        .run(&["sandbox", "--random", "1", "--org", "org.toml"])
        .fails_with(
            2,
            "error: the argument '--random <SEED>' cannot be used with '--org <FILE>'\n\n\
             Usage: xcdrill sandbox --random <SEED>\n\n\
             For more information, try '--help'.\n",
        );
}

/// The one pseudo-terminal smoke test: prompt, Tab completion, Ctrl-C clearing
/// the line, Ctrl-D ending the session, and history kept in the data dir.
#[test]
#[cfg(unix)]
fn the_terminal_prompt_completes_clears_and_keeps_history() {
    let workspace = workspace();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_xcdrill"));
    command
        .current_dir(workspace.path(""))
        .env("XCDRILL_DATA_DIR", workspace.path("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["sandbox", "--org", "org.toml"]);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(10_000))
        .strip_ansi_escape_codes(true);
    let mut session = rexpect::session::spawn_with_options(command, options).expect("pty spawns");
    session.exp_string("type `help`").expect("greeting");
    session.exp_string("org> ").expect("prompt");
    // Tab completes the keyword, then the contact's quoted name.
    session.send("check Pri\t").expect("send");
    session.flush().expect("flush");
    session
        .exp_string("\"Priya Shah\"")
        .expect("name completed");
    session
        .send_line("as partner site \"Partner Hub\"")
        .expect("send");
    session.flush().expect("flush");
    session.exp_string("2 blockers").expect("check ran");
    // Input sent before the next prompt may be flushed when raw mode returns.
    let fresh_prompt = "\n\rorg> ";
    session.exp_string(fresh_prompt).expect("prompt");
    // Ctrl-C clears a half-typed line where it stands; the next one runs.
    session.send("disable digital").expect("send");
    session.flush().expect("flush");
    session.exp_string("disable digital").expect("typed");
    session.send_control('c').expect("ctrl-c");
    session.exp_string("\rorg> ").expect("prompt, line cleared");
    session.send_control('c').expect("ctrl-c on the empty line");
    session
        .exp_string("`quit` or Ctrl-D leaves")
        .expect("says how to leave instead");
    session.send_line("show licenses").expect("send");
    session.flush().expect("flush");
    session
        .exp_string("Partner Community: 0 of 5 seats in use")
        .expect("show ran");
    session.exp_string(fresh_prompt).expect("prompt");
    session.send_control('d').expect("ctrl-d");
    session.exp_eof().expect("session ends");
    let history =
        std::fs::read_to_string(workspace.path("data/sandbox_history.txt")).expect("history saved");
    assert!(history.contains("show licenses"), "{history}");
    assert!(!history.contains("disable digital"), "{history}");
}

/// What a new user sees when trying the sandbox with piped commands.
#[test]
fn a_piped_session_reads_like_a_transcript() {
    let workspace = workspace();
    let session = [
        "check \"priya shah\" as partner site \"Partner Hub\"",
        "enable partner user \"Priya Shah\" profile \"Partner Comunity User\"",
        "assign role \"VP Sales\" to \"Dana Owner\"; enable partner user \"Priya Shah\" profile \"Partner Community User\"",
        "login \"Priya Shah\" site \"Partner Hub\"",
        "undo",
        "show accounts",
    ];
    let run = workspace.run_with_stdin(&["sandbox", "--org", "org.toml"], &session.join("\n"));
    run.fails_with(1, "");
    insta::assert_snapshot!(run.stdout);
}

/// Each script line kept a copy of the org for an `undo` scripts don't have,
/// and names were looked up one by one: 8,000 lines took 4 GB, 100,000 never
/// ended. 20,000 lines that keep growing the org must simply run.
#[test]
fn a_script_of_20000_commands_keeps_no_undo_copies_and_runs() {
    let workspace = Workspace::new();
    workspace.write("big.txt", growing_script());
    let run = workspace.run(&["sandbox", "--script", "big.txt", "--json"]);
    run.succeeds();
    let outcomes = run.json_lines();
    assert_eq!(outcomes.len(), 20_000);
    assert!(outcomes.iter().all(|outcome| outcome["ok"] == true));
    assert_eq!(outcomes[19_999]["line"], 20_000);
}

/// 20,000 lines that create an account and a contact each two lines.
fn growing_script() -> String {
    let mut script = String::from(
        "enable digital experiences\ncreate internal user \"Dana Owner\" role \"VP Sales\"\n",
    );
    for idx in 0..9_999 {
        script.push_str(&format!(
            "create account \"Acct {idx}\" owner \"Dana Owner\"\ncreate contact \"Person {idx}\" account \"Acct {idx}\" email p{idx}@acme.example\n"
        ));
    }
    script
}

/// Piped, the sandbox understands `undo`: its history is lines replayed, not
/// copies of the org, so 20,000 lines still run and the last can be undone.
#[test]
fn a_piped_session_of_20000_lines_runs_and_can_still_undo() {
    let workspace = Workspace::new();
    let input = growing_script() + "undo\nshow contacts\n";
    let run = workspace.run_with_stdin(&["sandbox"], &input);
    run.succeeds();
    assert!(
        run.stdout.contains(
            "ok: undid `create contact \"Person 9998\" account \"Acct 9998\" email p9998@acme.example`"
        ),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(500)..]
    );
    let listing = &run.stdout[run.stdout.rfind("show contacts").unwrap_or(0)..];
    assert!(listing.contains("Person 9997"), "{listing:.300}");
    assert!(!listing.contains("Person 9998"), "{listing:.300}");
}
