"""``python -m councilgraph.graph`` runs the command line."""

from councilgraph.graph.cli import main

main()
