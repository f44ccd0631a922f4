"""Tests of desktop.security."""
