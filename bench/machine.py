"""What machine a benchmark ran on, and peak resident memory of processes (Linux /proc)."""

from __future__ import annotations

import os
import platform
import threading
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _mem_total_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def describe() -> str:
    """One line: CPU, usable cores, memory, OS, Python, load average now."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = _mem_total_gib()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{_cpu_model()}, {cores} usable cores (of {os.cpu_count()}), "
            f"{mem:.1f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, load average {load}")


def peak_rss_mib(pid: int | str = "self") -> float | None:
    """VmHWM (peak resident set) of a live process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry.name))
    return out


class WorkerWatch:
    """Polls this process's multiprocessing workers and keeps each one's peak RSS (MiB)."""

    def __init__(self, interval: float = 0.3) -> None:
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            for child in _children(me):
                try:
                    cmd = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"spawn_main" not in cmd and b"forkserver" not in cmd:
                    continue
                rss = peak_rss_mib(child)
                if rss is not None:
                    self.peaks[child] = max(rss, self.peaks.get(child, 0.0))

    def __enter__(self) -> WorkerWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
