//! Writing an org back as an org file that loads to the same org.

use std::fmt::Write;

use crate::org::state::{License, Org};

/// Writes `org` as an org file that loads back to the same org.
///
/// Roles left behind on an account whose users were all disabled or moved away
/// are the one thing the format can't say; they are not written.
pub fn to_toml(org: &Org) -> String {
    let mut out = String::new();
    let settings = org.settings();
    let _ = writeln!(out, "[settings]");
    let _ = writeln!(
        out,
        "digital_experiences = {}",
        settings.digital_experiences
    );
    let _ = writeln!(
        out,
        "standard_external_profiles = {}",
        settings.standard_external_profiles
    );
    let _ = writeln!(out, "partner_roles = {}", settings.partner_roles);
    let _ = writeln!(out, "customer_roles = {}", settings.customer_roles);
    for license in License::ALL {
        let seats = org.seats(license);
        if seats.total == 0 && seats.used_elsewhere == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "\n[[license]]\nname = {}\nseats = {}",
            string(license.name()),
            seats.total
        );
        if seats.used_elsewhere > 0 {
            let _ = writeln!(out, "used = {}", seats.used_elsewhere);
        }
    }
    for profile in org.profiles().iter().filter(|profile| !profile.standard) {
        let _ = writeln!(
            out,
            "\n[[profile]]\nname = {}\nlicense = {}",
            string(&profile.name),
            string(profile.license.name())
        );
    }
    for site in org.sites() {
        let members: Vec<String> = site
            .members
            .iter()
            .map(|&profile| string(&org.profiles()[profile].name))
            .collect();
        let _ = writeln!(
            out,
            "\n[[site]]\nname = {}\ntemplate = {}\nstatus = {}\nmembers = [{}]",
            string(&site.name),
            string(site.template.name()),
            string(site.status.name()),
            members.join(", ")
        );
    }
    for user in org.internal_users() {
        let _ = writeln!(out, "\n[[internal_user]]\nname = {}", string(&user.name));
        if let Some(role) = &user.role {
            let _ = writeln!(out, "role = {}", string(role));
        }
    }
    for account in org.accounts() {
        let _ = writeln!(
            out,
            "\n[[account]]\nname = {}\nowner = {}\nperson = {}\npartner = {}",
            string(&account.name),
            string(&org.internal_users()[account.owner].name),
            account.person,
            account.partner
        );
    }
    for contact in org.contacts() {
        let _ = writeln!(out, "\n[[contact]]\nname = {}", string(&contact.name));
        if let Some(account) = contact.account {
            let _ = writeln!(out, "account = {}", string(&org.accounts()[account].name));
        }
        if let Some(email) = &contact.email {
            let _ = writeln!(out, "email = {}", string(email));
        }
    }
    for user in org.external_users() {
        let _ = writeln!(
            out,
            "\n[[external_user]]\ncontact = {}\nprofile = {}\nactive = {}",
            string(&org.contacts()[user.contact].name),
            string(&org.profiles()[user.profile].name),
            user.active
        );
    }
    out
}

/// A TOML basic string.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if ch.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}
