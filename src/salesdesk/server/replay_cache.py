"""Live workflow instances on the server, so a push costs a replay of the new events only.

The cache is only a speed-up: an instance is trusted only if its position equals the
stored position, and it is dropped whenever a transaction using it does not commit.
A per-workflow lock keeps two requests in this process from mutating one instance;
other server instances are kept honest by the event store's expected-position append.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from salesdesk.flow.definition import WorkflowDefinition, definition_of
from salesdesk.flow.errors import UnknownWorkflowTypeError
from salesdesk.flow.events import Event, utc_iso
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.server import eventstore
from salesdesk.server.db import Executor


def to_flow_event(stored: eventstore.StoredEvent) -> Event:
    return Event(
        stored.seq,
        stored.type,
        json.loads(stored.payload_json),
        utc_iso(stored.recorded_at),
        stored.origin,
    )


class ReplayCache:
    def __init__(self, workflows: Sequence[type[Any]], capacity: int = 2000) -> None:
        self._definitions: dict[str, WorkflowDefinition] = {
            d.name: d for d in map(definition_of, workflows)
        }
        self._cache: OrderedDict[str, WorkflowInstance] = OrderedDict()
        self._capacity = capacity
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def definition(self, workflow_type: str) -> WorkflowDefinition:
        found = self._definitions.get(workflow_type)
        if found is None:
            raise UnknownWorkflowTypeError(workflow_type, sorted(self._definitions))
        return found

    @contextmanager
    def locked(self, workflow_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(workflow_id, threading.Lock())
        with lock:
            yield
        with self._guard:
            if len(self._locks) > 4 * self._capacity:
                # Drop idle locks now and then; a lock in use is simply re-created.
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}

    def new(self, workflow_type: str, workflow_id: str) -> WorkflowInstance:
        return WorkflowInstance(self.definition(workflow_type), workflow_id)

    def load(
        self,
        conn: Executor,
        workflow_id: str,
        workflow_type: str,
        *,
        stored_position: int | None = None,
    ) -> WorkflowInstance:
        """The instance at the stored position (call under ``locked(workflow_id)``).

        Pass ``stored_position`` when the caller has just read it in this transaction
        (under the workflow's row lock), to save the query.
        """
        if stored_position is None:
            stored_position = eventstore.position(conn, workflow_id)
        with self._guard:
            inst = self._cache.get(workflow_id)
            if inst is not None:
                self._cache.move_to_end(workflow_id)
        if inst is not None and inst.workflow_type == workflow_type:
            if inst.position == stored_position:
                return inst
            if inst.position < stored_position:
                newer = eventstore.read_workflow(conn, workflow_id, inst.position)
                try:
                    inst.replay([to_flow_event(e) for e in newer])
                    return inst
                except Exception:
                    self.evict(workflow_id)
                    raise
        inst = self.new(workflow_type, workflow_id)
        inst.replay([to_flow_event(e) for e in eventstore.read_workflow(conn, workflow_id)])
        return inst

    def keep(self, inst: WorkflowInstance) -> None:
        with self._guard:
            self._cache[inst.workflow_id] = inst
            self._cache.move_to_end(inst.workflow_id)
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)

    def evict(self, workflow_id: str) -> None:
        with self._guard:
            self._cache.pop(workflow_id, None)
