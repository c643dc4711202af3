"""The clerk's review station: flagged letters checked, corrected, decided and answered.

The library (``decisions``, ``queue``, ``auth``, ``pages``, ``reply``) imports no web
framework, so that ``pipeline.export`` can apply the clerks' decisions; ``app`` is the
thin Flask application over it (see docs/review.md).
"""
