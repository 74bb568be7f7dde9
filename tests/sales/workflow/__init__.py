"""Tests of the sale workflow run by the engine on real SQLite files."""
