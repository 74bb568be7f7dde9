"""Errors the engine raises, each saying what went wrong and what to do about it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class FlowError(Exception):
    """Base class of every engine error."""


class WorkflowNotFoundError(FlowError):
    def __init__(self, workflow_id: str) -> None:
        super().__init__(f"no workflow with id {workflow_id!r} in this profile")
        self.workflow_id = workflow_id


class WorkflowClosedError(FlowError):
    def __init__(self, workflow_id: str, status: str) -> None:
        super().__init__(f"workflow {workflow_id} is {status}; it accepts no more signals")
        self.workflow_id = workflow_id
        self.status = status


class UnknownWorkflowTypeError(FlowError):
    def __init__(self, workflow_type: str, known: list[str]) -> None:
        super().__init__(
            f"unknown workflow type {workflow_type!r}; this build knows: {', '.join(known) or '-'}"
        )
        self.workflow_type = workflow_type


class SignalRejected(FlowError):
    """A signal failed validation; nothing was recorded.

    ``fields`` maps a dotted field path (``""`` for the whole signal) to a plain message.
    """

    def __init__(self, signal: str, fields: Mapping[str, str]) -> None:
        self.signal = signal
        self.fields = dict(fields)
        detail = "; ".join(f"{k}: {v}" if k else v for k, v in self.fields.items())
        super().__init__(f"signal {signal!r} rejected: {detail}")


class WorkflowTaskError(FlowError):
    """Workflow code raised while handling an event; nothing was recorded."""


class NonDeterminismError(FlowError):
    """Replaying a history produced different commands than the ones recorded."""

    def __init__(
        self,
        workflow_id: str,
        workflow_type: str,
        seq: int,
        expected: str,
        got: str,
    ) -> None:
        self.workflow_id = workflow_id
        self.workflow_type = workflow_type
        self.seq = seq
        self.expected = expected
        self.got = got
        super().__init__(
            f"non-deterministic replay of {workflow_type} workflow {workflow_id} at event "
            f"#{seq}: history recorded {expected}, but the code now produced {got}. "
            "If the workflow code changed on purpose, guard the new path with "
            "patched('<change-id>') so that histories recorded before the change keep "
            "taking the old path."
        )


class HistoryFormatError(FlowError):
    """An imported or stored history is malformed."""


class StoreError(FlowError):
    """The local database cannot be used."""


class CorruptDatabaseError(StoreError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"the database file {path} is damaged or is not a SalesDesk database ({detail}). "
            "It was left untouched: keep a copy, then restore it from a backup or let sync "
            "rebuild a fresh profile in another data directory."
        )
        self.path = path


class SchemaTooNewError(StoreError):
    def __init__(self, path: str, found: str, known: str) -> None:
        super().__init__(
            f"the database {path} was written by a newer SalesDesk (schema {found}; this "
            f"version knows up to {known}). Install the newer SalesDesk to open it."
        )
        self.path = path


class DiskWriteError(StoreError):
    """A write could not be made durable (disk full, read-only, I/O error)."""


# Errors raised by activity implementations to steer retries.
class ActivityError(Exception):
    """Base class of errors an activity may raise on purpose."""

    non_retryable = False

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details


class RetryableError(ActivityError):
    """Try again later; ``retry_after`` (seconds) overrides the backoff when given."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, code: str | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class NonRetryableError(ActivityError):
    """Retrying cannot help (invalid input, rejected credentials)."""

    non_retryable = True


class ConnectivityError(ActivityError):
    """The network is not there. Does not use up attempts: the task waits for the network."""


class ActivityFailure(FlowError):
    """Raised inside workflow code when an activity failed for good."""

    def __init__(self, name: str, error_type: str, message: str, code: str | None) -> None:
        super().__init__(f"activity {name} failed: {message}")
        self.name = name
        self.error_type = error_type
        self.message = message
        self.code = code


class ActivityCancelledError(FlowError):
    """Raised inside workflow code when awaiting an activity that was cancelled."""


class TimerCancelledError(FlowError):
    """Raised inside workflow code when awaiting a timer that was cancelled."""
