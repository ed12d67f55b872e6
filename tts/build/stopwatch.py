"""Wall time per build stage, and the stage names as they start (the CLI's progress)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator


class Stopwatch:
    """Wall time per stage; ``on_stage`` hears each stage's name as it starts."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.times: dict[str, float] = {}
        self.on_stage = on_stage

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.on_stage:
            self.on_stage(stage)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[stage] = self.times.get(stage, 0.0) + time.perf_counter() - start
