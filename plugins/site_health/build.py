"""Build the site into a folder of its own for the health check, quietly unless the build fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[1]


def build(settings_file: str, output: Path) -> tuple[int, str]:
    """Run the site's build (every check) into `output`; (exit status, build log)."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_STEP_SUMMARY"}
    # The report writes the job summary; the build's own summary table would only crowd it. Build errors
    # still become annotations (GITHUB_ACTIONS is kept) and their log is printed when the build fails.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "sitekit.runner", "-s", settings_file, "-o", str(output), "--fatal", "warnings"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return proc.returncode, proc.stdout + proc.stderr
