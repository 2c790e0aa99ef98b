"""GraphML export of the NetworkX projection, for Gephi and yEd: lists flattened to strings.

The document is the one NetworkX's lxml writer (``nx.write_graphml_lxml``) writes, byte for byte
(the tests compare them), made one element at a time by lxml: :class:`GraphMLWriter` remembers
each node's and edge's element, so that writing the projection again after one more article
(``serve --ingest --out``) serialises only the elements that changed (at 10,000 articles
NetworkX's writer took 0.9 s for 22,000 elements, most of it Python per attribute). Like
NetworkX's lxml writer it streams into the file (its ElementTree writer built the whole
document in memory first: 470 MB for the 52 MB file of 50,000 generated articles)."""

from __future__ import annotations

import os
import re
from typing import Any

import networkx as nx
from lxml import etree
from networkx.readwrite.graphml import GraphMLWriter as NxGraphMLWriter

from councilgraph.graph.core.atomic import atomic_open

__all__ = ["GraphMLWriter", "write_graphml"]


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return value


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: Any) -> Any:
    """XML 1.0 cannot hold NUL, most control characters or U+FFFE/U+FFFF: each becomes U+FFFD,
    so a reader sees that something was there. (Articles with NUL are refused on reading; the RDF
    formats keep every character.)"""
    if isinstance(text, str):
        return _NOT_XML.sub("\ufffd", text)
    return text


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes as Gephi and yEd show them: lists joined, no empty values, numbers as numbers."""
    return {k: _clean(_flat(v)) for k, v in data.items() if v not in (None, "", [], ())}


_XML_TYPES: dict[type, str] = dict(NxGraphMLWriter().xml_type)
"""Python type -> GraphML ``attr.type``, NetworkX's (``long`` for int, ``double`` for float)."""

_HEAD = (
    b"<?xml version='1.0' encoding='utf-8'?>\n"
    b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    b'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    b'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)

_Signature = tuple[tuple[str, str], ...]  # an element's (attribute, GraphML type) in order


class GraphMLWriter:
    """Writes projections as GraphML, remembering each element it made (module docstring).

    An element is made again only when its attributes or the document's keys changed: NetworkX
    numbers the keys (``d0``, ``d1``, ...) in the order the attribute names first appear, nodes
    before edges, and each element names its attributes' keys."""

    def __init__(self, remember: bool = True) -> None:
        """``remember=False``: a writer for one document (``write_graphml``), which keeps no
        element after writing it (at 50,000 articles they are 52 MB of XML)."""
        self.remember = remember
        self._made: dict[Any, tuple[dict[str, Any], _Signature, dict[str, Any]]] = {}  # data, signature, flat
        self._xml: dict[Any, bytes] = {}
        self._keys: dict[tuple[str, str, str], str] = {}

    def _flat(self, element: Any, data: dict[str, Any]) -> tuple[_Signature, dict[str, Any]]:
        made = self._made.get(element)
        if made is not None and made[0] == data:
            return made[1], made[2]
        flat = _attrs(data)
        signature = tuple((str(k), _xml_type(v)) for k, v in flat.items())
        if self.remember:
            self._made[element] = (dict(data), signature, flat)
            self._xml.pop(element, None)
        return signature, flat

    def write(self, graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
        """Write ``graph`` (a projection) to ``path`` atomically."""
        nodes = [(node, *self._flat(node, data)) for node, data in graph.nodes(data=True)]
        edges = [
            ((u, v, k), *self._flat((u, v, k), data)) for u, v, k, data in graph.edges(keys=True, data=True)
        ]
        keys: dict[tuple[str, str, str], str] = {}
        for scope, elements in (("node", nodes), ("edge", edges)):
            for signature in dict.fromkeys(signature for _e, signature, _f in elements):
                for name, kind in signature:
                    keys.setdefault((name, kind, scope), f"d{len(keys)}")
        if keys != self._keys:  # every element names keys: made again
            self._keys, self._xml = keys, {}
        if self.remember:
            live = {element for element, _s, _f in nodes} | {element for element, _s, _f in edges}
            for gone in [e for e in self._made if e not in live]:
                del self._made[gone]
                self._xml.pop(gone, None)
        with atomic_open(path) as fh:
            fh.write(_HEAD)
            for (name, kind, scope), key in reversed(keys.items()):
                fh.write(
                    etree.tostring(
                        _element("key", {"id": key, "for": scope, "attr.name": name, "attr.type": kind})
                    )
                )
                fh.write(b"\n")
            fh.write(b'<graph edgedefault="directed">')
            for element, _signature, flat in nodes:
                fh.write(self._element_xml(element, "node", {"id": str(element)}, flat))
            for element, _signature, flat in edges:
                u, v, k = element
                fh.write(
                    self._element_xml(
                        element, "edge", {"source": str(u), "target": str(v), "id": str(k)}, flat
                    )
                )
            fh.write(b"</graph></graphml>")

    def _element_xml(self, element: Any, tag: str, attrib: dict[str, str], flat: dict[str, Any]) -> bytes:
        xml = self._xml.get(element)
        if xml is None:
            made = _element(tag, attrib)
            for name, value in flat.items():  # the tag is the key's scope: node or edge
                data = etree.SubElement(made, "data", key=self._keys[(str(name), _xml_type(value), tag)])
                data.text = str(value)
            xml = etree.tostring(made, pretty_print=True, encoding="utf-8")
            if self.remember:
                self._xml[element] = xml
        return xml


def _element(tag: str, attrib: dict[str, str]) -> Any:
    made = etree.Element(tag)
    for name, value in attrib.items():  # in this order, as NetworkX gives them
        made.set(name, value)
    return made


def _xml_type(value: Any) -> str:
    try:
        return _XML_TYPES[type(value)]
    except KeyError:
        raise nx.NetworkXError(f"GraphML writer does not support {type(value)} as data values.") from None


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write a NetworkX projection (``councilgraph.graph.network.projection.to_networkx``) as GraphML, atomically.

    Every node and edge has a ``label`` in words (yEd and Gephi show it), years are integers, and
    attributes without a value are left out rather than written empty."""
    GraphMLWriter(remember=False).write(graph, path)
