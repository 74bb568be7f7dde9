"""History events and the commands workflow code produces.

A history is a list of events numbered from 1. *External* events come from outside
the workflow code (start, signals, activity results, timer firings); *decision* events
are the commands the code produced in answer to them. Replay applies the external
events and checks that the code produces exactly the recorded decisions again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final


class EventType:
    WORKFLOW_STARTED: Final = "WorkflowStarted"
    SIGNAL_RECEIVED: Final = "SignalReceived"
    ACTIVITY_SCHEDULED: Final = "ActivityScheduled"
    ACTIVITY_COMPLETED: Final = "ActivityCompleted"
    ACTIVITY_FAILED: Final = "ActivityFailed"
    ACTIVITY_CANCELLED: Final = "ActivityCancelled"
    TIMER_STARTED: Final = "TimerStarted"
    TIMER_FIRED: Final = "TimerFired"
    TIMER_CANCELLED: Final = "TimerCancelled"
    MARKER_RECORDED: Final = "MarkerRecorded"
    SIDE_EFFECT: Final = "SideEffect"
    WORKFLOW_COMPLETED: Final = "WorkflowCompleted"
    WORKFLOW_FAILED: Final = "WorkflowFailed"


EXTERNAL_TYPES: Final = frozenset(
    {
        EventType.WORKFLOW_STARTED,
        EventType.SIGNAL_RECEIVED,
        EventType.ACTIVITY_COMPLETED,
        EventType.ACTIVITY_FAILED,
        EventType.TIMER_FIRED,
    }
)
DECISION_TYPES: Final = frozenset(
    {
        EventType.ACTIVITY_SCHEDULED,
        EventType.ACTIVITY_CANCELLED,
        EventType.TIMER_STARTED,
        EventType.TIMER_CANCELLED,
        EventType.MARKER_RECORDED,
        EventType.SIDE_EFFECT,
        EventType.WORKFLOW_COMPLETED,
        EventType.WORKFLOW_FAILED,
    }
)
ALL_TYPES: Final = EXTERNAL_TYPES | DECISION_TYPES

# Behaviour flags recorded in WorkflowStarted. Replay applies the checks a history was
# recorded under, so a stricter check can be introduced without failing old histories.
FLAG_CHECK_ACTIVITY_INPUT: Final = "check_activity_input"
CURRENT_FLAGS: Final = (FLAG_CHECK_ACTIVITY_INPUT,)
ENGINE_VERSION: Final = 1


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(slots=True)
class Event:
    """One entry of a workflow history."""

    seq: int
    type: str
    data: dict[str, Any]
    time: str
    origin: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "type": self.type,
            "time": self.time,
            "origin": self.origin,
            "data": self.data,
        }

    def data_json(self) -> str:
        return json.dumps(self.data, separators=(",", ":"), sort_keys=True)

    def same_as(self, other: Event) -> bool:
        """Equal in every recorded field (used to accept an identical re-push)."""
        return (
            self.seq == other.seq
            and self.type == other.type
            and self.origin == other.origin
            and self.time == other.time
            and self.data_json() == other.data_json()
        )


@dataclass(slots=True)
class Command:
    """What workflow code asked for during one activation; becomes a decision event."""

    type: str
    data: dict[str, Any]

    def describe(self) -> str:
        return describe(self.type, self.data)


def describe(event_type: str, data: dict[str, Any]) -> str:
    """A short, human description used in non-determinism messages and timelines."""
    if event_type == EventType.ACTIVITY_SCHEDULED:
        return f"{event_type}(activity #{data.get('activity_id')} {data.get('name')!r})"
    if event_type in (EventType.ACTIVITY_CANCELLED,):
        return f"{event_type}(activity #{data.get('activity_id')})"
    if event_type in (EventType.TIMER_STARTED, EventType.TIMER_CANCELLED):
        return f"{event_type}(timer #{data.get('timer_id')})"
    if event_type == EventType.MARKER_RECORDED:
        return f"{event_type}(patch {data.get('patch_id')!r})"
    if event_type == EventType.SIGNAL_RECEIVED:
        return f"{event_type}({data.get('name')!r})"
    return event_type
