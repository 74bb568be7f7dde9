"""A deterministic, single-threaded coroutine scheduler for workflow code.

Workflow coroutines never touch asyncio: they await our own futures, and the scheduler
resumes ready tasks in FIFO order until nothing can move. The same inputs therefore give
the same interleaving every time, which is what replay relies on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Coroutine, Generator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_PENDING = object()


class Future(Generic[T]):
    __slots__ = ("_callbacks", "_exception", "_result")

    def __init__(self) -> None:
        self._result: Any = _PENDING
        self._exception: BaseException | None = None
        self._callbacks: list[Callable[[Future[T]], None]] = []

    def done(self) -> bool:
        return self._result is not _PENDING or self._exception is not None

    def set_result(self, value: T) -> None:
        if self.done():
            raise RuntimeError("future already resolved")
        self._result = value
        self._fire()

    def set_exception(self, exc: BaseException) -> None:
        if self.done():
            raise RuntimeError("future already resolved")
        self._exception = exc
        self._fire()

    def result(self) -> T:
        if self._exception is not None:
            raise self._exception
        if self._result is _PENDING:
            raise RuntimeError("future not resolved")
        return self._result  # type: ignore[no-any-return]

    def add_done_callback(self, fn: Callable[[Future[T]], None]) -> None:
        if self.done():
            fn(self)
        else:
            self._callbacks.append(fn)

    def _fire(self) -> None:
        callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            fn(self)

    def __await__(self) -> Generator[Any, None, T]:
        if not self.done():
            yield self
        return self.result()


class Task(Future[T]):
    """A coroutine driven by the scheduler; awaitable like any future."""

    __slots__ = ("_coro", "_scheduler", "name")

    def __init__(self, scheduler: Scheduler, coro: Coroutine[Any, Any, T], name: str) -> None:
        super().__init__()
        self._coro = coro
        self._scheduler = scheduler
        self.name = name

    def _step(self, value: Any = None, exc: BaseException | None = None) -> None:
        try:
            yielded = self._coro.throw(exc) if exc is not None else self._coro.send(value)
        except StopIteration as stop:
            self.set_result(stop.value)
            return
        except BaseException as error:  # workflow code failed: the task carries it
            self.set_exception(error)
            return
        if not isinstance(yielded, Future):
            self._coro.close()
            self.set_exception(
                TypeError(
                    f"workflow task {self.name} awaited {yielded!r}; workflow code may only "
                    "await engine futures (activities, timers, conditions, tasks), not asyncio"
                )
            )
            return
        yielded.add_done_callback(self._wake)

    def _wake(self, fut: Future[Any]) -> None:
        self._scheduler.ready.append((self, fut))


class Scheduler:
    def __init__(self) -> None:
        self.ready: deque[tuple[Task[Any], Future[Any] | None]] = deque()
        self.conditions: list[tuple[Callable[[], bool], Future[bool]]] = []

    def spawn(self, coro: Coroutine[Any, Any, T], name: str) -> Task[T]:
        task = Task(self, coro, name)
        self.ready.append((task, None))
        return task

    def wait_condition(self, predicate: Callable[[], bool]) -> Future[bool]:
        fut: Future[bool] = Future()
        self.conditions.append((predicate, fut))
        return fut

    def run_until_idle(self) -> None:
        while True:
            while self.ready:
                task, fut = self.ready.popleft()
                if fut is None:
                    task._step()
                elif fut._exception is not None:
                    task._step(exc=fut._exception)
                else:
                    task._step(fut._result)
            if not self._release_conditions():
                return

    def _release_conditions(self) -> bool:
        """Resolve satisfied conditions in registration order; True if any moved."""
        moved = False
        still: list[tuple[Callable[[], bool], Future[bool]]] = []
        for predicate, fut in self.conditions:
            if fut.done():
                continue
            if predicate():
                fut.set_result(True)
                moved = True
            else:
                still.append((predicate, fut))
        self.conditions = still
        return moved
