"""``python -m councilgraph.graph`` runs the command line."""

from councilgraph.graph.interfaces.cli import main

main()
