"""HTTP routes of sync (push, pull, history) and of the manager's sales views."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from salesdesk.flow.errors import FlowError, SignalRejected
from salesdesk.flow.events import ALL_TYPES, Event
from salesdesk.sales.views import SaleSummary
from salesdesk.server.auth import current_user
from salesdesk.server.errors import ApiError, responses
from salesdesk.server.sync import (
    AccessDenied,
    NotFound,
    PushedWorkflow,
    SyncService,
    event_to_json,
)
from salesdesk.server.users import Principal

ID = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")]
# Bounds of the database columns: a larger number is a 422, not an overflow (500) in SQL.
MAX_SEQ = 2**31 - 1  # events.seq / workflows.position are INTEGER
MAX_CURSOR = 2**63 - 1  # events.cursor is BIGINT


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: Annotated[int, Field(ge=1, le=MAX_SEQ)]
    type: Annotated[str, Field(min_length=1, max_length=40)]
    time: Annotated[str, Field(min_length=20, max_length=40)]
    origin: Annotated[str, Field(min_length=1, max_length=120)]
    data: dict[str, Any]

    def to_event(self) -> Event:
        return Event(self.seq, self.type, self.data, self.time, self.origin)


class WorkflowPush(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workflow_id: ID
    workflow_type: Annotated[str, Field(min_length=1, max_length=40)]
    expected_position: Annotated[int, Field(ge=0, le=MAX_SEQ)]
    events: Annotated[list[EventIn], Field(max_length=5000)]


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_id: ID
    workflows: Annotated[list[WorkflowPush], Field(max_length=200)]


class EventOut(BaseModel):
    seq: int
    type: str
    time: str
    origin: str
    data: dict[str, Any]
    cursor: int | None = None
    workflow_id: str | None = None


class PushResult(BaseModel):
    workflow_id: str
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    position: int
    reason: str | None = None
    server_events: list[EventOut] = []


class PushResponse(BaseModel):
    results: list[PushResult]


class PullRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_id: ID
    cursor: Annotated[int, Field(ge=0, le=MAX_CURSOR)] = 0
    limit: Annotated[int, Field(ge=1, le=2000)] = 500


class PullResponse(BaseModel):
    events: list[EventOut]
    next_cursor: int
    more: bool


class HistoryResponse(BaseModel):
    workflow_id: str
    events: list[EventOut]


class SaleRow(BaseModel):
    workflow_id: str
    status: str | None
    customer: str | None
    gross_total: str | None
    currency: str | None
    needs_approval: bool
    team: str | None
    owner_user_id: int
    updated_at: datetime


class DiscountDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approved: bool
    comment: Annotated[str | None, Field(max_length=1000)] = None


UserDep = Annotated[Principal, Depends(current_user)]


def _bad_events(items: list[WorkflowPush]) -> None:
    for w_index, item in enumerate(items):
        for e_index, e in enumerate(item.events):
            if e.type not in ALL_TYPES:
                raise ApiError(
                    422,
                    "validation_error",
                    f"unknown event type {e.type!r}",
                    fields={f"workflows.{w_index}.events.{e_index}.type": "unknown event type"},
                )


def _event_out(e: Event, cursor: int | None = None, wid: str | None = None) -> EventOut:
    return EventOut(**event_to_json(e, cursor), workflow_id=wid)


def make_sync_router(service: SyncService) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["sync"])

    @router.post(
        "/sync/push",
        response_model=PushResponse,
        summary="Push events a device recorded beyond the server's position",
        responses=responses(401, 403, 413, 422),
    )
    async def push(body: PushRequest, principal: UserDep) -> PushResponse:
        _bad_events(body.workflows)
        batch = [
            PushedWorkflow(
                w.workflow_id,
                w.workflow_type,
                w.expected_position,
                [e.to_event() for e in w.events],
            )
            for w in body.workflows
        ]
        outcomes = await run_in_threadpool(_guard, service.push, principal, body.device_id, batch)
        return PushResponse(
            results=[
                PushResult(
                    workflow_id=o.workflow_id,
                    status=o.status,
                    position=o.position,
                    reason=o.reason,
                    server_events=[_event_out(e) for e in o.server_events],
                )
                for o in outcomes
            ]
        )

    @router.post(
        "/sync/pull",
        response_model=PullResponse,
        summary="Events after a cursor that this user may see, less the device's own",
        responses=responses(401, 403, 422),
    )
    async def pull(body: PullRequest, principal: UserDep) -> PullResponse:
        events, next_cursor, more = await run_in_threadpool(
            _guard, service.pull, principal, body.device_id, body.cursor, body.limit
        )
        return PullResponse(
            events=[_event_out(e, cursor, wid) for cursor, wid, e in events],
            next_cursor=next_cursor,
            more=more,
        )

    @router.get(
        "/workflows/{workflow_id}/events",
        response_model=HistoryResponse,
        summary="A workflow's whole history",
        responses=responses(401, 403, 404),
    )
    async def history(workflow_id: ID, principal: UserDep) -> HistoryResponse:
        events = await run_in_threadpool(_guard, service.history, principal, workflow_id)
        return HistoryResponse(workflow_id=workflow_id, events=[_event_out(e) for e in events])

    @router.get(
        "/sales",
        response_model=list[SaleRow],
        summary="Sales this user may see (a manager: the team's)",
        responses=responses(401),
    )
    async def list_sales(
        principal: UserDep,
        needs_approval: Annotated[bool | None, Query()] = None,
        status: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
    ) -> list[SaleRow]:
        rows = await run_in_threadpool(
            service.list_sales, principal, needs_approval=needs_approval, status=status
        )
        return [
            SaleRow(
                workflow_id=r.workflow_id,
                status=r.status,
                customer=r.customer_name,
                gross_total=r.gross_total,
                currency=r.currency,
                needs_approval=r.needs_approval,
                team=r.team,
                owner_user_id=r.owner_user_id,
                updated_at=r.updated_at,
            )
            for r in rows
        ]

    @router.get(
        "/sales/{workflow_id}",
        response_model=SaleSummary,
        summary="A sale's summary, replayed on the server",
        responses=responses(401, 403, 404),
    )
    async def sale(workflow_id: ID, principal: UserDep) -> SaleSummary:
        result: SaleSummary = await run_in_threadpool(
            _guard, service.summary, principal, workflow_id
        )
        return result

    @router.post(
        "/sales/{workflow_id}/approve-discount",
        response_model=SaleSummary,
        summary="A manager approves or rejects the discount of a sale",
        responses=responses(401, 403, 404, 409, 422),
    )
    async def approve(workflow_id: ID, body: DiscountDecision, principal: UserDep) -> SaleSummary:
        result: SaleSummary = await run_in_threadpool(
            _guard, service.decide_discount, principal, workflow_id, body.approved, body.comment
        )
        return result

    return router


def _guard(fn: Any, *args: Any) -> Any:
    """Map domain errors to HTTP answers with plain messages."""
    try:
        return fn(*args)
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    except AccessDenied as exc:
        raise ApiError(403, "forbidden", str(exc)) from None
    except SignalRejected as exc:
        raise ApiError(
            409, "rejected", "; ".join(v for v in exc.fields.values()), fields=exc.fields
        ) from None
    except FlowError as exc:
        raise ApiError(409, "conflict", str(exc)) from None
