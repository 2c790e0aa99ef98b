"""councilgraph: news articles about councils' children's services -> one knowledge graph.

The path from an article to the graph (``docs/ARCHITECTURE.md``): read -> extract -> resolve ->
build RDF -> validate -> analyse/export. ``councilgraph.graph.app.pipeline.build_graph`` runs it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("councilgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0+unknown"

__all__ = ["__version__"]
