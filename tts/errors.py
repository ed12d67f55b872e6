"""One base exception; the CLI turns any TTSError into one line and exit code 1."""

from __future__ import annotations


class TTSError(Exception):
    """A problem the user can act on. The message is one line, precise and short."""


class InputError(TTSError):
    """The input cannot be read: missing file, undecodable text, unsupported type, bad URL."""


class ParseError(InputError):
    """The input was read but holds no article (empty, nothing speakable)."""


class EngineUnavailable(TTSError):
    """The engine (or its model) cannot be opened here."""


class EngineFailed(TTSError):
    """The engine failed on one sentence."""

    def __init__(self, message: str, sentence: int | None = None) -> None:
        prefix = f"sentence {sentence}: " if sentence is not None else ""
        super().__init__(prefix + message)
        self.sentence = sentence


class ExportError(TTSError):
    """Writing the episode failed (ffmpeg, disk)."""


class ModelError(TTSError):
    """A model file is missing, corrupt, or failed its integrity check."""


class Interrupted(BaseException):
    """A stop signal (SIGINT, SIGTERM, SIGHUP) raised as an exception, so that every clean-up a
    Ctrl-C runs (work folders removed, locks released, worker pools stopped) runs for all three.

    Not a TTSError, nor a KeyboardInterrupt: nothing may take it for one failed article and go
    on, and click must not turn it into "Aborted!"."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        import signal

        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"
