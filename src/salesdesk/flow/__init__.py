"""salesdesk.flow — an embedded durable-execution engine (Cadence/Temporal style).

Workflow code declares itself with :func:`workflow`, :func:`run`, :func:`signal` and
:func:`query`, and calls only the deterministic API re-exported here (``now``,
``execute_activity``, ``wait_condition``, ``patched``...). The :class:`Engine` keeps
histories in a local SQLite file; :class:`ActivityRunner` executes activities.

This package imports no Qt, no HTTP client and nothing of the server.
"""

from salesdesk.flow.api import (
    ActivityHandle,
    TimerHandle,
    execute_activity,
    info,
    now,
    patched,
    random,
    side_effect,
    sleep,
    start_task,
    start_timer,
    uuid4,
    wait_condition,
)
from salesdesk.flow.definition import query, run, signal, workflow
from salesdesk.flow.engine import ActivityTask, Engine, SignalAck, WorkflowRow
from salesdesk.flow.errors import (
    ActivityCancelledError,
    ActivityFailure,
    ConnectivityError,
    CorruptDatabaseError,
    DiskWriteError,
    FlowError,
    HistoryFormatError,
    NonDeterminismError,
    NonRetryableError,
    RetryableError,
    SchemaTooNewError,
    SignalRejected,
    TimerCancelledError,
    WorkflowClosedError,
    WorkflowNotFoundError,
    WorkflowTaskError,
)
from salesdesk.flow.events import Event, EventType
from salesdesk.flow.retry import RetryPolicy
from salesdesk.flow.runner import ActivityContext, ActivityFn, ActivityRunner

__all__ = [
    "ActivityCancelledError",
    "ActivityContext",
    "ActivityFailure",
    "ActivityFn",
    "ActivityHandle",
    "ActivityRunner",
    "ActivityTask",
    "ConnectivityError",
    "CorruptDatabaseError",
    "DiskWriteError",
    "Engine",
    "Event",
    "EventType",
    "FlowError",
    "HistoryFormatError",
    "NonDeterminismError",
    "NonRetryableError",
    "RetryPolicy",
    "RetryableError",
    "SchemaTooNewError",
    "SignalAck",
    "SignalRejected",
    "TimerCancelledError",
    "TimerHandle",
    "WorkflowClosedError",
    "WorkflowNotFoundError",
    "WorkflowRow",
    "WorkflowTaskError",
    "execute_activity",
    "info",
    "now",
    "patched",
    "query",
    "random",
    "run",
    "side_effect",
    "signal",
    "sleep",
    "start_task",
    "start_timer",
    "uuid4",
    "wait_condition",
    "workflow",
]
