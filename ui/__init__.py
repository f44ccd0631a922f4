"""The desktop client (Qt). Only this package imports PySide6."""
