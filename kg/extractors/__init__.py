"""Layout extractors: one module per document layout, each registering itself.

See :mod:`kg.extractors.registry`.
"""
