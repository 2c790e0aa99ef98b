"""Regenerate ``graph/gazetteer/councils.csv`` from the reference list of English authorities.

Dev-time only: the product never reads ``shared/`` at run time. Run from the repository root::

    python tools/make_gazetteer.py ../shared/reference/english_childrens_services_authorities.csv

One output row per authority *lineage* (the reference's ``name``): a continuing council such as
Cornwall (county council to 2009, unitary since) is one node, its former official names kept as
aliases. Bodies that were abolished without a same-named successor keep their own row with their
successors listed. Curated extra short forms live in ``tools/extra_aliases.csv``.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "graph" / "gazetteer" / "councils.csv"
EXTRA = ROOT / "tools" / "extra_aliases.csv"
FIELDS = [
    "id",
    "name",
    "official_name",
    "type",
    "gss_code",
    "wikidata",
    "aliases",
    "active_from",
    "active_to",
    "successors",
]


def slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in name.replace("&", "and"))
    return "-".join(part for part in out.split("-") if part)


def main(reference: str) -> None:
    rows = list(csv.DictReader(Path(reference).read_text("utf-8").splitlines()))
    by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_name[row["name"]].append(row)
    extra: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(EXTRA.read_text("utf-8").splitlines()):
        extra[row["name"]].append(row["alias"])

    out = []
    for name in sorted(by_name):
        forms = sorted(by_name[name], key=lambda r: (r["active_to"] == "", r["active_to"]))
        current = forms[-1]
        aliases: list[str] = []
        for form in forms:
            for alias in [form["official_name"], *form["aliases"].split(";")]:
                if alias and alias != current["official_name"] and alias != name and alias not in aliases:
                    aliases.append(alias)
        aliases += [a for a in extra.get(name, []) if a not in aliases]
        successors = current["successor"] if current["active_to"] else ""
        out.append(
            {
                "id": slug(name),
                "name": name,
                "official_name": current["official_name"],
                "type": current["type"],
                "gss_code": current["gss_code"],
                "wikidata": current["wikidata"],
                "aliases": ";".join(aliases),
                "active_from": forms[0]["active_from"],
                "active_to": current["active_to"],
                "successors": ";".join(slug(s) for s in successors.split(";") if s),
            }
        )
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"wrote {len(out)} councils to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(
        sys.argv[1]
        if len(sys.argv) > 1
        else str(ROOT.parent / "shared/reference/english_childrens_services_authorities.csv")
    )
