"""Regenerate ``graph/core/gazetteer/councils.csv`` from the reference list of UK local authorities.

Dev-time only: the product never reads ``shared/`` at run time. Run from the repository root::

    python tools/make_gazetteer.py ../shared/reference/uk_local_authorities.csv

One output row per council *lineage* (the reference's ``name``): a continuing council such as
Cornwall (county council to 2009, unitary since) is one node, its former official names kept as
aliases. Bodies abolished without a same-named successor keep their own row with their successors
(by GSS code in the reference, by id here). Combined authorities are their own rows, named only by
their official names. Curated extra short forms live in ``tools/extra_aliases.csv``; a two-part
name's first part with "Council" ("Stockton Council") is derived in :func:`short_forms`.

``bare`` says whether the place name alone ("Leeds") may name the council: only for councils with
children's services duties (English upper tier, Welsh and Scottish councils). A district, a
Northern Irish council or a combined authority is named only as a council ("Hyndburn Council").
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "graph" / "core" / "gazetteer" / "councils.csv"
EXTRA = ROOT / "tools" / "extra_aliases.csv"
FIELDS = [
    "id",
    "name",
    "official_name",
    "type",
    "nation",
    "childrens_services",
    "bare",
    "gss_code",
    "wikidata",
    "aliases",
    "active_to",
    "successors",
]
TYPES = {
    "non-metropolitan district": "district",
    "metropolitan district": "metropolitan borough",
    "ni district": "district",
    "scottish council area": "unitary",
    "welsh principal area": "unitary",
    "isles of scilly": "other",
    "city of london": "other",
}


def slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in name.replace("&", "and"))
    return "-".join(part for part in out.split("-") if part)


def _key(row: dict[str, str]) -> str:
    if row["tier"] == "combined authority":
        return slug(row["official_name"])
    return slug(row["name"])


def _year(status: str) -> str:
    return status.rsplit(" ", 1)[-1] if status.startswith("abolished") else ""


def short_forms(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """News names a council with a two-part name by its first part: "Stockton Council" is
    Stockton-on-Tees, "Telford Council" Telford and Wrekin. The first part is used only where no other
    council's name or alias is it or begins with it, and only with "Council" after it (the place
    alone may be a town): "Newcastle" (two councils) and "Mid" give none."""
    split = re.compile(r"-on-|-under-|-le-| upon | with | and | & ")
    named: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for alias in [row["name"], row["official_name"], *row["aliases"].split(";")]:
            if alias:
                named[alias.lower()].add(_key(row))
    parts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        head = split.split(row["name"], maxsplit=1)
        if row["tier"] != "combined authority" and len(head) == 2 and "," not in head[0]:
            parts[head[0]].append(row)
    out: dict[str, list[str]] = defaultdict(list)
    for part, owners in sorted(parts.items()):
        keys = {_key(r) for r in owners}
        low = part.lower()
        clash = named.get(low, set()) - keys or any(
            other.startswith(low + " ") and named[other] - keys for other in named
        )
        if len(keys) == 1 and not clash:
            name = owners[0]["name"]
            out[name].append(f"{part} Council")
            if any("Borough" in r["official_name"] for r in owners):
                out[name].append(f"{part} Borough Council")
    return out


def main(reference: str) -> None:
    rows = list(csv.DictReader(Path(reference).read_text("utf-8").splitlines()))
    lineages: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        lineages[_key(row)].append(row)
    by_gss = {row["gss_code"]: _key(row) for row in rows if row["gss_code"]}
    extra: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(EXTRA.read_text("utf-8").splitlines()):
        extra[row["name"]].append(row["alias"])
    for name, forms in short_forms(rows).items():
        extra[name] += [f for f in forms if f not in extra[name]]

    out = []
    for key in sorted(lineages):
        forms = sorted(lineages[key], key=lambda r: (r["status"] == "current", _year(r["status"])))
        current = forms[-1]
        name = current["name"]
        aliases: list[str] = []
        for form in forms:
            for alias in [form["official_name"], *form["aliases"].split(";")]:
                if alias and alias != current["official_name"] and alias != name and alias not in aliases:
                    aliases.append(alias)
        aliases += [a for a in extra.get(name, []) if a not in aliases]
        successors = []
        if current["status"] != "current":
            successors = [by_gss[c] for c in current["successor"].split(";") if c in by_gss]
            successors = [s for s in dict.fromkeys(successors) if s != key]
        combined = current["tier"] == "combined authority"
        duty = current["childrens_services"] == "yes"
        out.append(
            {
                "id": key,
                "name": current["official_name"] if combined else name,
                "official_name": current["official_name"],
                "type": TYPES.get(current["tier"], current["tier"]),
                "nation": current["nation"],
                "childrens_services": "yes" if duty else "no",
                "bare": "yes" if duty and not combined else "no",
                "gss_code": current["gss_code"],
                "wikidata": current["wikidata"],
                "aliases": ";".join(aliases),
                "active_to": _year(current["status"]),
                "successors": ";".join(successors),
            }
        )
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"wrote {len(out)} councils to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared/reference/uk_local_authorities.csv"))
