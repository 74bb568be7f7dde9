"""Runs due activities on worker threads and fires due timers.

At-least-once execution, exactly-once results: the task row stays due until its result
is appended, so a crash between "executed" and "recorded" runs it again, and the engine
drops a second result for the same activity. Connectivity failures never use up attempts:
the task waits until ``network_available()`` is called, then runs at once.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from salesdesk.flow.engine import ActivityTask, Engine
from salesdesk.flow.errors import (
    ActivityError,
    ConnectivityError,
    FlowError,
    NonRetryableError,
    RetryableError,
    StoreError,
)
from salesdesk.flow.retry import RetryPolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActivityContext:
    workflow_id: str
    activity_id: int
    attempt: int
    deadline: float  # time.monotonic() value by which the attempt must finish

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())


ActivityFn = Callable[[Any, ActivityContext], Any]


class ActivityTimeoutError(Exception):
    """The attempt ran past its start-to-close timeout."""


@dataclass
class _Outcome:
    result: Any = None
    error: BaseException | None = None


class ActivityRunner:
    def __init__(
        self,
        engine: Engine,
        activities: dict[str, ActivityFn],
        *,
        max_concurrent: int = 4,
        idle_poll_seconds: float = 1.0,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.activities = dict(activities)
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._idle_poll = idle_poll_seconds
        self._now = wall_clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._in_flight: set[tuple[str, int]] = set()
        self._in_flight_lock = threading.Lock()
        self._rng = random.Random()
        self._unsubscribe: Callable[[], None] | None = None
        self.offline = False
        self.last_error: str | None = None

    # ------------------------------------------------------------------ control
    def start(self) -> None:
        if self._thread is not None:
            return
        self.engine.recover_interrupted()
        self._unsubscribe = self.engine.subscribe(lambda _wid: self._wake.set())
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="activity-runner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def wake(self) -> None:
        self._wake.set()

    def network_available(self) -> int:
        """Tell the runner the network is back: waiting tasks run at once."""
        self.offline = False
        count = self.engine.network_available()
        self._wake.set()
        return count

    def in_flight(self) -> set[tuple[str, int]]:
        with self._in_flight_lock:
            return set(self._in_flight)

    # ------------------------------------------------------------------ loop
    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.engine.fire_due_timers()
                self._dispatch(wait=False)
                delay = self._next_delay()
            except (StoreError, FlowError) as exc:
                log.error("activity runner: %s", exc)
                delay = self._idle_poll
            self._wake.wait(delay)

    def _next_delay(self) -> float:
        now = self._now()
        candidates = [self._idle_poll]
        for due in (self.engine.next_activity_due(), self.engine.next_timer_due()):
            if due is not None:
                candidates.append(max(0.0, due - now))
        return min(candidates)

    def run_due(self) -> int:
        """Run every due task to completion on this thread's watch (for tests and the CLI)."""
        self.engine.fire_due_timers()
        return self._dispatch(wait=True)

    def _dispatch(self, *, wait: bool) -> int:
        started = 0
        threads: list[threading.Thread] = []
        for task in self.engine.due_activities(self._now(), limit=64):
            key = (task.workflow_id, task.activity_id)
            with self._in_flight_lock:
                if key in self._in_flight:
                    continue
                self._in_flight.add(key)
            if not self._slots.acquire(blocking=wait):
                with self._in_flight_lock:
                    self._in_flight.discard(key)
                break
            thread = threading.Thread(
                target=self._attempt, args=(task,), name=f"activity-{task.name}", daemon=True
            )
            thread.start()
            threads.append(thread)
            started += 1
        if wait:
            for thread in threads:
                thread.join()
        return started

    # ------------------------------------------------------------------ one attempt
    def _attempt(self, task: ActivityTask) -> None:
        key = (task.workflow_id, task.activity_id)
        try:
            self._run_attempt(task)
        except (StoreError, FlowError) as exc:
            # The result could not be recorded; the task stays due and runs again.
            log.error("activity %s of %s: %s", task.name, task.workflow_id, exc)
        finally:
            with self._in_flight_lock:
                self._in_flight.discard(key)
            self._slots.release()
            self._wake.set()

    def _run_attempt(self, task: ActivityTask) -> None:
        policy = RetryPolicy.from_json(task.options.get("retry") or {})
        timeout = float(task.options.get("start_to_close_seconds") or 30.0)
        attempt = task.attempts + 1
        fn = self.activities.get(task.name)
        if fn is None:
            self.engine.record_activity_failure(
                task.workflow_id,
                task.activity_id,
                error_type="UnknownActivity",
                message=f"this build has no activity named {task.name!r}",
                code="UNKNOWN_ACTIVITY",
                attempts=attempt,
            )
            return
        if not self.engine.update_task(
            task.workflow_id, task.activity_id, ran=task.call, state="running"
        ):
            return  # finished, cancelled or replaced by a rebase meanwhile
        ctx = ActivityContext(
            task.workflow_id, task.activity_id, attempt, time.monotonic() + timeout
        )
        outcome = self._call_with_deadline(fn, task.input, ctx, timeout)
        if outcome.error is None:
            try:
                json.dumps(outcome.result)
            except (TypeError, ValueError) as exc:
                # Recording it would raise outside the runner's error handling and leave
                # the task 'running' until a restart; retrying cannot make it JSON.
                outcome.error = NonRetryableError(
                    f"activity {task.name} returned a value JSON cannot carry ({exc})",
                    code="RESULT_NOT_JSON",
                )
        if outcome.error is None:
            self.offline = False
            self.engine.record_activity_result(
                task.workflow_id,
                task.activity_id,
                outcome.result,
                attempts=attempt,
                ran=task.call,
            )
            return
        self._handle_error(task, policy, attempt, outcome.error)

    def _call_with_deadline(
        self, fn: ActivityFn, payload: Any, ctx: ActivityContext, timeout: float
    ) -> _Outcome:
        """Run the attempt on its own thread so that a hung call cannot hold the task past
        its timeout; a late answer from an abandoned attempt is simply never recorded."""
        outcome = _Outcome()
        finished = threading.Event()

        def target() -> None:
            try:
                outcome.result = fn(payload, ctx)
            except BaseException as exc:
                outcome.error = exc
            finally:
                finished.set()

        threading.Thread(target=target, name="activity-attempt", daemon=True).start()
        if not finished.wait(timeout):
            return _Outcome(error=ActivityTimeoutError(f"no answer within {timeout:g} s"))
        return outcome

    def _handle_error(
        self, task: ActivityTask, policy: RetryPolicy, attempt: int, error: BaseException
    ) -> None:
        message = getattr(error, "message", None) or str(error) or type(error).__name__
        code = error.code if isinstance(error, ActivityError) else None
        if isinstance(error, ConnectivityError):
            self.offline = True
            self.last_error = message
            self.engine.update_task(
                task.workflow_id,
                task.activity_id,
                ran=task.call,
                state="waiting_for_network",
                last_error=message,
                last_error_code=code or "OFFLINE",
            )
            return
        error_type = type(error).__name__
        final = isinstance(error, NonRetryableError) or error_type in (
            policy.non_retryable_error_types
        )
        if final or policy.exhausted(attempt):
            self.engine.record_activity_failure(
                task.workflow_id,
                task.activity_id,
                error_type=error_type,
                message=message,
                code=code,
                attempts=attempt,
                ran=task.call,
            )
            return
        retry_after = error.retry_after if isinstance(error, RetryableError) else None
        delay = retry_after if retry_after is not None else policy.delay(attempt, self._rng)
        self.engine.update_task(
            task.workflow_id,
            task.activity_id,
            ran=task.call,
            state="backoff",
            attempts=attempt,
            next_attempt_at=self._now() + delay,
            last_error=message,
            last_error_code=code,
        )
