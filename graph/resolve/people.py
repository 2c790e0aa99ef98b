"""Cross-article person resolution: which mentions of a name in different articles are one person.

Within an article, ``graph/nlp/extract/entities.py`` has already tied "Cllr Smith" to "John Smith".
Across articles a name alone is not enough: two John Smiths at unrelated councils are two people.
So each (article, person) is a *record* with a context, and two records with compatible names
are linked only when their contexts meet (rules in ``patterns/resolution.json``):

1. ``same-article``: one article, two forms of one name ("John A. Smith", "John Smith");
2. ``shared-organisation``: both are tied by a fact (post, departure, appointment) to one body;
3. ``shared-council``: one is tied to, or both articles are about, the same council;
4. ``shared-role``: both hold a role whose holders move between councils (commissioner,
   director of children's services, chief executive...), the interim who moves on.

Linking is transitive (union-find). A decisions file can force (``[[same]]``) or forbid
(``[[different]]``) links; forbidden pairs are never joined, by any rule. Every cluster of more
than one article, and every name split into several people, gets a note saying why, which
:mod:`councilgraph.graph.rdf.build` writes into the graph (``cg:resolutionNote``) and the CLI into
``merges.tsv``. The result depends only on the set of records, never on input order.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from councilgraph.graph.core.errors import CouncilgraphError
from councilgraph.graph.core.gazetteer import Gazetteer, load_gazetteer
from councilgraph.graph.core.iris import short_hash, slugify
from councilgraph.graph.core.kinds import FACT_KINDS
from councilgraph.graph.core.model import ArticleFacts
from councilgraph.graph.core.order import NoneFirst
from councilgraph.graph.core.rules import load_rules

__all__ = [
    "Decisions",
    "NameForm",
    "PersonRecord",
    "Resolution",
    "load_decisions",
    "name_form",
    "person_records",
    "resolve_people",
]


@dataclass(frozen=True, order=True)
class NameForm:
    """A name reduced for comparison: first and last word, and the words between."""

    first: str
    last: str
    middle: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The blocking key: only records with one key are ever compared."""
        return f"{self.first}-{self.last}" if self.first != self.last else self.last

    def compatible(self, other: NameForm) -> bool:
        """Middle names agree where both are given, by initial ("John A. Smith" ~ "John Andrew Smith")."""
        if self.key != other.key:
            return False
        return all(a[0] == b[0] for a, b in zip(self.middle, other.middle, strict=False))


def name_form(name: str) -> NameForm:
    """Titles, diacritics, case and punctuation dropped: "Cllr José O'Neill" -> jose / oneill."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name.replace("'", "").replace("’", ""))
    words = (
        [w for w in words if w not in load_rules().lexicon.person_titles | load_rules().lexicon.name_suffixes]
        or words
        or [slugify(name)]
    )
    return NameForm(words[0], words[-1], tuple(words[1:-1]))


@dataclass(frozen=True)
class PersonRecord(NoneFirst):
    """One person as one article names them, with what the article ties them to."""

    article_id: str
    key: str  # the article's entity key, "person:<slug>"
    name: str
    source_file: str = ""
    orgs: frozenset[str] = frozenset()  # entity keys of bodies the person has facts with
    roles: frozenset[str] = frozenset()  # cg role names from those facts
    councils: frozenset[str] = frozenset()  # council keys the article mentions

    @property
    def id(self) -> tuple[str, str]:
        return (self.article_id, self.key)


@dataclass
class Decisions:
    """A user's corrections: groups of selectors to join, pairs of selector groups to keep apart."""

    same: list[tuple[list[str], str]] = field(default_factory=list)
    different: list[tuple[list[str], str]] = field(default_factory=list)


def load_decisions(path: str | Path) -> Decisions:
    """Read a decisions file (TOML; see the README, "Correcting people").

    ``[[same]] people = ["Dave Hill @ Birmingham", "David Hill"]`` joins every record matching
    any selector; ``[[different]] people = ["John Smith @ Leeds", "John Smith @ Cornwall"]`` keeps
    records matching different selectors apart. A selector is a name, optionally ``@`` a council,
    an organisation or an article's file name.
    """
    try:
        raw = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CouncilgraphError(f"decisions file {path}: {exc}") from None
    decisions = Decisions()
    for kind in ("same", "different"):
        for i, entry in enumerate(raw.get(kind, []), 1):
            people = entry.get("people") if isinstance(entry, dict) else None
            if not isinstance(people, list) or len(people) < 2 or not all(isinstance(p, str) for p in people):
                raise CouncilgraphError(
                    f"decisions file {path}: [[{kind}]] entry {i} needs people = [two or more names]"
                )
            getattr(decisions, kind).append((people, str(entry.get("reason", ""))))
    unknown = sorted(set(raw) - {"same", "different"})
    if unknown:
        raise CouncilgraphError(f"decisions file {path}: unknown table(s) {', '.join(unknown)}")
    return decisions


@dataclass
class Resolution:
    """Where each record went: ``person[(article_id, key)]`` is the local name of its person IRI."""

    person: dict[tuple[str, str], str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)  # the other forms articles use
    notes: dict[str, list[str]] = field(default_factory=dict)  # "rule: detail" per person
    unmatched: list[str] = field(default_factory=list)  # decision selectors that matched no one
    raw: dict[str, str] = field(
        default_factory=dict
    )  # local name -> its name before names were made unique across blocks


class _UnionFind:
    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.parent = {item: item for item in items}
        self.members = {item: {item} for item in self.parent}

    def find(self, item: tuple[str, str]) -> tuple[str, str]:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]) or (
            len(self.members[ra]) == len(self.members[rb]) and rb < ra
        ):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)


class _Resolver:
    def __init__(self, records: list[PersonRecord], decisions: Decisions, gazetteer: Gazetteer) -> None:
        self.records = sorted(records)
        self.by_id = {r.id: r for r in self.records}
        self.gazetteer = gazetteer
        rules = load_rules().resolution
        self.mobile = rules.mobile_roles
        weak_kinds = rules.weak_org_kinds
        self.weak_orgs = {f"org:{o.id}" for o in gazetteer.orgs.values() if o.kind in weak_kinds}
        self.forms = {r.id: name_form(r.name) for r in self.records}
        self.decisions = decisions
        self.uf = _UnionFind(self.by_id)
        self.why: dict[frozenset[tuple[str, str]], tuple[str, str]] = {}
        self.forbidden: list[tuple[set[tuple[str, str]], set[tuple[str, str]], str]] = []

    # ------------------------------------------------------------------ decisions
    def _where_key(self, where: str) -> str:
        council = self.gazetteer.council_for(where)
        if council:
            return f"council:{council}"
        low = " ".join(where.split()).lower()
        for org in self.gazetteer.orgs.values():
            if low in {org.label.lower(), *(a.lower() for a in org.aliases)}:
                return f"org:{org.id}"
        return f"org:{slugify(where)}"

    def select(self, selector: str) -> set[tuple[str, str]]:
        name, _, where = selector.partition("@")
        form = name_form(name.strip())
        where = where.strip()
        where_key = self._where_key(where) if where else ""
        out = set()
        for r in self.records:
            if not form.compatible(self.forms[r.id]):
                continue
            if where and not (
                where_key in r.orgs or where_key in r.councils or where == Path(r.source_file).name
            ):
                continue
            out.add(r.id)
        return out

    def _blocked(self, a: tuple[str, str], b: tuple[str, str]) -> str | None:
        ra, rb = self.uf.find(a), self.uf.find(b)
        ma, mb = self.uf.members[ra], self.uf.members[rb]
        for left, right, reason in self.forbidden:
            if (ma & left and mb & right) or (ma & right and mb & left):
                return reason
        return None

    # ------------------------------------------------------------------ rules
    def link_reason(self, a: PersonRecord, b: PersonRecord) -> tuple[str, str] | None:
        if a.article_id == b.article_id:
            return ("same-article", "two forms of one name in one article")
        strong_a, strong_b = a.orgs - self.weak_orgs, b.orgs - self.weak_orgs
        shared = sorted(strong_a & strong_b)
        if shared:
            return ("shared-organisation", f"both tied by a fact to {self._label(shared[0])}")
        shared = sorted((strong_a & b.councils) | (strong_b & a.councils) | (a.councils & b.councils))
        if shared:
            return ("shared-council", f"both articles concern {self._label(shared[0])}")
        roles = sorted(a.roles & b.roles & self.mobile)
        if roles:
            return ("shared-role", f"both named as {roles[0]}, a post whose holders move between councils")
        return None

    def _label(self, key: str) -> str:
        kind, local = key.split(":", 1)
        if kind == "council" and local in self.gazetteer.councils:
            return self.gazetteer.councils[local].name
        if local in self.gazetteer.orgs:
            return self.gazetteer.orgs[local].label
        return local.replace("-", " ")

    def run(self) -> Resolution:
        unmatched = sorted(
            {
                p
                for people, _ in (*self.decisions.same, *self.decisions.different)
                for p in people
                if not self.select(p)
            }
        )
        for people, reason in self.decisions.different:
            groups = [self.select(p) for p in people]
            for i, left in enumerate(groups):
                for right in groups[i + 1 :]:
                    self.forbidden.append((left, right, reason or "kept apart by the decisions file"))
        for people, reason in self.decisions.same:
            chosen = sorted(set().union(*(self.select(p) for p in people)))
            for other in chosen[1:]:
                if not self._blocked(chosen[0], other):
                    self._union(chosen[0], other, "decision", reason or "joined by the decisions file")
        blocks: dict[str, list[PersonRecord]] = defaultdict(list)
        for r in self.records:
            blocks[self.forms[r.id].key].append(r)
        for block in blocks.values():
            self._link(block)
        result = self._result(blocks)
        result.unmatched = unmatched
        return result

    def link_keys(self, r: PersonRecord) -> set[tuple[str, str]]:
        """What a record can share with another for :meth:`link_reason` to link them: its article,
        its bodies (but weak ones) and councils, its posts whose holders move. Two records link
        only if they share one of these, so only such pairs need comparing."""
        keys = {("article", r.article_id)}
        keys.update(("body", x) for x in (r.orgs - self.weak_orgs) | r.councils)
        keys.update(("role", x) for x in r.roles & self.mobile)
        return keys

    def _link(self, block: list[PersonRecord]) -> None:
        """Link the records of one name block, pair by pair in sorted order (a pair's place in the
        order decides which link joins two clusters, and so the note that explains it).

        Only the pairs that share a :meth:`link_keys` key are visited: every other pair has no
        link reason. Comparing every pair in a block was quadratic in how often a name recurs
        (12 s of resolution at 50,000 generated articles); the result is the same, pair for pair
        (``tests/graph/test_resolve.py`` checks it against the every-pair loop)."""
        keys = [self.link_keys(r) for r in block]
        holders: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, mine in enumerate(keys):
            for key in mine:
                holders[key].append(position)
        ids = [r.id for r in block]
        find = self.uf.find
        for i, a in enumerate(block):
            later = sorted({j for key in keys[i] for j in holders[key] if j > i})
            for j in later:
                if find(ids[j]) != find(ids[i]):  # (most pairs: one person named again)
                    self._try_link(a, block[j])

    def _try_link(self, a: PersonRecord, b: PersonRecord) -> None:
        if self.uf.find(a.id) == self.uf.find(b.id):
            return
        if not self.forms[a.id].compatible(self.forms[b.id]):
            return
        why = self.link_reason(a, b)
        if why and not self._blocked(a.id, b.id):
            self._union(a.id, b.id, *why)

    def _union(self, a: tuple[str, str], b: tuple[str, str], rule: str, detail: str) -> None:
        self.uf.union(a, b)
        self.why[frozenset((a, b))] = (rule, detail)

    def _result(self, blocks: dict[str, list[PersonRecord]]) -> Resolution:
        res = Resolution()
        reasons: dict[tuple[str, str], list[tuple[list[tuple[str, str]], tuple[str, str]]]] = defaultdict(
            list
        )
        for pair, why in self.why.items():  # each link, filed under its cluster once
            x, y = sorted(pair)
            if self.by_id[x].article_id != self.by_id[y].article_id:
                reasons[self.uf.find(x)].append(([x, y], why))
        named = []
        for key in sorted(blocks):
            roots = sorted({self.uf.find(r.id) for r in blocks[key]})
            clusters = [sorted(self.uf.members[root]) for root in roots]
            labels = [_best_label([self.by_id[i] for i in cluster]) for cluster in clusters]
            named.append((clusters, labels, self._cluster_names(clusters, labels)))
        # a name two blocks give (john-smith-leeds, for one of two John Smiths and for a John Smith
        # Leeds) would make two people one: each takes a hash of its records
        given = Counter(name for _c, _l, names in named for name in names)
        for clusters, labels, raw_names in named:
            names = [
                f"{name}-{short_hash(*cluster, length=8)}" if given[name] > 1 else name
                for name, cluster in zip(raw_names, clusters, strict=True)
            ]
            for cluster, local, label, raw in zip(clusters, names, labels, raw_names, strict=True):
                res.raw[local] = raw
                res.labels[local] = label
                res.alt_labels[local] = sorted({self.by_id[i].name for i in cluster} - {label})
                for rid in cluster:
                    res.person[rid] = local
                notes = []
                members = set(cluster)
                for (x, y), (rule, detail) in sorted(reasons[self.uf.find(cluster[0])]):
                    files_ = " and ".join(sorted({self.by_id[x].source_file, self.by_id[y].source_file}))
                    notes.append(f"{rule}: {detail} ({files_})")
                if len(clusters) > 1:
                    others = ", ".join(n for n in names if n != local)
                    decided = sorted(
                        {reason for left, right, reason in self.forbidden if members & (left | right)}
                    )
                    apart = (
                        f"a decision: {'; '.join(decided)}"
                        if decided
                        else "same name, but no shared council, organisation or mobile role"
                    )
                    notes.append(f"kept-apart: from {others}; {apart}")
                if notes:
                    res.notes[local] = notes
        return res

    def _cluster_names(self, clusters: list[list[tuple[str, str]]], labels: list[str]) -> list[str]:
        """A lone cluster is named for its label; several of one name add the body each is most
        tied to (``john-smith-leeds``), then a hash if that is still not unique.

        So a person's IRI changes (``john-smith`` -> ``john-smith-leeds``) when a later build
        meets an unrelated namesake; incremental builds will need to keep the first IRI."""
        if len(clusters) == 1:
            return [slugify(labels[0])]
        names: list[str] = []
        for cluster, label in zip(clusters, labels, strict=True):
            tally: Counter[str] = Counter()
            for rid in cluster:
                r = self.by_id[rid]
                tally.update(r.orgs or r.councils)
            where = min(tally, key=lambda k: (-tally[k], k)) if tally else ""
            suffix = slugify(self._label(where)) if where else short_hash(*cluster, length=8)
            names.append(f"{slugify(label)}-{suffix}")
        seen: Counter[str] = Counter(names)
        return [
            f"{n}-{short_hash(*cluster, length=8)}" if seen[n] > 1 else n
            for n, cluster in zip(names, clusters, strict=True)
        ]


def _best_label(records: list[PersonRecord]) -> str:
    """The form most articles use; on a tie the fuller, then the first alphabetically."""
    labels = Counter(r.name for r in records)
    return min(labels, key=lambda n: (-labels[n], -len(n), n))


def resolve_people(
    records: Iterable[PersonRecord],
    decisions: Decisions | None = None,
    gazetteer: Gazetteer | None = None,
) -> Resolution:
    """Cluster person records into people (see the module docstring for the rules)."""
    return _Resolver(list(records), decisions or Decisions(), gazetteer or load_gazetteer()).run()


def person_records(facts: ArticleFacts) -> list[PersonRecord]:
    """Each person the article names, with the bodies and roles its facts tie them to."""
    orgs: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for kind in FACT_KINDS:  # the kinds that tie a person to a body (graph/core/kinds.py: person_field)
        if kind.person_field is None:
            continue
        for fact in getattr(facts, kind.field):
            person = getattr(fact, kind.person_field)
            orgs[person].add(getattr(fact, kind.body_field))
            role = getattr(fact, "role", None)
            if role:
                roles[person].add(role)
    councils = frozenset(k for k in facts.mentions if k.startswith("council:"))
    art = facts.article
    return [
        PersonRecord(
            art.id, key, entity.label, art.source_file, frozenset(orgs[key]), frozenset(roles[key]), councils
        )
        for key, entity in sorted(facts.entities.items())
        if entity.kind == "person"
    ]
