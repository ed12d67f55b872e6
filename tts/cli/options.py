"""Options and wording shared by several commands."""

import typer

VERBOSE = typer.Option(False, "--verbose", "-v", help="Show details and full tracebacks.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print only the result.")


def count(n: int, noun: str) -> str:
    """«1 chapter», «2 chapters», «1,234 files»."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
