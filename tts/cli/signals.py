"""One handler for SIGINT, SIGTERM and SIGHUP: Ctrl-C, `kill` (systemd and container stops send
SIGTERM) and a closed terminal all stop a command the same way. Each raises Interrupted in the
main thread, so the clean-up a Ctrl-C runs (work folders removed, locks released, worker pools
stopped) runs for all three; the CLI then says so in one line and exits with 128 + the signal.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable
from types import FrameType

from tts.errors import Interrupted

STOPS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def install(signals: Iterable[int] = STOPS) -> None:
    """Raise Interrupted on each of ``signals`` (call from the main thread)."""
    for sig in signals:
        signal.signal(sig, _stop)


def _stop(signum: int, frame: FrameType | None) -> None:
    mine = [sig for sig in STOPS if signal.getsignal(sig) is _stop]
    for sig in mine:  # once: a second signal must not cut the clean-up short
        signal.signal(sig, signal.SIG_IGN)
    _forward(signum)
    if signal.SIGINT in mine:
        # ...but a second Ctrl-C is someone insisting: it quits at once (the next start
        # recovers what that leaves). A service manager that will not wait sends SIGKILL.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    raise Interrupted(signum)


def _forward(signum: int) -> None:
    """The signal to the whole process group, when this process leads it (a shell's job, a
    service): ffmpeg and the workers then stop with us at once, as on a terminal's Ctrl-C,
    which reaches the whole group. A process that does not lead its group leaves it alone:
    the group belongs to whatever started it."""
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        with contextlib.suppress(OSError):
            os.killpg(0, signum)  # this process ignores it by now


def exit_code(exc: Interrupted) -> int:
    """What a shell reports for a command ended by this signal: 128 + its number."""
    return 128 + exc.signum


def notice(exc: Interrupted, what: str = "") -> str:
    """The one line printed on a stop: Ctrl-C's after the ^C the terminal echoed."""
    lead = "\n" if exc.signum == signal.SIGINT else ""
    return f"{lead}interrupted ({exc.name})" + (f": {what}" if what else "")
