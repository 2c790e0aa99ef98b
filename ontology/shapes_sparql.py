"""The SHACL shapes as SPARQL queries, one per constraint, for a fast engine (Oxigraph).

pySHACL evaluates each constraint node by node in Python; on a graph of 170,000 triples that is
as long as the rest of the build. The same constraints written as SPARQL run inside Oxigraph in a
fraction of it. This module reads ``shapes.ttl`` and writes each constraint as a ``SELECT ?this
?value`` that returns exactly its violations, following the SHACL 1.0 definitions:

- targets are SHACL instances (``rdf:type/rdfs:subClassOf*``; the plain ``rdf:type`` when the
  data holds no ``rdfs:subClassOf``, which is the same thing then);
- each constraint component is a boolean "conforms" expression of one focus or value node, so
  that ``sh:or``, ``sh:node`` and ``sh:qualifiedValueShape`` compose them;
- comparisons that raise a SPARQL error (a string against a number) count as violations, as SHACL
  says of incomparable values.

Only the parts of SHACL the shapes use are compiled. Any other term on a shape raises
:class:`Unsupported`, and :func:`councilgraph.graph.rdf.validate.validate` then runs pySHACL
instead: a shape is never silently skipped. ``tests/ontology/test_fast_validation.py`` checks
that both engines report the same violations on graphs broken one constraint at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

__all__ = ["Check", "Unsupported", "compile_shapes"]


class Unsupported(ValueError):
    """The shapes use a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query returning its violations (``?this``, and ``?value`` when one)."""

    shape: Node
    path: URIRef | None
    component: URIRef
    query: str
    message: str | None = None
    per_value: bool = False  # the query also returns ?value, one row per value that fails


_SHAPE_TERMS = {RDF.type, SH.targetClass, SH.property, SH.message}
_PROPERTY_TERMS = {SH.path, SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount}
_PROPERTY_TERMS |= {SH.qualifiedMaxCount, SH.lessThan, SH.hasValue, SH.name, SH.description}
_VALUE_TERMS = {SH.datatype, SH["class"], SH["in"], SH.node, SH["or"], SH.minInclusive, SH.minLength}
_VALUE_TERMS |= {SH.sparql}  # node shapes only


def _int(term: Node | None) -> int:
    if isinstance(term, Literal) and isinstance(term.toPython(), int):
        return int(term.toPython())
    raise Unsupported(f"a count or length that is not an integer: {term!r}")


def _n3(term: Node) -> str:
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    raise Unsupported(f"a blank node or variable where SHACL wants a value: {term!r}")


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: bool) -> None:
        self.shapes = shapes
        self.instance_of = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*" if subclasses else RDF.type.n3()
        self._fresh = itertools.count()

    def var(self) -> str:
        return f"?v{next(self._fresh)}x"  # the closing x: no name is a prefix of another

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.shapes.objects(node, predicate))
        if len(values) > 1:
            raise Unsupported(f"{node}: more than one {predicate}")
        return values[0] if values else None

    def check_terms(self, node: Node, allowed: set[URIRef]) -> None:
        for predicate in set(self.shapes.predicates(node, None)):
            if predicate not in allowed:
                raise Unsupported(f"{node}: {predicate} is not compiled")

    # --- value constraints: a boolean expression of one value node ``v``
    def value_components(self, shape: Node, v: str) -> Iterator[tuple[URIRef, str]]:
        """(component, expression true when ``v`` conforms) for each value constraint on ``shape``."""
        g = self.shapes
        for dt in g.objects(shape, SH.datatype):
            yield SH.DatatypeConstraintComponent, f"(isLiteral({v}) && datatype({v}) = {_n3(dt)})"
        for cls in g.objects(shape, SH["class"]):
            yield SH.ClassConstraintComponent, f"EXISTS {{ {v} {self.instance_of} {_n3(cls)} }}"
        for members in g.objects(shape, SH["in"]):
            terms = [f"sameTerm({v}, {_n3(t)})" for t in Collection(g, members)]
            yield SH.InConstraintComponent, "(" + (" || ".join(terms) or "false") + ")"
        for low in g.objects(shape, SH.minInclusive):
            yield SH.MinInclusiveConstraintComponent, f"COALESCE({v} >= {_n3(low)}, false)"
        for length in g.objects(shape, SH.minLength):
            yield (
                SH.MinLengthConstraintComponent,
                f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) >= {_int(length)}, false))",
            )
        for target in g.objects(shape, SH.node):
            yield SH.NodeConstraintComponent, self.conforms(target, v)
        for alternatives in g.objects(shape, SH["or"]):
            options = [self.conforms(option, v) for option in Collection(g, alternatives)]
            yield SH.OrConstraintComponent, "(" + (" || ".join(options) or "false") + ")"

    def conforms(self, shape: Node, v: str) -> str:
        """An expression true when ``v`` conforms to every constraint of ``shape`` (for sh:node, sh:or)."""
        self.check_terms(shape, (_SHAPE_TERMS | _VALUE_TERMS | _PROPERTY_TERMS) - {SH.sparql, SH.targetClass})
        parts = [expr for _, expr in self.value_components(shape, v)]
        if self.one(shape, SH.path) is not None:  # a property shape used as a value shape
            parts += [expr for _, expr in self.property_components(shape, v)]
        for prop in self.shapes.objects(shape, SH.property):
            parts += [expr for _, expr in self.property_components(prop, v)]
        return "(" + (" && ".join(parts) or "true") + ")"

    # --- property constraints: a boolean expression of one focus node ``f``
    def property_components(self, prop: Node, f: str) -> Iterator[tuple[URIRef, str]]:
        """(component, expression true when ``f`` conforms) for each constraint of a property shape."""
        self.check_terms(prop, _PROPERTY_TERMS | _VALUE_TERMS - {SH.sparql})
        path = self.one(prop, SH.path)
        if not isinstance(path, URIRef):
            raise Unsupported(f"{prop}: only a predicate IRI is compiled as sh:path")
        p = path.n3()
        low, high = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        if low is not None and _int(low) > 0:
            yield SH.MinCountConstraintComponent, self._at_least(f, p, _int(low), "true")
        if high is not None:
            yield SH.MaxCountConstraintComponent, f"!{self._at_least(f, p, _int(high) + 1, 'true')}"
        for value in self.shapes.objects(prop, SH.hasValue):
            yield SH.HasValueConstraintComponent, f"EXISTS {{ {f} {p} {_n3(value)} }}"
        for other in self.shapes.objects(prop, SH.lessThan):
            a, b = self.var(), self.var()
            yield (
                SH.LessThanConstraintComponent,
                f"NOT EXISTS {{ {f} {p} {a} . {f} {_n3(other)} {b} FILTER (!COALESCE({a} < {b}, false)) }}",
            )
        qualified = self.one(prop, SH.qualifiedValueShape)
        if qualified is not None:
            x = self.var()
            ok = self.conforms(qualified, x)
            qlow, qhigh = self.one(prop, SH.qualifiedMinCount), self.one(prop, SH.qualifiedMaxCount)
            if qlow is not None and _int(qlow) > 0:
                yield SH.QualifiedMinCountConstraintComponent, self._at_least(f, p, _int(qlow), ok, x)
            if qhigh is not None:
                yield (
                    SH.QualifiedMaxCountConstraintComponent,
                    "!" + self._at_least(f, p, _int(qhigh) + 1, ok, x),
                )
        for component, v, expr in self.value_checks(prop):
            yield component, f"NOT EXISTS {{ {f} {p} {v} FILTER (!{expr}) }}"

    def value_checks(self, prop: Node) -> Iterator[tuple[URIRef, str, str]]:
        """(component, value variable, expression true when it conforms) for a property's values."""
        v = self.var()
        for component, expr in self.value_components(prop, v):
            yield component, v, expr

    def _at_least(self, f: str, p: str, n: int, condition: str, x: str | None = None) -> str:
        """``f`` has at least ``n`` distinct values of ``p`` meeting ``condition`` (of ``x``)."""
        if n <= 0:
            return "true"
        if n > 3:
            raise Unsupported(f"a count of {n} is not compiled (at most 3)")
        names = [self.var() for _ in range(n)]
        cond_of = [condition.replace(x, name) if x else condition for name in names]
        distinct = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        filters = " && ".join([c for c in cond_of if c != "true"] + distinct) or "true"
        triples = " . ".join(f"{f} {p} {name}" for name in names)
        return f"EXISTS {{ {triples} FILTER ({filters}) }}"


def compile_shapes(shapes: Graph, prologue: str, subclasses: bool = True) -> list[Check]:
    """Every constraint of every targeted shape in ``shapes`` as a :class:`Check`, in a fixed order.

    ``prologue`` declares prefixes for the ``sh:sparql`` constraints' queries. ``subclasses=False``
    when the data holds no ``rdfs:subClassOf`` triple. Raises :class:`Unsupported` for a shape this
    module cannot translate exactly.
    """
    c = _Compiler(shapes, subclasses)
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        c.check_terms(shape, _SHAPE_TERMS | _VALUE_TERMS)
        classes = " ".join(_n3(t) for t in sorted(shapes.objects(shape, SH.targetClass), key=str))
        target = f"VALUES ?target {{ {classes} }} ?this {c.instance_of} ?target ."
        for component, expr in c.value_components(shape, "?this"):
            where = f"WHERE {{ {target} FILTER (!{expr}) }} ORDER BY ?this"
            query = (
                f"{prologue}\nSELECT DISTINCT ?this (?this AS ?value) {where}"  # the value is the node itself
            )
            checks.append(Check(shape, None, component, query, per_value=True))
        for prop in sorted(shapes.objects(shape, SH.property), key=lambda p: str(shapes.value(p, SH.path))):
            path = c.one(prop, SH.path)
            assert isinstance(path, URIRef)  # property_components checks it first
            values = {component for component, _v, _e in c.value_checks(prop)}
            for component, expr in c.property_components(prop, "?this"):
                if component in values:
                    continue  # below, one row per value that fails, as SHACL reports them
                query = (
                    f"{prologue}\nSELECT DISTINCT ?this WHERE {{ {target} FILTER (!{expr}) }} ORDER BY ?this"
                )
                checks.append(Check(shape, path, component, query))
            for component, v, expr in c.value_checks(prop):
                body = f"{target} ?this {path.n3()} ?value . FILTER (!{expr.replace(v, '?value')})"
                query = f"{prologue}\nSELECT DISTINCT ?this ?value WHERE {{ {body} }} ORDER BY ?this ?value"
                checks.append(Check(shape, path, component, query, per_value=True))
        for constraint in shapes.objects(shape, SH.sparql):
            c.check_terms(constraint, {RDF.type, SH.message, SH.select})
            select = str(shapes.value(constraint, SH.select))
            head, sep, body = select.partition("SELECT")
            if not sep:
                raise Unsupported(f"{shape}: sh:sparql without a SELECT")
            query = f"{prologue}\n{head}\nSELECT DISTINCT ?this WHERE {{ {target} {{ SELECT{body} }} }} ORDER BY ?this"
            message = shapes.value(constraint, SH.message)
            checks.append(
                Check(shape, None, SH.SPARQLConstraintComponent, query, str(message) if message else None)
            )
    return checks
