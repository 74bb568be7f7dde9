"""Declaring workflows in plain Python: a class with a run coroutine, signals and queries.

@workflow("sale")
class Sale:
    @run
    async def run(self, start: SaleStart) -> None: ...

    @signal(CustomerSignal)
    def customer(self, payload: CustomerSignal) -> None: ...

    @customer.validator
    def _check_customer(self, payload: CustomerSignal) -> None:
        raise SignalRejected("customer", {"vat_number": "..."})

    @query
    def summary(self) -> Summary: ...
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
C = TypeVar("C", bound=type[Any])

_RUN_ATTR = "__flow_run__"
_QUERY_ATTR = "__flow_query__"


class SignalDef(Generic[M]):
    """A signal handler with its payload model, optional validator and allowed origins."""

    def __init__(
        self,
        fn: Callable[[Any, M], Any],
        payload: type[M],
        name: str,
        origins: frozenset[str] | None,
    ) -> None:
        self.fn = fn
        self.payload = payload
        self.name = name
        self.origins = origins
        self.validate_fn: Callable[[Any, M], None] | None = None

    def validator(self, fn: Callable[[Any, M], None]) -> Callable[[Any, M], None]:
        """Register a check that runs on current state before the signal is recorded."""
        self.validate_fn = fn
        return fn

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return self.fn.__get__(obj, objtype)


def signal(
    payload: type[M], *, name: str | None = None, origins: tuple[str, ...] | None = None
) -> Callable[[Callable[[Any, M], Any]], SignalDef[M]]:
    """Mark a method as a signal handler.

    ``origins`` restricts where the signal may come from, by origin kind: ``"device"``
    (a desktop) or ``"server"`` (the central server acting for a manager or itself).
    """

    def wrap(fn: Callable[[Any, M], Any]) -> SignalDef[M]:
        return SignalDef(fn, payload, name or fn.__name__, frozenset(origins) if origins else None)

    return wrap


def run(fn: Callable[..., Coroutine[Any, Any, Any]]) -> Callable[..., Coroutine[Any, Any, Any]]:
    if not inspect.iscoroutinefunction(fn):
        raise TypeError(f"@run method {fn.__name__} must be 'async def'")
    setattr(fn, _RUN_ATTR, True)
    return fn


def query(fn: Callable[..., T]) -> Callable[..., T]:
    setattr(fn, _QUERY_ATTR, True)
    return fn


@dataclass(frozen=True)
class WorkflowDefinition:
    name: str
    cls: type[Any]
    run_method: str
    start_model: type[BaseModel] | None
    signals: dict[str, SignalDef[Any]]
    queries: dict[str, str]
    patches: tuple[str, ...] = field(default=())


_DEF_ATTR = "__flow_definition__"


def workflow(name: str, *, patches: tuple[str, ...] = ()) -> Callable[[C], C]:
    """Declare a workflow type. ``patches`` lists the change ids its code may ask about,
    so the version report can say which old branches open workflows still need."""

    def wrap(cls: C) -> C:
        run_method: str | None = None
        signals: dict[str, SignalDef[Any]] = {}
        queries: dict[str, str] = {}
        for attr, value in inspect.getmembers(cls):
            if isinstance(value, SignalDef):
                signals[value.name] = value
            elif getattr(value, _RUN_ATTR, False):
                run_method = attr
            elif getattr(value, _QUERY_ATTR, False):
                queries[attr] = attr
        if run_method is None:
            raise TypeError(f"workflow {name} ({cls.__name__}) has no @run method")
        hints = inspect.signature(getattr(cls, run_method)).parameters
        start_model: type[BaseModel] | None = None
        params = [p for p in hints.values() if p.name != "self"]
        if params:
            annotation = params[0].annotation
            if isinstance(annotation, str):
                module = inspect.getmodule(cls)
                annotation = eval(annotation, vars(module) if module else {})
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                start_model = annotation
        setattr(
            cls,
            _DEF_ATTR,
            WorkflowDefinition(name, cls, run_method, start_model, signals, queries, patches),
        )
        return cls

    return wrap


def definition_of(cls: type[Any]) -> WorkflowDefinition:
    found = getattr(cls, _DEF_ATTR, None)
    if not isinstance(found, WorkflowDefinition):
        raise TypeError(f"{cls.__name__} is not decorated with @workflow")
    return found
