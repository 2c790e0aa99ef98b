"""Deterministic IRIs: one place where names and facts become identifiers.

Councils are keyed by gazetteer id, organisations and people by a slug of their normalised name
(titles and diacritics removed, so "Cllr José Smith" and "Jose Smith" are one person), and facts
and evidence by a short stable hash of what identifies them. Same input, same IRIs, on any machine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

__all__ = ["BASE", "fact_iri", "iri", "short_hash", "slugify"]

BASE = "https://w3id.org/councilgraph/id/"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; never empty (falls back to a hash)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("&", " and ").replace("'", "").replace("’", "")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    return slug or "x" + short_hash(text)


def short_hash(*parts: object, length: int = 12) -> str:
    """A stable hex digest of ``parts``."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def iri(kind: str, local: str) -> URIRef:
    """``https://w3id.org/councilgraph/id/<kind>/<local>``."""
    return URIRef(f"{BASE}{kind}/{local}")


def fact_iri(kind: str, *identity: object) -> URIRef:
    """The IRI of a fact of ``kind`` whose identity is ``identity``."""
    return iri(kind, short_hash(kind, *identity))
