"""`tts serve`: preview an output folder in a browser, with seeking (byte ranges)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder to serve (an output folder of tts build)."),
    ] = Path("output"),
    port: Annotated[int, typer.Option("--port", "-p", help="Port; 0 picks a free one.")] = 8000,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to bind; the default keeps it on this computer (others need --public).",
        ),
    ] = "127.0.0.1",
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Allow a --host other computers can reach (0.0.0.0, a LAN address)."
        ),
    ] = False,
) -> None:
    """Preview a folder in the browser at http://127.0.0.1:8000/ until Ctrl-C."""
    from tts.errors import Interrupted
    from tts.outputs.serve import make_server, server_url

    server = make_server(folder, host=host, port=port, public=public)
    typer.echo(f"Serving {folder} at {server_url(server)}  (Ctrl-C stops)", err=False)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, Interrupted):  # Ctrl-C, or a service manager's SIGTERM
        typer.echo("stopped")
    finally:
        server.server_close()
