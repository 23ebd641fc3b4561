"""Tests of the scenario runner, its CLI and its pytest plugin."""
