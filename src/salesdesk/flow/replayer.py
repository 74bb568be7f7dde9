"""Replay every stored history with this build's code, and report version markers.

Used by tests, by ``salesdesk replay`` and by the server before it accepts a history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from salesdesk.flow.definition import WorkflowDefinition, definition_of
from salesdesk.flow.engine import Engine
from salesdesk.flow.errors import FlowError, UnknownWorkflowTypeError
from salesdesk.flow.events import Event, EventType
from salesdesk.flow.instance import WorkflowInstance


def replay_history(
    workflows: Sequence[type[Any]], workflow_id: str, events: Sequence[Event]
) -> WorkflowInstance:
    """Replay one history; raises NonDeterminismError (or HistoryFormatError) on failure."""
    if not events:
        raise FlowError(f"workflow {workflow_id} has an empty history")
    wtype = str(events[0].data.get("workflow_type", ""))
    defs: dict[str, WorkflowDefinition] = {
        definition_of(c).name: definition_of(c) for c in workflows
    }
    definition = defs.get(wtype)
    if definition is None:
        raise UnknownWorkflowTypeError(wtype, sorted(defs))
    return WorkflowInstance.from_history(definition, workflow_id, events)


@dataclass
class ReplayReport:
    replayed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def replay_all(engine: Engine) -> ReplayReport:
    """Replay every local history from disk, bypassing the instance cache."""
    report = ReplayReport()
    for row in engine.list_workflows():
        try:
            engine.definition(row.workflow_type)
            WorkflowInstance.from_history(
                engine.definition(row.workflow_type),
                row.workflow_id,
                engine.history(row.workflow_id),
            )
            report.replayed += 1
        except FlowError as exc:
            report.failures.append((row.workflow_id, str(exc)))
    return report


@dataclass
class PatchUsage:
    patch_id: str
    workflow_type: str
    open_with_marker: int = 0
    open_without_marker: int = 0

    @property
    def old_branch_needed(self) -> bool:
        return self.open_without_marker > 0


def version_report(engine: Engine) -> list[PatchUsage]:
    """For each change id a workflow type declares (or that a history recorded), how many
    open workflows took the new path and how many still need the old branch."""
    usage: dict[tuple[str, str], PatchUsage] = {}
    for name, definition in engine.definitions.items():
        for patch in definition.patches:
            usage[(name, patch)] = PatchUsage(patch, name)
    rows = [r for r in engine.list_workflows() if r.status == "open"]
    for row in rows:
        markers = set(_markers(engine.history(row.workflow_id)))
        for patch in markers:
            usage.setdefault((row.workflow_type, patch), PatchUsage(patch, row.workflow_type))
        for (wtype, patch), entry in usage.items():
            if wtype != row.workflow_type:
                continue
            if patch in markers:
                entry.open_with_marker += 1
            else:
                entry.open_without_marker += 1
    return sorted(usage.values(), key=lambda u: (u.workflow_type, u.patch_id))


def _markers(events: Iterable[Event]) -> Iterable[str]:
    for e in events:
        if e.type == EventType.MARKER_RECORDED and e.data.get("kind") == "patch":
            yield str(e.data.get("patch_id"))
