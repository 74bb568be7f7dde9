"""The desktop's command line and keyring, in the test's own process."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import keyring
import pytest

from salesdesk.sync.memory_keyring import MemoryKeyring


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """``salesdesk ARGV`` in this process; (exit code, stdout, stderr)."""
    from salesdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as mp,
    ):
        mp.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def memory_keyring_installed() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring as the process's backend (the OS keyring stand-in)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
