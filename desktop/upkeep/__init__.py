"""Keeping a database well: backup and restore, retention, the self-test, memory tuning."""
