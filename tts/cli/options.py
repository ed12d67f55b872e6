"""Options shared by several commands."""

import typer

VERBOSE = typer.Option(False, "--verbose", "-v", help="Show details and full tracebacks.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print only the result.")
