"""Activities run by ActivityRunner: retries, backoff, timeouts, connectivity, cancel
(DESIGN invariant 5: at-least-once execution, exactly-once results).

The runner and the engine share one FakeClock (``wall_clock=clock.epoch``), so backoff is
checked by reading ``next_attempt_at`` and moving the clock, never by sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.flow import (
    ActivityContext,
    ActivityRunner,
    ActivityTask,
    ConnectivityError,
    Engine,
    EventType,
    NonRetryableError,
    RetryableError,
    RetryPolicy,
)
from salesdesk.flow.replayer import replay_all

from .helpers import FakeClock, completions, events_of
from .workflows import ALL_WORKFLOWS

WID = "fetch-1"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def engine(tmp_path: Path, clock: FakeClock) -> Iterator[Engine]:
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS, clock=clock) as e:
        yield e


class Script:
    """An activity whose successive attempts do what the test scripted: raise the given
    exception, or return the given value."""

    def __init__(self, *steps: Any) -> None:
        self.steps = list(steps)
        self.calls: list[ActivityContext] = []

    def __call__(self, payload: Any, ctx: ActivityContext) -> Any:
        self.calls.append(ctx)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, BaseException):
            raise step
        return step


def start_fetch(engine: Engine, activity: str = "act", **options: Any) -> None:
    engine.start("fetch", {"activity": activity, "payload": {"q": 1}, **options}, workflow_id=WID)


def task_of(engine: Engine) -> ActivityTask:
    (task,) = engine.activity_tasks(WID)
    return task


def runner_for(
    engine: Engine, clock: FakeClock, **activities: Callable[..., Any]
) -> ActivityRunner:
    return ActivityRunner(engine, activities, wall_clock=clock.epoch, idle_poll_seconds=0.05)


def test_a_result_is_recorded_once(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine)
    act = Script({"answer": 42})
    runner = runner_for(engine, clock, act=act)
    assert runner.run_due() == 1
    assert engine.query(WID, "outcome")["result"] == {"answer": 42}
    assert task_of(engine).state == "done"
    assert runner.run_due() == 0, "a finished task is not run again"
    # A second result for the same activity (a re-executed attempt) is dropped.
    assert not engine.record_activity_result(WID, 1, "again", attempts=2)
    (done,) = completions(engine, WID)
    assert done.data == {"activity_id": 1, "result": {"answer": 42}, "attempts": 1}
    assert act.calls[0].attempt == 1


def test_retries_back_off_exponentially_then_fail_into_workflow_code(
    engine: Engine, clock: FakeClock
) -> None:
    policy = {"initial_interval": 2.0, "backoff": 3.0, "maximum_attempts": 4}
    start_fetch(engine, retry=policy)
    act = Script(RetryableError("registry busy", code="BUSY"))
    runner = runner_for(engine, clock, act=act)
    expected_delays = [2.0, 6.0, 18.0]  # initial_interval * backoff ** (attempt - 1)
    for attempt, base in enumerate(expected_delays, start=1):
        assert runner.run_due() == 1
        task = task_of(engine)
        assert (task.state, task.attempts) == ("backoff", attempt)
        assert (task.last_error, task.last_error_code) == ("registry busy", "BUSY")
        delay = task.next_attempt_at - clock.epoch()
        assert 0.8 * base <= delay <= 1.2 * base, (attempt, delay)  # ±20% jitter
        assert runner.run_due() == 0, "not due before next_attempt_at"
        clock.set_epoch(task.next_attempt_at)
    assert runner.run_due() == 1
    assert len(act.calls) == 4
    assert [c.attempt for c in act.calls] == [1, 2, 3, 4]
    (failed,) = events_of(engine, WID, EventType.ACTIVITY_FAILED)
    assert failed.data["attempts"] == 4
    error = {"type": "RetryableError", "message": "registry busy", "code": "BUSY"}
    assert failed.data["error"] == error
    # The workflow code caught it as ActivityFailure.
    assert engine.query(WID, "outcome")["failure"] == error
    assert task_of(engine).state == "failed"
    clock.advance(3600)
    assert runner.run_due() == 0


def test_backoff_is_capped_by_maximum_interval() -> None:
    policy = RetryPolicy(initial_interval=1.0, backoff=10.0, maximum_interval=50.0)
    delays = [policy.delay(n) for n in range(1, 6)]
    assert 0.8 <= delays[0] <= 1.2 and 8.0 <= delays[1] <= 12.0
    assert all(d <= 50.0 for d in delays) and delays[-1] >= 40.0


def test_non_retryable_error_stops_at_once(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine, retry={"maximum_attempts": 10})
    act = Script(NonRetryableError("VAT number unknown", code="VAT_INVALID"))
    runner_for(engine, clock, act=act).run_due()
    assert len(act.calls) == 1
    (failed,) = events_of(engine, WID, EventType.ACTIVITY_FAILED)
    assert failed.data["attempts"] == 1
    assert engine.query(WID, "outcome")["failure"]["code"] == "VAT_INVALID"


def test_non_retryable_error_types_stop_at_once(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine, retry={"non_retryable_error_types": ["ValueError"]})
    engine.start(
        "fetch",
        {"activity": "other", "retry": {"non_retryable_error_types": ["ValueError"]}},
        workflow_id="fetch-2",
    )
    act = Script(ValueError("bad input"))
    other = Script(KeyError("not listed"))
    runner_for(engine, clock, act=act, other=other).run_due()
    assert engine.query(WID, "outcome")["failure"]["type"] == "ValueError"
    # An error type that is not listed is retried.
    (task,) = engine.activity_tasks("fetch-2")
    assert (task.state, task.attempts) == ("backoff", 1)
    assert engine.query("fetch-2", "outcome")["failure"] is None


def test_retry_after_overrides_the_backoff(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine, retry={"initial_interval": 1.0})
    act = Script(RetryableError("rate limited", retry_after=42.0), "ok")
    runner = runner_for(engine, clock, act=act)
    runner.run_due()
    assert task_of(engine).next_attempt_at == pytest.approx(clock.epoch() + 42.0)
    clock.advance(41)
    assert runner.run_due() == 0
    clock.advance(1)
    assert runner.run_due() == 1
    assert engine.query(WID, "outcome")["result"] == "ok"


def test_timeout_fails_the_attempt_and_the_late_result_is_never_recorded(
    engine: Engine, clock: FakeClock
) -> None:
    # 1 s, not less: the second, prompt attempt must not time out on a busy machine.
    start_fetch(engine, start_to_close_seconds=1.0, retry={"initial_interval": 5.0})
    release = threading.Event()
    finished_late = threading.Event()
    calls: list[int] = []

    def act(payload: Any, ctx: ActivityContext) -> str:
        calls.append(ctx.attempt)
        if ctx.attempt == 1:
            release.wait(10)  # hangs past its start-to-close timeout
            finished_late.set()
            return "late"
        return "on time"

    runner = runner_for(engine, clock, act=act)
    runner.run_due()
    task = task_of(engine)
    assert (task.state, task.attempts) == ("backoff", 1)
    assert task.last_error is not None and "within 1 s" in task.last_error
    release.set()  # the abandoned attempt now returns "late"...
    assert finished_late.wait(5)
    time.sleep(0.05)
    assert completions(engine, WID) == []  # ...and nothing records it
    clock.set_epoch(task.next_attempt_at)
    runner.run_due()
    (done,) = completions(engine, WID)
    assert done.data["result"] == "on time" and done.data["attempts"] == 2
    assert calls == [1, 2]


def test_connectivity_errors_wait_for_the_network_without_using_attempts(
    engine: Engine, clock: FakeClock
) -> None:
    # Even with a single attempt allowed, being offline never fails the workflow.
    start_fetch(engine, retry={"maximum_attempts": 1})
    act = Script(ConnectivityError("no route to host"), ConnectivityError("still"), "found")
    runner = runner_for(engine, clock, act=act)
    for _ in range(2):
        runner.run_due()
        task = task_of(engine)
        assert (task.state, task.attempts) == ("waiting_for_network", 0)
        assert task.last_error_code == "OFFLINE"
        assert runner.offline
        clock.advance(86400)
        assert runner.run_due() == 0, "a task waiting for the network is not retried on time"
        assert runner.network_available() == 1
    # The second time the network is back, the call succeeds at once (no clock move).
    assert runner.run_due() == 1
    assert not runner.offline
    (done,) = completions(engine, WID)
    assert done.data["attempts"] == 1
    assert engine.query(WID, "outcome") == {"result": "found", "failure": None, "cancelled": False}
    assert events_of(engine, WID, EventType.ACTIVITY_FAILED) == []


def test_the_running_runner_resumes_at_once_when_the_network_returns(
    engine: Engine, clock: FakeClock
) -> None:
    start_fetch(engine)
    act = Script(ConnectivityError("offline"), "back")
    runner = ActivityRunner(engine, {"act": act}, wall_clock=clock.epoch, idle_poll_seconds=60)
    runner.start()
    try:
        _wait_for(lambda: task_of(engine).state == "waiting_for_network")
        assert runner.network_available() == 1
        # The runner polls only every 60 s; "at once" means it was woken.
        _wait_for(lambda: bool(completions(engine, WID)), timeout=20)
    finally:
        runner.stop()
    assert engine.query(WID, "outcome")["result"] == "back"


def test_cancel_of_a_running_activity_drops_its_late_result(
    engine: Engine, clock: FakeClock
) -> None:
    start_fetch(engine)
    started = threading.Event()
    release = threading.Event()

    def act(payload: Any, ctx: ActivityContext) -> str:
        started.set()
        release.wait(10)
        return "too late"

    runner = runner_for(engine, clock, act=act)
    worker = threading.Thread(target=runner.run_due)
    worker.start()
    try:
        assert started.wait(10)
        engine.signal(WID, "cancel", {})
    finally:
        release.set()
        worker.join(10)
    assert engine.query(WID, "outcome") == {"result": None, "failure": None, "cancelled": True}
    types = [e.type for e in engine.history(WID)]
    assert EventType.ACTIVITY_CANCELLED in types
    assert EventType.ACTIVITY_COMPLETED not in types
    assert task_of(engine).state == "cancelled"
    assert runner.run_due() == 0


def test_cancel_of_a_queued_activity_means_it_never_runs(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine)
    engine.signal(WID, "cancel", {})
    act = Script("never")
    assert runner_for(engine, clock, act=act).run_due() == 0
    assert act.calls == []
    assert engine.query(WID, "outcome")["cancelled"]


def test_unknown_activity_fails_with_a_clear_error(engine: Engine, clock: FakeClock) -> None:
    start_fetch(engine, activity="geocode")
    runner_for(engine, clock).run_due()
    failure = engine.query(WID, "outcome")["failure"]
    assert failure["code"] == "UNKNOWN_ACTIVITY" and "'geocode'" in failure["message"]


def test_results_replay_after_restart(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "flow.db"
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        start_fetch(engine, retry={"maximum_attempts": 2})
        runner = runner_for(engine, clock, act=Script(RetryableError("x"), (1, {"b": 2, "a": 1})))
        runner.run_due()
        clock.advance(10)
        runner.run_due()
        live = engine.query(WID, "outcome")
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        replayed = engine.query(WID, "outcome")
        assert replayed == live
        assert replayed == {"result": [1, {"a": 1, "b": 2}], "failure": None, "cancelled": False}
        assert replay_all(engine).ok


def _wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def test_a_result_json_cannot_carry_fails_the_activity_instead_of_wedging_it(
    engine: Engine, clock: FakeClock
) -> None:
    start_fetch(engine, retry={"maximum_attempts": 5})
    act = Script({"when": clock()})  # a datetime: not JSON
    runner_for(engine, clock, act=act).run_due()
    task = task_of(engine)
    assert task.state == "failed", "the task must not stay 'running' until a restart"
    failure = engine.query(WID, "outcome")["failure"]
    assert failure is not None and "JSON" in failure["message"]
    assert len(act.calls) == 1, "retrying cannot make the value serialisable"
