"""Describe the machine a benchmark ran on (CPU, cores, memory, system, Python) for the recorded figures."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path


def describe() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        memory = "unknown RAM"
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} CPUs, {memory}; {system}; Python {platform.python_version()}"
