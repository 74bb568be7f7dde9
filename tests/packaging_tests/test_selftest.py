"""``salesdesk self-test`` and ``salesdesk policy`` on a source install (the packaged
build runs the same commands in ``make package-test``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import salesdesk.cli


@pytest.fixture(autouse=True)
def _fresh_command_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    # cli.main() registers the optional commands again on every call (argparse then
    # refuses the duplicate "server"); each in-process call here starts from none.
    monkeypatch.setattr(salesdesk.cli, "_extra_commands", [])


def main(argv: list[str]) -> int:
    salesdesk.cli._extra_commands.clear()
    return salesdesk.cli.main(argv)


def _run_cli(tmp_path: Path, *args: str, policy: Path) -> subprocess.CompletedProcess[str]:
    runtime = tmp_path / "run"
    runtime.mkdir(exist_ok=True, mode=0o700)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),
        "SALESDESK_POLICY_FILE": str(policy),
        "SALESDESK_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "salesdesk.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_self_test_passes_every_step_quietly(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'locked = ["ui.language"]\n[ui]\nlanguage = "de"\n[sales]\nquote_validity_days = 7\n',
        encoding="utf-8",
    )
    result = _run_cli(tmp_path, "self-test", policy=policy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # Qt warnings would land here, and fail the window step
    out = result.stdout
    for step in ("version", "policy", "tls", "sale", "replay", "window"):
        assert f"  ok    {step}" in out, out
    assert f"{policy}: 2 key(s) set, locked: ui.language" in out
    assert "language de" in out and "lists 1 sale(s)" in out
    assert out.splitlines()[-1].startswith("self-test passed in ")
    # It worked in a temporary profile, never in the user's data folder.
    assert not (tmp_path / "data").exists()


def test_self_test_fails_on_a_broken_policy(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("[sync]\ninterval_seconds = 1\n", encoding="utf-8")
    result = _run_cli(tmp_path, "self-test", policy=policy)
    assert result.returncode == 1
    assert "  FAIL  policy   the policy file has 1 problem(s):" in result.stdout
    assert f"{policy}, line 2: sync.interval_seconds must be between 5 and 86400" in result.stdout
    assert "self-test FAILED (policy)" in result.stdout


def test_policy_command_shows_values_and_origins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'locked = ["server.url"]\n[server]\nurl = "https://sales.example.com"\n', encoding="utf-8"
    )
    assert main(["policy", "--file", str(policy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"policy file: {policy} (found)\n")
    assert "server.url" in out and "https://sales.example.com" in out
    line = next(line for line in out.splitlines() if "server.url" in line)
    assert line.endswith("policy, locked")


def test_policy_command_json_and_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[ui]\nlanguage = "fr"\n', encoding="utf-8")
    assert main(["policy", "--file", str(policy), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["found"] is True
    assert document["values"]["ui.language"] == "system"
    [problem] = document["problems"]
    assert (problem["kind"], problem["key"], problem["line"]) == ("value", "ui.language", 2)

    assert main(["policy", "--file", str(policy)]) == 1
    captured = capsys.readouterr()
    assert f"{policy}, line 2: ui.language must be one of" in captured.err


def test_policy_command_without_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESDESK_POLICY_FILE", str(tmp_path / "absent.toml"))
    assert main(["policy"]) == 0
    assert "(not present: built-in defaults apply)" in capsys.readouterr().out
