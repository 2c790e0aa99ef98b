"""An article on disk to its facts: reading (``read``, ``furniture``), the spaCy pipeline
(``language``, ``terms``, ``attributes``), extraction (``extract/``) and the per-article stage that
runs them (``stage.extract_articles``, ``stage.is_on_topic``), which every way of building calls.

Imports only ``graph/core`` and ``ontology``; independent of ``graph/resolve``.
"""
