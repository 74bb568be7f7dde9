"""Tests of the embedded workflow engine (salesdesk.flow) and its SQLite store."""
