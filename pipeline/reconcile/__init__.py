"""The reconciler: claims -> facts with status, canonical value, confidence and reason; outlet trust.

Usable on its own: ``reconcile_claims(claims, config)`` for records, ``reconcile_frame(df)`` for a
claims table (columns ``source, subject, attribute, value`` and optional ``quote, published``).
"""

from .facts import reconcile_claims
from .table import TableError, claims_from_table, conflict_rows, reconcile_frame, source_rows
from .values import compatible, describe, refines, relation, same

__all__ = ["TableError", "claims_from_table", "compatible", "conflict_rows", "describe", "reconcile_claims",
           "reconcile_frame", "refines", "relation", "same", "source_rows"]
