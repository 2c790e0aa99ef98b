"""Rule data is checked against the ontology when it loads: a role, rating or departure class the
ontology does not declare is an error naming the file and the entry, not a fact the shapes refuse
later (or a term the graph silently lacks)."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from councilgraph.graph.core.rules import RuleError, _check_terms, load_rules
from councilgraph.graph.nlp.language import checked_patterns, load_patterns
from councilgraph.ontology import term_names


def test_the_shipped_rules_name_only_declared_terms():
    load_rules()
    assert {p["id"] for p in load_patterns("roles")} <= term_names("role")
    assert {p["id"] for p in load_patterns("ratings")} == term_names("rating")
    assert {"Resignation", "Dismissal"} <= term_names("departure")


@pytest.mark.parametrize(
    ("section", "entry", "value", "named"),
    [
        ("lexicon", "departure_verbs", MappingProxyType({"quit": "Resigation"}), "Resigation"),
        ("lexicon", "council_roles", frozenset({"Mayor", "Lord Mayor"}), "Lord Mayor"),
        ("lexicon", "officer_roles", MappingProxyType({"Treasurer": ""}), "Treasurer"),
        (
            "lexicon",
            "role_modifiers",
            MappingProxyType({"deputy": MappingProxyType({"Mayor": "DeputyMayor", "*": "Other"})}),
            "DeputyMayor",
        ),
        ("resolution", "mobile_roles", frozenset({"ChiefExecutive", "Headteacher"}), "Headteacher"),
    ],
)
def test_a_term_the_ontology_lacks_is_refused_with_its_entry(section, entry, value, named):
    with pytest.raises(RuleError, match=rf"f.json: {entry}: not a \w+ the ontology declares: {named}$"):
        _check_terms("f.json", section, {entry: value})


def test_a_modifier_word_is_not_taken_for_a_role():
    _check_terms(
        "f.json",
        "lexicon",
        {"role_modifiers": MappingProxyType({"deputy": MappingProxyType({"*": "Other"})})},
    )


def test_a_pattern_whose_id_is_not_a_declared_term_is_refused_with_its_line():
    good = {"label": "ROLE", "pattern": [{"LOWER": "mayor"}], "id": "Mayor"}
    assert checked_patterns("roles", [good]) == [good]
    with pytest.raises(RuleError, match=r"roles.jsonl:2: id 'Treasurer' is not a role"):
        checked_patterns("roles", [good, {**good, "id": "Treasurer"}])
    with pytest.raises(RuleError, match=r"ratings.jsonl:1: id 'Mayor' is not a rating"):
        checked_patterns("ratings", [good])
