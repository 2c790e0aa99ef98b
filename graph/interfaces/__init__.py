"""How people and programs reach councilgraph: the command line (``cli/``, a module per command
group), the SPARQL endpoint and article ingest over HTTP (``serve``) and the review page
(``review_page``). The top layer: nothing imports it.
"""
