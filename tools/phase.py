"""Wall time of each phase of `make test` (install, notebooks, site, benchmarks, tests), for the CI report.

Standard library only: it runs before the course's environment exists. Usage (the Makefile does this)::

    python3 tools/phase.py begin install      # marks the start of a phase
    python3 tools/phase.py end install        # marks its end
    python3 tools/phase.py run notebooks -- CMD ARGS...   # times a command, keeps its exit status
    python3 tools/phase.py report             # prints the table and writes build/run/phases.md

The phases are kept in ``build/phases.json`` (name -> start, end, seconds, exit status). A phase that was
not run this time (an install that was already done) is absent from the report.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "build" / "phases.json"
REPORT = ROOT / "build" / "run" / "phases.md"


def load(path: Path = STATE) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def save(phases: dict, path: Path = STATE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(phases, indent=2))


def begin(name: str, path: Path = STATE, now: float | None = None) -> None:
    phases = load(path)
    phases[name] = {"start": time.time() if now is None else now}
    save(phases, path)


def end(name: str, status: int = 0, path: Path = STATE, now: float | None = None) -> None:
    phases = load(path)
    if name not in phases:
        raise SystemExit(f"phase {name!r} was never begun")
    phases[name]["end"] = time.time() if now is None else now
    phases[name]["seconds"] = round(phases[name]["end"] - phases[name]["start"], 1)
    phases[name]["status"] = status
    save(phases, path)


def table(phases: dict) -> str:
    """The finished phases in the order they started, with the total, as a markdown table."""
    done = sorted((p for p in phases.items() if "seconds" in p[1]), key=lambda p: p[1]["start"])
    lines = ["| phase | wall s | wall min | exit |", "|---|---:|---:|---:|"]
    for name, p in done:
        lines.append(f"| {name} | {p['seconds']:.0f} | {p['seconds'] / 60:.1f} | {p['status']} |")
    if done:
        total = done[-1][1]["end"] - done[0][1]["start"]
        lines.append(f"| **total** (first start to last end) | {total:.0f} | {total / 60:.1f} | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"begin", "end", "run", "report", "reset"}:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[0]
    if cmd == "reset":
        STATE.unlink(missing_ok=True)
        return 0
    if cmd == "report":
        text = table(load())
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("# Wall time per phase of `make test`\n\n" + text)
        print("\nWall time per phase of `make test`:\n" + text)
        return 0
    if len(argv) < 2:
        print(f"phase {cmd}: a phase name is needed", file=sys.stderr)
        return 2
    name = argv[1]
    if cmd == "begin":
        begin(name)
        return 0
    if cmd == "end":
        end(name)
        return 0
    rest = argv[2:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    if not rest:
        print("phase run: a command is needed after --", file=sys.stderr)
        return 2
    begin(name)
    status = subprocess.call(rest)
    end(name, status)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
