"""The domain gazetteer: every UK council (current and abolished), and known organisations.

Both are data files under ``gazetteer/`` (see its README for provenance). Every name and alias is
compiled into spaCy phrase patterns whose ``id`` is the entity's key, so a match leads straight to
one node per council or organisation, across all articles.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = ["Council", "Gazetteer", "KnownOrg", "council_suffixes", "load_gazetteer"]


@dataclass(frozen=True)
class Council:
    """One council lineage (see ``tools/make_gazetteer.py``)."""

    id: str
    name: str
    official_name: str
    type: str
    nation: str
    childrens_services: bool
    bare: bool  # the place name alone may name the council ("Leeds"); else only "X Council" forms
    gss_code: str
    wikidata: str
    aliases: tuple[str, ...]
    active_to: str
    successors: tuple[str, ...]

    @property
    def rated_by_ofsted(self) -> bool:
        """Whether Ofsted judges this council's children's services (the ratings scheme is Ofsted's)."""
        return self.nation == "England" and self.childrens_services


@dataclass(frozen=True)
class KnownOrg:
    """An organisation other than a council that the domain knows by name."""

    id: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    wikidata: str


class Gazetteer:
    """Councils and known organisations, with their surface forms."""

    def __init__(self, councils: list[Council], orgs: list[KnownOrg]) -> None:
        self.councils = {c.id: c for c in councils}
        self.orgs = {o.id: o for o in orgs}
        self._council_forms: dict[str, str] = {}
        for council in councils:
            for form in self.council_forms(council):
                self._council_forms.setdefault(form.lower(), council.id)

    @staticmethod
    def council_forms(council: Council) -> Iterator[str]:
        """Every surface form of a council: its official name, aliases, "X Council" forms, and the
        place name alone where that is safe (``Council.bare``)."""
        if council.bare:
            yield council.name
        yield council.official_name
        yield from council.aliases
        if council.type == "combined authority":
            return
        # the place as people shorten it ("Richmond" of "Richmond Council") takes every suffix too:
        # "Richmond LBC"
        stems = {council.name} | {a[: -len(" Council")] for a in council.aliases if a.endswith(" Council")}
        # a short form alone ("Bucks") takes them too: "Bucks County Council", "Bucks CC"
        stems |= {a for a in council.aliases if " " not in a and not a.isupper()}
        for stem in sorted(stems):
            for suffix in council_suffixes():
                yield f"{stem} {suffix}"
        if council.type == "county" and council.bare:
            yield f"{council.name} County"

    def council_for(self, text: str) -> str | None:
        """The council id a surface form names, ignoring case, or None."""
        return self._council_forms.get(" ".join(text.split()).lower())

    def span_patterns(self) -> list[dict[str, object]]:
        """Phrase patterns for spaCy's SpanRuler: labels COUNCIL and KNOWN_ORG, id = entity id."""
        patterns: list[dict[str, object]] = []
        for council in self.councils.values():
            forms = set(self.council_forms(council))
            # a news lede's capitals: "BRADFORD Council's leaders ..." (not a bare "READING")
            forms |= {
                f"{form.split(' ', 1)[0].upper()} {form.split(' ', 1)[1]}" for form in forms if " " in form
            }
            patterns += [{"label": "COUNCIL", "pattern": form, "id": council.id} for form in sorted(forms)]
        for org in self.orgs.values():
            for form in sorted({org.label, *org.aliases}):
                patterns.append({"label": "KNOWN_ORG", "pattern": form, "id": org.id})
        return patterns


@cache
def council_suffixes() -> tuple[str, ...]:
    """What follows a place name to name its council ("Council", "LBC"): ``council_suffixes.txt``."""
    text = (files("councilgraph.graph.core.gazetteer") / "council_suffixes.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _rows(name: str) -> list[dict[str, str]]:
    text = (files("councilgraph.graph.core.gazetteer") / name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split(";") if part)


@cache
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer (loaded once per process)."""
    councils = [
        Council(
            r["id"],
            r["name"],
            r["official_name"],
            r["type"],
            r["nation"],
            r["childrens_services"] == "yes",
            r["bare"] == "yes",
            r["gss_code"],
            r["wikidata"],
            _split(r["aliases"]),
            r["active_to"],
            _split(r["successors"]),
        )
        for r in _rows("councils.csv")
    ]
    orgs = [
        KnownOrg(r["id"], r["label"], r["kind"], _split(r["aliases"]), r["wikidata"])
        for r in _rows("organisations.csv")
    ]
    return Gazetteer(councils, orgs)
