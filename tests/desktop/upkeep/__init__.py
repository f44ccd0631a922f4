"""Tests of desktop.upkeep."""
