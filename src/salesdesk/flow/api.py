"""The API workflow code calls. Everything here is deterministic under replay.

Workflow code must take time, ids and randomness only from here, never from
``datetime.now()``, ``uuid.uuid4()`` or ``random``: those differ on replay.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from salesdesk.flow.errors import TimerCancelledError
from salesdesk.flow.instance import current_instance
from salesdesk.flow.retry import RetryPolicy
from salesdesk.flow.scheduler import Future, Task

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class WorkflowInfo:
    workflow_id: str
    workflow_type: str
    replaying: bool
    event_origin: str


def info() -> WorkflowInfo:
    inst = current_instance()
    return WorkflowInfo(inst.workflow_id, inst.workflow_type, inst.replaying, inst.event_origin)


def now() -> datetime:
    """The recorded time of the event being handled."""
    return current_instance().now()


def uuid4() -> UUID:
    return current_instance().uuid4()


def random() -> float:
    return current_instance().random()


def patched(change_id: str) -> bool:
    """True on the new code path: for workflows that reach this call after the change.

    Histories recorded before the change replay with False, so they keep the old path.
    """
    return current_instance().patched(change_id)


def side_effect(fn: Callable[[], T]) -> T:
    """Run a non-deterministic function once and record its JSON-serialisable value."""
    value: T = current_instance().side_effect(fn)
    return value


class ActivityHandle(Awaitable[Any]):
    """A scheduled activity: await it for the result, or cancel it."""

    def __init__(self, activity_id: int, future: Future[Any], result_type: type[Any] | None):
        self.activity_id = activity_id
        self._future = future
        self._result_type = result_type

    def cancel(self) -> None:
        current_instance().cancel_activity(self.activity_id)

    def done(self) -> bool:
        return self._future.done()

    def __await__(self) -> Any:
        raw = yield from self._future.__await__()
        if self._result_type is not None and issubclass(self._result_type, BaseModel):
            return self._result_type.model_validate(raw)
        return raw


def execute_activity(
    name: str,
    payload: Any,
    *,
    result_type: type[Any] | None = None,
    retry: RetryPolicy | None = None,
    start_to_close_seconds: float = 30.0,
) -> ActivityHandle:
    """Schedule an activity; several may be pending at once."""
    policy = retry or RetryPolicy()
    options = {"retry": policy.to_json(), "start_to_close_seconds": start_to_close_seconds}
    activity_id, fut = current_instance().schedule_activity(name, payload, options)
    return ActivityHandle(activity_id, fut, result_type)


class TimerHandle(Awaitable[None]):
    def __init__(self, timer_id: int, future: Future[None]):
        self.timer_id = timer_id
        self._future = future

    def cancel(self) -> None:
        current_instance().cancel_timer(self.timer_id)

    def done(self) -> bool:
        return self._future.done()

    def __await__(self) -> Any:
        return self._future.__await__()


def _seconds(duration: float | timedelta) -> float:
    return duration.total_seconds() if isinstance(duration, timedelta) else float(duration)


def start_timer(duration: float | timedelta) -> TimerHandle:
    """A durable timer: it survives restarts and fires on the next tick after it is due."""
    timer_id, fut = current_instance().start_timer(_seconds(duration))
    return TimerHandle(timer_id, fut)


async def sleep(duration: float | timedelta) -> None:
    await start_timer(duration)


async def wait_condition(
    predicate: Callable[[], bool], *, timeout: float | timedelta | None = None
) -> bool:
    """Wait until ``predicate()`` holds; False if the timeout fired first."""
    inst = current_instance()
    if predicate():
        return True
    if timeout is None:
        await inst.wait_condition(predicate)
        return True
    timer = start_timer(timeout)
    fired = False

    def done_or_timed_out() -> bool:
        return fired or predicate()

    async def watch() -> None:
        nonlocal fired
        try:
            await timer
            fired = True
        except TimerCancelledError:
            pass

    inst.spawn(watch(), "wait_condition timeout")
    await inst.wait_condition(done_or_timed_out)
    if predicate():
        if not timer.done():
            timer.cancel()
        return True
    return False


def start_task(coro: Coroutine[Any, Any, T], name: str = "task") -> Task[T]:
    """Run a coroutine concurrently inside the workflow (deterministically interleaved)."""
    return current_instance().spawn(coro, name)
