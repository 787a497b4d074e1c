"""Whether a process runs, for files and servers that a killed process left behind."""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    """Whether a process with this PID runs (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
