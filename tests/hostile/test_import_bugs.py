"""Bugs the import fuzzing found, one regression test each (tests/hostile/test_import_fuzz.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from .support import run_cli
from .test_import_fuzz import finished_sale


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return finished_sale(tmp_path_factory.mktemp("source"))


def _import(tmp_path: Path, document: dict[str, Any]) -> tuple[int, str, str]:
    file = tmp_path / "history.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    return run_cli("--data-dir", str(tmp_path / "profile"), "sale", "import", str(file))


def _result_of(document: dict[str, Any], activity: str) -> dict[str, Any]:
    events = document["events"]
    scheduled = next(
        e["data"]["activity_id"]
        for e in events
        if e["type"] == "ActivityScheduled" and e["data"]["name"] == activity
    )
    return next(
        e["data"]
        for e in events
        if e["type"] == "ActivityCompleted" and e["data"]["activity_id"] == scheduled
    )


@pytest.mark.parametrize("value", ["", 5, []])
def test_a_lookup_result_the_sale_cannot_show_is_refused_not_a_traceback(
    history: dict[str, Any], tmp_path: Path, value: Any
) -> None:
    """It replayed, then building the summary (to list the sale) raised pydantic's
    ValidationError out of ``salesdesk sale import``: a traceback, exit 1."""
    document = copy.deepcopy(history)
    _result_of(document, "address_check")["result"] = value
    code, _out, err = _import(tmp_path, document)
    assert code == 2, err
    assert "the sale cannot be read from it: normalized_address" in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_validation_report_is_told_on_one_line(history: dict[str, Any], tmp_path: Path) -> None:
    """A start event whose input is not an object: the message quoted pydantic's report over
    four lines, with a documentation link."""
    document = copy.deepcopy(history)
    document["events"][0]["data"]["input"] = ""
    code, _out, err = _import(tmp_path, document)
    assert code == 2, err
    assert err.count("\n") == 1 and "errors.pydantic.dev" not in err, err
    assert "was not imported" in err and "SaleStart" in err


def test_a_huge_value_is_not_echoed_whole(history: dict[str, Any], tmp_path: Path) -> None:
    document = copy.deepcopy(history)
    document["events"][0]["type"] = "x" * 100_000
    code, _out, err = _import(tmp_path, document)
    assert code == 2 and "is not an event type" not in err[700:], err[:700]
    assert len(err) < 1000


@pytest.mark.parametrize("value", [[], {}])
def test_an_event_type_that_is_not_text_is_refused(
    history: dict[str, Any], tmp_path: Path, value: Any
) -> None:
    document = copy.deepcopy(history)
    document["events"][3]["type"] = value
    code, _out, err = _import(tmp_path, document)
    assert code == 2 and "events[3].type" in err, err


def test_a_signal_name_the_sale_does_not_know_is_refused_as_an_import_error(
    history: dict[str, Any], tmp_path: Path
) -> None:
    """Found with SALESDESK_PROPERTY_EXAMPLES=2000: SignalRejected escaped the import's own
    handling, so the message lacked "was not imported" and quoted the name whole (100 KB)."""
    document = copy.deepcopy(history)
    signal = next(e for e in document["events"] if e["type"] == "SignalReceived")
    signal["data"]["name"] = "x" * 100_000
    code, _out, err = _import(tmp_path, document)
    assert code == 2, err
    assert "was not imported" in err and len(err) < 1000, err[:300]


@pytest.mark.parametrize("wid", [" ", "a b", "x" * 101, "sale/1", "é"])
def test_an_id_the_server_would_refuse_is_not_imported(
    history: dict[str, Any], tmp_path: Path, wid: str
) -> None:
    """Found with SALESDESK_PROPERTY_EXAMPLES=1500: a history with workflow id " " was
    imported; the server's pattern refuses such an id (422 for the whole push batch), so
    the sale would have blocked every later sync of the profile."""
    document = {**copy.deepcopy(history), "workflow_id": wid}
    code, _out, err = _import(tmp_path, document)
    assert code == 2, err
    assert "workflow_id" in err and "must be" in err, err
