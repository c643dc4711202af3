"""One exception hierarchy; each error says what to do, and carries its exit code.

A business-rule failure is never an exception (it is a Finding on the record), and
a file that cannot be read is an error record, not a crash: ``UnreadableFile`` is
caught at the boundary around each document.
"""

from __future__ import annotations

# Exit codes of `mailroom` (documented in the README).
# 0: every file got a record; 2: usage error (click's own code)
EXIT_ENVIRONMENT = 3
EXIT_INBOX = 4
EXIT_CRM = 5


class MailroomError(Exception):
    """An error that stops the run; its message says what to do about it."""

    exit_code = 1


class EnvironmentProblem(MailroomError):
    """Something the machine lacks (Tesseract, its language data, the spaCy model)."""

    exit_code = EXIT_ENVIRONMENT


class InboxError(MailroomError):
    """The inbox cannot be read."""

    exit_code = EXIT_INBOX


class CrmError(MailroomError):
    """The CRM extract given with --crm cannot be used: refused before any file is read."""

    exit_code = EXIT_CRM


class UnreadableFile(Exception):
    """One file cannot be read; the message is for a clerk."""
