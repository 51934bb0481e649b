"""One family of domain errors; each message says how to fix the problem."""

from __future__ import annotations


class RiskbriefError(Exception):
    """An expected failure: reported on stderr without a traceback."""

    exit_code = 2
    prefixed = True  # printed after "riskbrief: "

    def __init__(self, message: str, *, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(RiskbriefError):
    """Bad flags or names (unknown audience, format, provider)."""


class InputFileError(RiskbriefError):
    """An input file (other than a findings file) that cannot be used.

    Printed like a findings problem, file first: ``FILE: message``, or
    ``FILE:LINE: message`` when a line applies.
    """

    prefixed = False

    def __init__(self, file: str, message: str, *, line: int | None = None):
        self.file, self.line = file, line
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")


class ProviderError(RiskbriefError):
    """A model provider cannot be used (no key, server unreachable, bad model)."""


class QualityGateError(RiskbriefError):
    """Output was produced but did not pass the faithfulness gate."""

    exit_code = 1
