"""The report app's tasks (the worker imports this module)."""

from .reminders import send_reminder

__all__ = ["send_reminder"]
