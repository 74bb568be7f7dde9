"""The administrator's policy file: what it sets and locks, and how every kind of mistake
is reported (key and line named) while the app keeps safe values."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from salesdesk.policy import (
    KEYS,
    POLICY_FILE_ENV,
    Policy,
    PolicyProblem,
    default_policy_path,
    describe_policy,
    find_key_line,
    load_policy,
    policy_path,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "packaging" / "config.toml"


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only(problems: list[PolicyProblem]) -> PolicyProblem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --------------------------------------------------------------------------- good files
def test_a_complete_policy_sets_every_key(tmp_path: Path) -> None:
    ca = write(tmp_path, "-----BEGIN CERTIFICATE-----\n", "company-ca.pem")
    path = write(
        tmp_path,
        f"""
locked = ["server.url", "ui.language"]

[server]
url = "https://sales.example.com/"
ca_file = "{ca}"

[sync]
enabled = false
interval_seconds = 120

[lookups]
wait_seconds = 2.5

[sales]
quote_validity_days = 14
discount_approval_threshold = 12.5

[ui]
language = "HU"
""",
    )
    policy, problems = load_policy(path)
    assert problems == []
    assert policy.found and policy.source == path
    assert policy.server.url == "https://sales.example.com"  # trailing slash dropped
    assert policy.server.ca_file == ca
    assert policy.sync.enabled is False
    assert policy.sync.interval_seconds == 120.0
    assert policy.lookups.wait_seconds == 2.5
    assert policy.sales.quote_validity_days == 14
    assert policy.sales.discount_approval_threshold == Decimal("12.5")
    assert policy.ui.language == "hu"
    assert policy.configured == frozenset(KEYS)
    sale = policy.sale_policy()
    assert (sale.quote_validity_days, sale.discount_approval_threshold) == (14, Decimal("12.5"))


def test_locked_keys_carry_the_reason_with_the_file_path(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'locked = ["server.url", "ui.language", "sales.quote_validity_days"]\n'
        '[server]\nurl = "https://sales.example.com"\n',
    )
    policy, problems = load_policy(path)
    assert problems == []
    reason = f"set by your administrator in {path}"
    assert policy.locked == {
        "server.url": reason,
        "ui.language": reason,
        "sales.quote_validity_days": reason,
    }
    assert policy.is_locked("server.url") and not policy.is_locked("sync.enabled")
    assert policy.lock_reason("ui.language") == reason
    # The settings dialog names its fields differently; only those two are there.
    assert policy.settings_locks() == {"server_url": reason, "language": reason}
    # A locked key the file does not set is locked at its default.
    assert policy.ui.language == "system"
    rows = {key: (value, origin) for key, value, origin in describe_policy(policy)}
    assert rows["server.url"] == ("https://sales.example.com", "policy, locked")
    assert rows["ui.language"] == ("system", "default, locked")
    assert rows["sync.enabled"] == ("true", "default")


def test_a_missing_file_means_defaults_and_no_problem(tmp_path: Path) -> None:
    policy, problems = load_policy(tmp_path / "nowhere.toml")
    assert problems == []
    assert policy == Policy(source=tmp_path / "nowhere.toml")
    assert not policy.found and policy.locked == {} and policy.configured == frozenset()
    assert policy.sync.interval_seconds == 30.0 and policy.lookups.wait_seconds == 10.0
    assert policy.sales.discount_approval_threshold == Decimal(15)
    assert policy.server.url is None


def test_the_environment_variable_overrides_the_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, '[ui]\nlanguage = "de"\n', "elsewhere.toml")
    monkeypatch.setenv(POLICY_FILE_ENV, str(path))
    assert policy_path() == path
    policy, problems = load_policy()
    assert problems == [] and policy.ui.language == "de" and policy.source == path
    monkeypatch.setenv(POLICY_FILE_ENV, "  ")
    assert policy_path() == default_policy_path()


def test_platform_locations() -> None:
    assert default_policy_path("linux", {}) == Path("/etc/salesdesk/config.toml")
    assert default_policy_path("darwin", {}) == Path(
        "/Library/Application Support/SalesDesk/config.toml"
    )
    assert str(default_policy_path("win32", {})) == r"C:\ProgramData\SalesDesk\config.toml"
    assert (
        str(default_policy_path("win32", {"ProgramData": r"D:\Data"}))
        == r"D:\Data\SalesDesk\config.toml"
    )


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'\xef\xbb\xbf[ui]\nlanguage = "de"\n')
    policy, problems = load_policy(path)
    assert problems == [] and policy.ui.language == "de"


def test_discount_threshold_accepts_text_and_whole_numbers(tmp_path: Path) -> None:
    for text, expected in (
        ('"7.25"', Decimal("7.25")),
        ("20", Decimal(20)),
        ("0.1", Decimal("0.1")),
    ):
        path = write(tmp_path, f"[sales]\ndiscount_approval_threshold = {text}\n")
        policy, problems = load_policy(path)
        assert problems == [] and policy.sales.discount_approval_threshold == expected


# --------------------------------------------------------------------------- mistakes
def test_a_toml_syntax_error_names_line_and_column_and_ignores_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'locked = ["server.url"]\n[server]\nurl = https://x\n')
    policy, problems = load_policy(path)
    problem = only(problems)
    assert problem.kind == "syntax"
    assert (problem.line, problem.column) == (3, 7)
    assert str(problem).startswith(f"{path}, line 3, column 7: not valid TOML (")
    assert "the whole file is ignored" in str(problem)
    # Nothing of a file that does not parse is trusted: defaults, nothing locked.
    assert policy.found and policy.locked == {} and policy.server.url is None


def test_a_syntax_error_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[sync]\ninterval_seconds = [1,\n")
    problem = only(load_policy(path)[1])
    assert problem.kind == "syntax" and problem.line == 2
    assert "at the end of the file" in problem.message


def test_an_unknown_section_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[ui]\nlanguage = "de"\n\n[synk]\ninterval_seconds = 5\n')
    policy, problems = load_policy(path)
    problem = only(problems)
    assert (problem.kind, problem.key, problem.line) == ("unknown_key", "synk", 4)
    assert "did you mean 'sync'?" in problem.message
    assert policy.ui.language == "de"  # the rest of the file applies


def test_an_unknown_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "[sync]\nenabled = true\nintervall_seconds = 5\n")
    problem = only(load_policy(path)[1])
    assert (problem.kind, problem.key, problem.line) == ("unknown_key", "sync.intervall_seconds", 3)
    assert "did you mean 'interval_seconds'?" in problem.message
    assert str(problem).startswith(f"{path}, line 3: unknown key sync.intervall_seconds")


def test_tls_verification_cannot_be_turned_off(tmp_path: Path) -> None:
    path = write(tmp_path, '[server]\nurl = "https://s.example.com"\nverify_tls = false\n')
    policy, problems = load_policy(path)
    problem = only(problems)
    assert (problem.kind, problem.key, problem.line) == ("unknown_key", "server.verify_tls", 3)
    assert "cannot be turned off" in problem.message and "server.ca_file" in problem.message
    assert policy.server.url == "https://s.example.com"


def test_locked_written_after_a_section_gets_a_pointed_message(tmp_path: Path) -> None:
    path = write(tmp_path, '[ui]\nlanguage = "hu"\nlocked = ["ui.language"]\n')
    policy, problems = load_policy(path)
    problem = only(problems)
    assert (problem.key, problem.line) == ("ui.locked", 3)
    assert "must come before the first [section]" in problem.message
    assert policy.locked == {}


@pytest.mark.parametrize(
    ("body", "key", "line", "fragment"),
    [
        ('[sync]\ninterval_seconds = "often"\n', "sync.interval_seconds", 2, "must be a number"),
        ("[sync]\nenabled = 1\n", "sync.enabled", 2, "must be true or false"),
        ('[sync]\n\nenabled = "yes"\n', "sync.enabled", 3, "not text ('yes')"),
        ("[sales]\nquote_validity_days = 1.5\n", "sales.quote_validity_days", 2, "whole number"),
        ("[sales]\nquote_validity_days = true\n", "sales.quote_validity_days", 2, "whole number"),
        ("[server]\nurl = 8080\n", "server.url", 2, "must be text"),
        ("[ui]\nlanguage = []\n", "ui.language", 2, "not a list"),
        ("sync = 5\n", "sync", 1, "must be a section [sync]"),
    ],
)
def test_a_value_of_the_wrong_type_is_named_with_key_and_line(
    tmp_path: Path, body: str, key: str, line: int, fragment: str
) -> None:
    policy, problems = load_policy(write(tmp_path, body))
    problem = only(problems)
    assert (problem.kind, problem.key, problem.line) == ("type", key, line)
    assert fragment in problem.message
    assert str(problem).startswith(f"{tmp_path / 'config.toml'}, line {line}: ")
    if key in KEYS:
        assert key not in policy.configured
        assert policy.value(key) == Policy(source=policy.source).value(key)
        assert "the default (" in problem.message


@pytest.mark.parametrize(
    ("body", "key", "fragment"),
    [
        ("[sync]\ninterval_seconds = 2\n", "sync.interval_seconds", "between 5 and 86400"),
        ("[lookups]\nwait_seconds = -1\n", "lookups.wait_seconds", "between 0 and 300"),
        ("[sales]\nquote_validity_days = 400\n", "sales.quote_validity_days", "between 1 and 365"),
        ("[sales]\ndiscount_approval_threshold = 150\n", "sales.discount_approval_threshold",
         "between 0 and 100"),
        ('[sales]\ndiscount_approval_threshold = "ten"\n', "sales.discount_approval_threshold",
         "a percentage"),
        ('[server]\nurl = "ftp://sales.example.com"\n', "server.url", "https://sales.example.com"),
        ('[server]\nurl = "sales.example.com"\n', "server.url", "must be an address"),
        ('[server]\nurl = "https://agent:secret@sales.example.com"\n', "server.url",
         "user name or password"),
        ('[server]\nurl = "https://sales.example.com/?x=1"\n', "server.url", "query"),
        ('[server]\nurl = "https://sales.example.com:99999"\n', "server.url", "invalid port"),
        ('[server]\nurl = ""\n', "server.url", "is empty"),
        ('[server]\nca_file = "company-ca.pem"\n', "server.ca_file", "absolute path"),
        ('[server]\nca_file = "/nonexistent/company-ca.pem"\n', "server.ca_file",
         "does not exist"),
        ('[ui]\nlanguage = "fr"\n', "ui.language", "one of system, en, de, hu"),
    ],
)  # fmt: skip
def test_a_bad_value_is_named_with_key_and_line(
    tmp_path: Path, body: str, key: str, fragment: str
) -> None:
    policy, problems = load_policy(write(tmp_path, "# admin policy\n" + body))
    problem = only(problems)
    assert (problem.kind, problem.key, problem.line) == ("value", key, 3)
    assert fragment in problem.message, problem.message
    assert problem.message.startswith(key)
    assert key not in policy.configured


def test_a_locked_key_with_a_bad_value_stays_locked_at_its_default(tmp_path: Path) -> None:
    path = write(tmp_path, 'locked = ["server.url"]\n[server]\nurl = "sales"\n')
    policy, problems = load_policy(path)
    assert only(problems).key == "server.url"
    # A typo must not hand a locked setting back to the user.
    assert policy.is_locked("server.url") and policy.server.url is None


def test_locked_must_list_known_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'locked = [\n  "server.url",\n  "ui.languag",\n]\n[server]\nurl = "https://s.example"\n',
    )
    policy, problems = load_policy(path)
    problem = only(problems)
    assert (problem.kind, problem.key, problem.line) == ("value", "locked", 3)
    assert "'ui.languag', which is not a policy key (did you mean 'ui.language'?)" in str(problem)
    assert set(policy.locked) == {"server.url"}


def test_locked_must_be_a_list_of_text(tmp_path: Path) -> None:
    for body in ('locked = "server.url"\n', "locked = [1, 2]\n"):
        policy, problems = load_policy(write(tmp_path, "\n" + body))
        problem = only(problems)
        assert (problem.kind, problem.key, problem.line) == ("type", "locked", 2)
        assert policy.locked == {}


def test_several_problems_come_sorted_by_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[ui]\nlanguage = "xx"\n[sync]\ninterval_seconds = 1\n[sales]\nfoo = 1\n',
    )
    problems = load_policy(path)[1]
    assert [(p.key, p.line) for p in problems] == [
        ("ui.language", 2),
        ("sync.interval_seconds", 4),
        ("sales.foo", 6),
    ]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[ui]\nlanguage = "de"\n# Kaffeem\xfchle\n')
    policy, problems = load_policy(path)
    problem = only(problems)
    assert (problem.kind, problem.line) == ("unreadable", 3)
    assert "not UTF-8" in problem.message and policy.ui.language == "system"


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    policy, problems = load_policy(folder)
    problem = only(problems)
    assert problem.kind == "unreadable" and problem.line is None
    assert str(problem).startswith(f"{folder}: cannot be read (")
    assert policy.configured == frozenset()


def test_find_key_line_understands_dotted_quoted_and_inline_keys() -> None:
    text = (
        "# comment\n"
        "sync.enabled = true\n"
        '[ "server" ]\n'
        '"url" = "https://x"\n'
        "[sales]\n"
        "quote_validity_days=3\n"
        "ui = { language = 'de' }\n"
    )
    assert find_key_line(text, "sync.enabled") == 2
    assert find_key_line(text, "server") == 3
    assert find_key_line(text, "server.url") == 4
    assert find_key_line(text, "sales.quote_validity_days") == 6
    assert find_key_line(text, "sales.ui.language") == 7  # the inline table's line
    assert find_key_line(text, "lookups.wait_seconds") is None


def test_dotted_keys_at_top_level_are_read_too(tmp_path: Path) -> None:
    path = write(tmp_path, "sync.interval_seconds = 1\n")
    problem = only(load_policy(path)[1])
    assert (problem.key, problem.line) == ("sync.interval_seconds", 1)


# --------------------------------------------------------------------------- the sample
def test_the_shipped_sample_changes_nothing() -> None:
    policy, problems = load_policy(SAMPLE)
    assert problems == []
    assert policy.configured == frozenset() and policy.locked == {}


def test_the_sample_uncommented_sets_every_key_validly(tmp_path: Path) -> None:
    ca = write(tmp_path, "-----BEGIN CERTIFICATE-----\n", "company-ca.pem")
    lines = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            line = line[2:]
        lines.append(line.replace("/etc/salesdesk/company-ca.pem", str(ca)))
    policy, problems = load_policy(write(tmp_path, "\n".join(lines) + "\n"))
    assert problems == []
    assert policy.configured == frozenset(KEYS)
    assert set(policy.locked) == {"server.url", "ui.language"}
    # The sample shows the built-in defaults.
    defaults = Policy(source=policy.source)
    for key in KEYS:
        if key not in ("server.url", "server.ca_file"):
            assert policy.value(key) == defaults.value(key), key


def test_every_key_is_documented() -> None:
    import salesdesk.policy as module

    admin = (REPO / "docs" / "admin.md").read_text(encoding="utf-8")
    sample = SAMPLE.read_text(encoding="utf-8")
    for key in KEYS:
        _section, name = key.split(".")
        assert f"``{name}``" in (module.__doc__ or ""), key
        assert re.search(rf"^# {name} = ", sample, re.MULTILINE), key
        assert f"`{key}`" in admin, key
    assert "`locked`" in admin
