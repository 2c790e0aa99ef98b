"""The operations: build (``pipeline``, with ``parallel`` and ``distributed`` for its per-article
stage), publish (``publish``: validate, commit, write), the ingest of one article (``ingest``),
evaluation (``evaluate``) and push to a triple store (``push``).

Above the exporters, which it calls to write; below the interfaces, which call it.
"""
