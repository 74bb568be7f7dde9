"""One live workflow: its object, its scheduler and its history, with checked replay.

The instance is pure: it turns events into new events and never touches storage, so the
desktop engine and the server use it the same way. Mutating calls (``signal``,
``complete_activity``...) change the in-memory state before the caller has made the new
events durable; a caller whose commit fails must drop the instance and replay it.
"""

from __future__ import annotations

import json
import random as _random
import uuid as _uuid
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError

from salesdesk.flow.definition import SignalDef, WorkflowDefinition
from salesdesk.flow.errors import (
    ActivityCancelledError,
    ActivityFailure,
    FlowError,
    HistoryFormatError,
    NonDeterminismError,
    SignalRejected,
    TimerCancelledError,
    WorkflowClosedError,
    WorkflowTaskError,
)
from salesdesk.flow.events import (
    CURRENT_FLAGS,
    DECISION_TYPES,
    ENGINE_VERSION,
    FLAG_CHECK_ACTIVITY_INPUT,
    Command,
    Event,
    EventType,
    describe,
    parse_time,
)
from salesdesk.flow.scheduler import Future, Scheduler, Task
from salesdesk.flow.validation import rejection_from

_current: ContextVar[WorkflowInstance | None] = ContextVar("salesdesk_flow_instance", default=None)


def current_instance() -> WorkflowInstance:
    inst = _current.get()
    if inst is None:
        raise FlowError("this call is only allowed inside workflow code run by the engine")
    return inst


def origin_kind(origin: str) -> str:
    """``device:abc`` -> ``device``; ``server`` -> ``server``."""
    return origin.split(":", 1)[0]


@dataclass(slots=True)
class PendingActivity:
    activity_id: int
    name: str
    input: Any
    future: Future[Any]
    options: dict[str, Any]


@dataclass(slots=True)
class PendingTimer:
    timer_id: int
    fire_at: str
    future: Future[None]


@dataclass
class WorkflowStatus:
    status: str = "open"  # open | completed | failed
    result: Any = None
    error: dict[str, Any] | None = None


@dataclass
class _Activation:
    """What one external event made the code produce."""

    commands: list[Command] = field(default_factory=list)
    recorded: Sequence[Event] = ()  # replay only: the decisions recorded after the event


class WorkflowInstance:
    def __init__(self, definition: WorkflowDefinition, workflow_id: str) -> None:
        self.definition = definition
        self.workflow_id = workflow_id
        self.obj: Any = definition.cls()
        self.events: list[Event] = []
        self.scheduler = Scheduler()
        self.state = WorkflowStatus()
        self.flags: frozenset[str] = frozenset()
        self.replaying = False
        self._rng = _random.Random(0)
        self._activity_counter = 0
        self._timer_counter = 0
        self.activities: dict[int, PendingActivity] = {}
        self.timers: dict[int, PendingTimer] = {}
        self._patches: dict[str, bool] = {}
        self._activation: _Activation | None = None
        self._now: str = ""
        self._main: Task[Any] | None = None
        self._event_origin = ""

    # ------------------------------------------------------------------ properties
    @property
    def position(self) -> int:
        return len(self.events)

    @property
    def closed(self) -> bool:
        return self.state.status != "open"

    @property
    def workflow_type(self) -> str:
        return self.definition.name

    def now(self) -> datetime:
        return parse_time(self._now)

    # ------------------------------------------------------------------ construction
    @classmethod
    def start(
        cls,
        definition: WorkflowDefinition,
        workflow_id: str,
        start_input: Any,
        *,
        time: str,
        origin: str,
        seed: int,
    ) -> tuple[WorkflowInstance, list[Event]]:
        inst = cls(definition, workflow_id)
        payload = inst._validate_start(start_input)
        event = Event(
            1,
            EventType.WORKFLOW_STARTED,
            {
                "workflow_type": definition.name,
                "input": payload,
                "seed": seed,
                "flags": list(CURRENT_FLAGS),
                "engine_version": ENGINE_VERSION,
            },
            time,
            origin,
        )
        return inst, inst._live(event)

    @classmethod
    def from_history(
        cls, definition: WorkflowDefinition, workflow_id: str, events: Sequence[Event]
    ) -> WorkflowInstance:
        inst = cls(definition, workflow_id)
        inst.replay(events)
        return inst

    def _validate_start(self, start_input: Any) -> Any:
        model = self.definition.start_model
        if model is None:
            return start_input
        try:
            parsed = (
                start_input if isinstance(start_input, model) else model.model_validate(start_input)
            )
        except ValidationError as exc:
            raise rejection_from("start", exc) from None
        return parsed.model_dump(mode="json")

    # ------------------------------------------------------------------ replay
    def replay(self, events: Sequence[Event], *, validate_signals: bool = False) -> None:
        """Apply recorded events after the current position, checking every decision.

        With ``validate_signals`` every recorded signal must also pass its validators and
        origin rules at the point where it was recorded: the server uses this so that a
        client cannot push a signal the live code would have refused.
        """
        i = 0
        n = len(events)
        self.replaying = True
        try:
            while i < n:
                event = events[i]
                if event.seq != self.position + 1:
                    raise HistoryFormatError(
                        f"workflow {self.workflow_id}: event #{event.seq} found where "
                        f"#{self.position + 1} was expected; the history has a gap or a repeat"
                    )
                if event.type in DECISION_TYPES:
                    self._mismatch(event.seq, describe(event.type, event.data), "nothing")
                j = i + 1
                while j < n and events[j].type in DECISION_TYPES:
                    j += 1
                recorded = events[i + 1 : j]
                if validate_signals and event.type == EventType.SIGNAL_RECEIVED:
                    self.validate_signal(
                        str(event.data.get("name")),
                        event.data.get("payload"),
                        event.origin,
                        time=event.time,
                    )
                activation = self._activate(event, recorded)
                self._match(activation.commands, recorded, event.seq)
                self.events.extend(events[i:j])
                i = j
        finally:
            self.replaying = False

    def _match(self, commands: list[Command], recorded: Sequence[Event], after: int) -> None:
        check_input = FLAG_CHECK_ACTIVITY_INPUT in self.flags
        for k in range(max(len(commands), len(recorded))):
            seq = after + 1 + k
            if k >= len(recorded):
                self._mismatch(seq, "no further command", commands[k].describe())
            if k >= len(commands):
                rec = recorded[k]
                self._mismatch(rec.seq, describe(rec.type, rec.data), "nothing")
            cmd, rec = commands[k], recorded[k]
            if cmd.type != rec.type or not _same_decision(cmd, rec, check_input):
                expected, got = describe(rec.type, rec.data), cmd.describe()
                if expected == got and cmd.type == EventType.ACTIVITY_SCHEDULED:
                    # Only the input differs: show it, or both sides would read the same.
                    expected += f" with input {json.dumps(rec.data.get('input'), sort_keys=True)}"
                    got += f" with input {json.dumps(cmd.data.get('input'), sort_keys=True)}"
                self._mismatch(rec.seq, expected, got)

    def _mismatch(self, seq: int, expected: str, got: str) -> None:
        raise NonDeterminismError(self.workflow_id, self.workflow_type, seq, expected, got)

    # ------------------------------------------------------------------ live events
    def _live(self, event: Event) -> list[Event]:
        """Apply a new external event and return it with the decisions it caused."""
        # Workflow code must see the event's data exactly as replay will read it from disk.
        event.data = as_recorded(event.data)
        activation = self._activate(event, ())
        new = [event]
        seq = event.seq
        for cmd in activation.commands:
            seq += 1
            new.append(_command_to_event(cmd, seq, event.time, event.origin))
        self.events.extend(new)
        return new

    def _next_event(self, event_type: str, data: dict[str, Any], time: str, origin: str) -> Event:
        if self.closed:
            raise WorkflowClosedError(self.workflow_id, self.state.status)
        return Event(self.position + 1, event_type, data, time, origin)

    def validate_signal(
        self, name: str, payload: Any, origin: str, *, time: str | None = None
    ) -> BaseModel:
        """Parse and check a signal against current state; raises SignalRejected.

        ``time`` is when the signal arrives: validators that compare dates (a delivery
        date in the past) see it through ``flow.now()``.
        """
        if time is not None:
            self._now = time
        if self.closed:
            raise WorkflowClosedError(self.workflow_id, self.state.status)
        sdef = self._signal_def(name)
        if sdef.origins is not None and origin_kind(origin) not in sdef.origins:
            allowed = " or ".join(sorted(sdef.origins))
            raise SignalRejected(name, {"": f"this signal may only come from the {allowed}"})
        try:
            model: BaseModel = (
                payload
                if isinstance(payload, sdef.payload)
                else sdef.payload.model_validate(payload)
            )
        except ValidationError as exc:
            raise rejection_from(name, exc) from None
        if sdef.validate_fn is not None:
            token = _current.set(self)
            try:
                sdef.validate_fn(self.obj, model)
            except ValidationError as exc:
                raise rejection_from(name, exc) from None
            finally:
                _current.reset(token)
        return model

    def signal(
        self,
        name: str,
        payload: Any,
        *,
        time: str,
        origin: str,
        meta: dict[str, Any] | None = None,
    ) -> list[Event]:
        model = self.validate_signal(name, payload, origin, time=time)
        data: dict[str, Any] = {"name": name, "payload": model.model_dump(mode="json")}
        if meta:
            data["meta"] = meta
        return self._live(self._next_event(EventType.SIGNAL_RECEIVED, data, time, origin))

    def complete_activity(
        self, activity_id: int, result: Any, *, attempts: int, time: str, origin: str
    ) -> list[Event]:
        self._require_activity(activity_id)
        data = {"activity_id": activity_id, "result": result, "attempts": attempts}
        return self._live(self._next_event(EventType.ACTIVITY_COMPLETED, data, time, origin))

    def fail_activity(
        self,
        activity_id: int,
        *,
        error_type: str,
        message: str,
        code: str | None,
        attempts: int,
        time: str,
        origin: str,
    ) -> list[Event]:
        self._require_activity(activity_id)
        data = {
            "activity_id": activity_id,
            "error": {"type": error_type, "message": message, "code": code},
            "attempts": attempts,
        }
        return self._live(self._next_event(EventType.ACTIVITY_FAILED, data, time, origin))

    def fire_timer(self, timer_id: int, *, time: str, origin: str) -> list[Event]:
        if timer_id not in self.timers:
            raise FlowError(f"timer #{timer_id} of {self.workflow_id} is not pending")
        data = {"timer_id": timer_id}
        return self._live(self._next_event(EventType.TIMER_FIRED, data, time, origin))

    def _require_activity(self, activity_id: int) -> None:
        if activity_id not in self.activities:
            raise FlowError(f"activity #{activity_id} of {self.workflow_id} is not pending")

    def _signal_def(self, name: str) -> SignalDef[Any]:
        sdef = self.definition.signals.get(name)
        if sdef is None:
            known = ", ".join(sorted(self.definition.signals))
            raise SignalRejected(name, {"": f"unknown signal; this workflow accepts: {known}"})
        return sdef

    # ------------------------------------------------------------------ queries
    def query(self, name: str, *args: Any) -> Any:
        if name not in self.definition.queries:
            known = ", ".join(sorted(self.definition.queries))
            raise FlowError(f"unknown query {name!r}; this workflow answers: {known}")
        token = _current.set(self)
        try:
            return getattr(self.obj, name)(*args)
        finally:
            _current.reset(token)

    # ------------------------------------------------------------------ activation
    def _activate(self, event: Event, recorded: Sequence[Event]) -> _Activation:
        activation = _Activation(recorded=recorded)
        self._activation = activation
        self._now = event.time
        self._event_origin = event.origin
        token = _current.set(self)
        try:
            self._apply(event)
            self.scheduler.run_until_idle()
            self._check_main()
        except FlowError:
            raise
        except Exception as exc:  # a bug in workflow code, not a workflow failure
            raise WorkflowTaskError(
                f"{self.workflow_type} workflow {self.workflow_id} raised while handling "
                f"{describe(event.type, event.data)} (event #{event.seq}): "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        finally:
            _current.reset(token)
            self._activation = None
        return activation

    def _apply(self, event: Event) -> None:
        data = event.data
        kind = event.type
        if kind == EventType.WORKFLOW_STARTED:
            self._on_started(data)
        elif kind == EventType.SIGNAL_RECEIVED:
            self._on_signal(event)
        elif kind == EventType.ACTIVITY_COMPLETED:
            act = self._take_activity(data, event)
            act.future.set_result(data.get("result"))
        elif kind == EventType.ACTIVITY_FAILED:
            act = self._take_activity(data, event)
            err = data.get("error") or {}
            act.future.set_exception(
                ActivityFailure(
                    act.name,
                    str(err.get("type", "Error")),
                    str(err.get("message", "")),
                    err.get("code"),
                )
            )
        elif kind == EventType.TIMER_FIRED:
            timer = self.timers.pop(_int_field(event, "timer_id"), None)
            if timer is None:
                raise HistoryFormatError(
                    f"event #{event.seq} fires timer #{data['timer_id']}, which is not pending"
                )
            timer.future.set_result(None)
        else:  # pragma: no cover - guarded by replay()
            raise HistoryFormatError(f"event #{event.seq} has unknown type {kind!r}")

    def _on_started(self, data: dict[str, Any]) -> None:
        if self._main is not None:
            raise HistoryFormatError("a history may start only once")
        self.flags = frozenset(data.get("flags", ()))
        self._rng = _random.Random(int(data.get("seed", 0)))
        start_model = self.definition.start_model
        run = getattr(self.obj, self.definition.run_method)
        raw = data.get("input")
        coro = run(start_model.model_validate(raw)) if start_model is not None else run(raw)
        self._main = self.scheduler.spawn(coro, f"{self.workflow_type}.run")

    def _on_signal(self, event: Event) -> None:
        name = event.data.get("name")
        if not isinstance(name, str):
            raise HistoryFormatError(f"event #{event.seq} (SignalReceived) has no signal name")
        sdef = self._signal_def(name)
        model = sdef.payload.model_validate(event.data.get("payload"))
        outcome = sdef.fn(self.obj, model)
        if hasattr(outcome, "__await__"):
            self.scheduler.spawn(outcome, f"signal {name}")

    def _take_activity(self, data: dict[str, Any], event: Event) -> PendingActivity:
        act = self.activities.pop(_int_field(event, "activity_id"), None)
        if act is None:
            raise HistoryFormatError(
                f"event #{event.seq} reports activity #{data['activity_id']}, which is "
                "not pending (a duplicated or foreign result)"
            )
        return act

    def _check_main(self) -> None:
        main = self._main
        if main is None or not main.done() or self.closed:
            return
        try:
            result = main.result()
        except (NonDeterminismError, HistoryFormatError):
            raise
        except Exception as exc:  # the workflow itself failed: that is recorded
            error = {"type": type(exc).__name__, "message": str(exc)}
            self.state = WorkflowStatus("failed", error=error)
            self._command(EventType.WORKFLOW_FAILED, {"error": self.state.error})
            self._cancel_outstanding()
            return
        dumped = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
        self.state = WorkflowStatus("completed", result=dumped)
        self._command(EventType.WORKFLOW_COMPLETED, {"result": dumped})
        self._cancel_outstanding()

    def _cancel_outstanding(self) -> None:
        """A closed workflow leaves nothing running behind it."""
        for activity_id in sorted(self.activities):
            self.activities.pop(activity_id)
            self._command(EventType.ACTIVITY_CANCELLED, {"activity_id": activity_id})
        for timer_id in sorted(self.timers):
            self.timers.pop(timer_id)
            self._command(EventType.TIMER_CANCELLED, {"timer_id": timer_id})

    # ------------------------------------------------------------------ workflow API
    def _command(self, event_type: str, data: dict[str, Any]) -> None:
        activation = self._activation
        if activation is None:
            raise FlowError("workflow commands may only be issued while the engine runs it")
        activation.commands.append(Command(event_type, data))

    def schedule_activity(
        self, name: str, payload: Any, options: dict[str, Any]
    ) -> tuple[int, Future[Any]]:
        self._activity_counter += 1
        activity_id = self._activity_counter
        fut: Future[Any] = Future()
        dumped = as_recorded(payload)
        self.activities[activity_id] = PendingActivity(activity_id, name, dumped, fut, options)
        self._command(
            EventType.ACTIVITY_SCHEDULED,
            {"activity_id": activity_id, "name": name, "input": dumped, "options": options},
        )
        return activity_id, fut

    def cancel_activity(self, activity_id: int) -> None:
        act = self.activities.pop(activity_id, None)
        if act is None:
            return  # already finished: cancelling is a no-op, as in Temporal
        self._command(EventType.ACTIVITY_CANCELLED, {"activity_id": activity_id})
        act.future.set_exception(ActivityCancelledError(f"activity {act.name} was cancelled"))

    def start_timer(self, seconds: float) -> tuple[int, Future[None]]:
        self._timer_counter += 1
        timer_id = self._timer_counter
        fire_at = (self.now() + timedelta(seconds=seconds)).isoformat(timespec="microseconds")
        fut: Future[None] = Future()
        self.timers[timer_id] = PendingTimer(timer_id, fire_at, fut)
        self._command(
            EventType.TIMER_STARTED,
            {"timer_id": timer_id, "fire_at": fire_at, "seconds": seconds},
        )
        return timer_id, fut

    def cancel_timer(self, timer_id: int) -> None:
        timer = self.timers.pop(timer_id, None)
        if timer is None:
            return
        self._command(EventType.TIMER_CANCELLED, {"timer_id": timer_id})
        timer.future.set_exception(TimerCancelledError(f"timer #{timer_id} was cancelled"))

    def patched(self, patch_id: str) -> bool:
        known = self._patches.get(patch_id)
        if known is not None:
            return known
        if self.replaying:
            activation = self._activation
            recorded = activation.recorded if activation is not None else ()
            present = any(
                e.type == EventType.MARKER_RECORDED and e.data.get("patch_id") == patch_id
                for e in recorded
            )
        else:
            present = True
        if present:
            self._command(EventType.MARKER_RECORDED, {"kind": "patch", "patch_id": patch_id})
        self._patches[patch_id] = present
        return present

    def side_effect(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` once live and record its JSON value; replay returns the record."""
        activation = self._activation
        if activation is None:
            raise FlowError("side_effect may only be called while the engine runs the workflow")
        if self.replaying:
            index = len(activation.commands)
            recorded = activation.recorded
            if index < len(recorded) and recorded[index].type == EventType.SIDE_EFFECT:
                value = recorded[index].data.get("value")
            else:
                value = None  # the mismatch is reported by _match with full context
        else:
            value = as_recorded(fn())
        self._command(EventType.SIDE_EFFECT, {"value": value})
        return value

    def random(self) -> float:
        return self._rng.random()

    def uuid4(self) -> _uuid.UUID:
        return _uuid.UUID(int=self._rng.getrandbits(128), version=4)

    def spawn(self, coro: Any, name: str) -> Task[Any]:
        return self.scheduler.spawn(coro, name)

    def wait_condition(self, predicate: Callable[[], bool]) -> Future[bool]:
        return self.scheduler.wait_condition(predicate)

    @property
    def event_origin(self) -> str:
        """Origin of the event being handled (e.g. to tell a manager's signal apart)."""
        return self._event_origin


def _int_field(event: Event, key: str) -> int:
    """An id the engine itself wrote into an event. A missing or mistyped one means a
    malformed history, which must not be reported as a bug of the workflow code."""
    value = event.data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise HistoryFormatError(
            f"event #{event.seq} ({event.type}) needs a whole number {key!r}, found {value!r}"
        )
    return value


def as_recorded(value: Any) -> Any:
    """``value`` exactly as replay will read it back from the stored JSON.

    Live code must see the same value replay will: a tuple comes back as a list, and a
    dict or list the workflow goes on mutating must be recorded as it was at the call,
    not as it is when the events are written (nor change in the cached history later);
    and dict keys come back sorted, as the store writes them (``Event.data_json``), so
    code that iterates a dict sees the same order live and on replay.
    """
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    return json.loads(json.dumps(value, sort_keys=True))


def _same_decision(cmd: Command, rec: Event, check_input: bool) -> bool:
    a, b = cmd.data, rec.data
    t = cmd.type
    if t == EventType.ACTIVITY_SCHEDULED:
        if a["activity_id"] != b.get("activity_id") or a["name"] != b.get("name"):
            return False
        return not check_input or a.get("input") == b.get("input")
    if t in (EventType.ACTIVITY_CANCELLED,):
        return bool(a["activity_id"] == b.get("activity_id"))
    if t in (EventType.TIMER_STARTED, EventType.TIMER_CANCELLED):
        return bool(a["timer_id"] == b.get("timer_id"))
    if t == EventType.MARKER_RECORDED:
        return bool(a.get("patch_id") == b.get("patch_id"))
    return True


def _command_to_event(cmd: Command, seq: int, time: str, origin: str) -> Event:
    return Event(seq, cmd.type, cmd.data, time, origin)
