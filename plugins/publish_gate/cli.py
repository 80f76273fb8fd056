"""`python -m publish_gate.cli -s publishconf.py`: list what blocks publishing; exit 1 if anything does."""

from __future__ import annotations

import argparse
import sys

from pelican.settings import read_settings

from sitekit.errors import SiteBuildError

from .gate import blockers, gate_config, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-s", "--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    try:
        settings = read_settings(args.settings)
        found = blockers(settings)
        require = gate_config(settings)["require"]
    except SiteBuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    if found:
        print(report(found, require))
        return 1
    print(f"Nothing blocks publishing (required: {', '.join(require)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
