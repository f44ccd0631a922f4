"""Helpers the tests (and the bench, screenshots and sample papers) share."""
