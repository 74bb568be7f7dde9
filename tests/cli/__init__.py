"""Tests of the salesdesk command, run as a subprocess."""
