//! Which `Host` a request may name. The preview answers only requests addressed to this
//! machine by a loopback name or address, by the `--bind` address (any IP address when
//! bound to all of them), or by a name given with `--allow-host`. A web page elsewhere
//! that points its own domain at 127.0.0.1 (DNS rebinding) sends its domain as the Host,
//! so it gets a 403 instead of the preview, drafts included. IP addresses cannot be
//! rebound, which is why any of them is safe to accept on a wildcard bind.
//!
//! Pure: no I/O. `http` hands over the Host as sent; `server` answers the verdict.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The hosts a server answers for.
#[derive(Debug, Clone)]
pub(crate) struct HostPolicy {
    bind: IpAddr,
    /// `--allow-host` values, normalised; a leading dot allows the name's subdomains too.
    names: Vec<String>,
}

/// What a request's Host is, once checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Allowed,
    /// Well formed but not this machine's: 403, with this explanation.
    Refused(String),
    /// Not a `host[:port]` at all: 400.
    Malformed,
}

/// A parsed Host: an IP literal or a lowercased name without its trailing dot.
#[derive(Debug, PartialEq, Eq)]
enum Host {
    Ip(IpAddr),
    Name(String),
}

impl Host {
    /// How `--allow-host` would name it.
    fn allow_form(&self) -> String {
        match self {
            Host::Ip(ip) => ip.to_string(),
            Host::Name(name) => name.clone(),
        }
    }
}

impl HostPolicy {
    /// `allowed` must hold values `allowed_name` accepted.
    pub fn new(bind: IpAddr, allowed: Vec<String>) -> HostPolicy {
        HostPolicy {
            bind,
            names: allowed,
        }
    }

    /// Judges a request's Host (`None`: an HTTP/1.0 request without one, which no browser
    /// sends, so no web page can make; allowed).
    pub fn check(&self, host: Option<&str>) -> Verdict {
        let Some(value) = host else {
            return Verdict::Allowed;
        };
        let Some(host) = parse_host(value) else {
            return Verdict::Malformed;
        };
        if self.allows(&host) {
            return Verdict::Allowed;
        }
        let shown = host.allow_form();
        Verdict::Refused(format!(
            "sitrep serve refuses requests for host `{shown}`: only {} allowed; to allow it, restart with --allow-host {shown}",
            self.describe()
        ))
    }

    fn allows(&self, host: &Host) -> bool {
        match host {
            Host::Ip(ip) => {
                is_loopback(*ip)
                    || *ip == self.bind
                    || self.bind.is_unspecified()
                    || self.names.contains(&ip.to_string())
            }
            Host::Name(name) => {
                name == "localhost"
                    || name.ends_with(".localhost")
                    || self
                        .names
                        .iter()
                        .any(|allowed| match allowed.strip_prefix('.') {
                            Some(domain) => name == domain || name.ends_with(allowed.as_str()),
                            None => name == allowed,
                        })
            }
        }
    }

    /// `localhost`, `localhost and IP addresses`, `localhost, 192.0.2.5 and preview.example is`…
    fn describe(&self) -> String {
        let mut allowed = vec!["localhost".to_string()];
        if self.bind.is_unspecified() {
            allowed.push("IP addresses".into());
        } else if !is_loopback(self.bind) {
            allowed.push(self.bind.to_string());
        }
        allowed.extend(self.names.iter().cloned());
        let verb = if allowed.len() == 1 { "is" } else { "are" };
        let list = match allowed.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => allowed.join(""),
        };
        format!("{list} {verb}")
    }
}

/// Checks and normalises an `--allow-host` value: a host name (lowercased, without a
/// trailing dot; a leading dot also allows its subdomains) or an IP address, without a
/// scheme, port or path. The error says what is wrong, for the console.
pub(crate) fn allowed_name(value: &str) -> Result<String, String> {
    let problem = |what: &str| {
        Err(format!(
            "--allow-host `{value}`: {what}; give a bare host name such as preview.example (any port is accepted)"
        ))
    };
    if value.contains("://") || value.contains('/') {
        return problem("a host name has no scheme or path");
    }
    let (dot, rest) = match value.strip_prefix('.') {
        Some(rest) => (".", rest),
        None => ("", value),
    };
    let unbracketed = rest
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(rest);
    if dot.is_empty()
        && let Ok(ip) = unbracketed.parse::<IpAddr>()
    {
        return Ok(ip.to_string());
    }
    if rest.contains(':') {
        return problem("a host name has no port");
    }
    match parse_host(rest) {
        Some(Host::Name(name)) => Ok(format!("{dot}{name}")),
        Some(Host::Ip(_)) => problem("a leading dot goes before a name, not an address"),
        None => problem("this is not a host name"),
    }
}

/// Parses `host[:port]` as HTTP sends it: a bracketed IPv6 address, a dotted IPv4
/// address, or a DNS name (letters, digits, `-`, `_` and dots). `None` for anything else,
/// user info (`a@b`) and IPv6 zones included.
fn parse_host(value: &str) -> Option<Host> {
    let (host, port) = if let Some(rest) = value.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            after => Some(after.strip_prefix(':')?),
        };
        (Host::Ip(IpAddr::V6(ip)), port)
    } else {
        let (name, port) = match value.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (value, None),
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        let valid = !name.is_empty()
            && !name.starts_with('.')
            && !name.contains("..")
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
        if !valid {
            return None;
        }
        let host = match name.parse::<Ipv4Addr>() {
            Ok(ip) => Host::Ip(IpAddr::V4(ip)),
            Err(_) => Host::Name(name.to_ascii_lowercase()),
        };
        (host, port)
    };
    // RFC 3986: `port = *DIGIT` (empty is allowed).
    if port.is_some_and(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(host)
}

/// 127.0.0.0/8, ::1, and 127.x written as an IPv4-mapped IPv6 address.
fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(bind: &str, names: &[&str]) -> HostPolicy {
        HostPolicy::new(
            bind.parse().unwrap(),
            names.iter().map(|n| allowed_name(n).unwrap()).collect(),
        )
    }

    #[test]
    fn loopback_names_and_addresses_with_any_port_are_allowed() {
        let p = policy("127.0.0.1", &[]);
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST",
            "localhost.",
            "localhost:",
            "app.localhost:3000",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.200.3.4:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert_eq!(p.check(Some(host)), Verdict::Allowed, "{host}");
        }
        assert_eq!(p.check(None), Verdict::Allowed);
    }

    #[test]
    fn other_names_and_addresses_are_refused_with_the_flag_to_allow_them() {
        let p = policy("127.0.0.1", &[]);
        assert_eq!(
            p.check(Some("Evil.Example:1111")),
            Verdict::Refused(
                "sitrep serve refuses requests for host `evil.example`: only localhost is allowed; \
                 to allow it, restart with --allow-host evil.example"
                    .into()
            )
        );
        for host in [
            "localhost.evil.example",
            "localhostx",
            "127.0.0.1.nip.io",
            "2130706433",
            "0x7f.0.0.1",
            "0177.0.0.1",
            "10.0.0.1",
            "0.0.0.0",
            "[::]",
            "[2001:db8::1]",
        ] {
            assert!(matches!(p.check(Some(host)), Verdict::Refused(_)), "{host}");
        }
        assert!(matches!(
            p.check(Some("[2001:db8::1]:80")),
            Verdict::Refused(m) if m.ends_with("--allow-host 2001:db8::1")
        ));
    }

    #[test]
    fn malformed_hosts_are_told_apart() {
        let p = policy("127.0.0.1", &[]);
        for host in [
            "",
            ":1111",
            "user@localhost",
            "local host",
            "localhost:80x",
            "localhost:1:2",
            "[::1",
            "[::1]x",
            "[fe80::1%25eth0]",
            "::1",
            "a..b",
            ".localhost",
            "evil.example/x",
            "évil.example",
        ] {
            assert_eq!(p.check(Some(host)), Verdict::Malformed, "{host:?}");
        }
    }

    #[test]
    fn the_bind_address_and_allowed_names() {
        let p = policy(
            "192.0.2.5",
            &["Preview.Example.", ".cloud.example", "10.0.0.9"],
        );
        for host in [
            "192.0.2.5:1111",
            "preview.example",
            "preview.example:443",
            "cloud.example",
            "x.cloud.example",
            "a.b.cloud.example",
            "10.0.0.9",
            "localhost",
        ] {
            assert_eq!(p.check(Some(host)), Verdict::Allowed, "{host}");
        }
        for host in [
            "xcloud.example",
            "x.preview.example",
            "192.0.2.6",
            "evil.example",
        ] {
            assert!(matches!(p.check(Some(host)), Verdict::Refused(_)), "{host}");
        }
        assert!(matches!(
            p.check(Some("evil.example")),
            Verdict::Refused(m) if m.contains(
                "only localhost, 192.0.2.5, preview.example, .cloud.example and 10.0.0.9 are allowed"
            )
        ));
        // A wildcard bind: any IP address, never any name.
        let p = policy("0.0.0.0", &[]);
        assert_eq!(p.check(Some("192.0.2.7:1111")), Verdict::Allowed);
        assert_eq!(p.check(Some("[2001:db8::1]")), Verdict::Allowed);
        assert!(matches!(
            p.check(Some("my-laptop.lan")),
            Verdict::Refused(m) if m.contains("only localhost and IP addresses are allowed;")
        ));
    }

    #[test]
    fn allow_host_values_are_bare_names_or_addresses() {
        assert_eq!(
            allowed_name("Preview.Example."),
            Ok("preview.example".into())
        );
        assert_eq!(allowed_name(".Cloud.Example"), Ok(".cloud.example".into()));
        assert_eq!(allowed_name("[2001:DB8::1]"), Ok("2001:db8::1".into()));
        assert_eq!(allowed_name("2001:db8::1"), Ok("2001:db8::1".into()));
        assert_eq!(allowed_name("10.0.0.9"), Ok("10.0.0.9".into()));
        for (value, why) in [
            ("https://preview.example/", "no scheme or path"),
            ("preview.example/x", "no scheme or path"),
            ("preview.example:8080", "no port"),
            ("pre view", "not a host name"),
            ("", "not a host name"),
            (".", "not a host name"),
            (".10.0.0.9", "not an address"),
        ] {
            let error = allowed_name(value).unwrap_err();
            assert!(
                error.starts_with(&format!("--allow-host `{value}`: ")) && error.contains(why),
                "{value:?}: {error}"
            );
        }
    }
}
