"""Tests of the central server (salesdesk.server)."""
