"""The reconciler as it was before the near-linear rewrite (commit fa0347b), kept verbatim as a reference.

``tests/reconcile/test_equivalence.py`` checks that ``pipeline.reconcile.reconcile_claims`` gives exactly
this answer on random claims. Only the imports of ``pipeline.records`` were made absolute.
"""

from .facts import reconcile_claims

__all__ = ["reconcile_claims"]
