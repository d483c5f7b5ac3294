"""The one small exception family; the CLI maps it to exit codes in one place."""


class PlanctlError(Exception):
    """Something the user can fix; the message says what, in plain words."""

    exit_code = 2


class UsageError(PlanctlError):
    """A path that does not exist, an option that makes no sense."""

    exit_code = 2


class PlanHasErrors(PlanctlError):
    """A command that needs a valid plan got one with errors."""

    exit_code = 1
