"""newsfacts: extract facts from news articles about one event and reconcile what the outlets disagree on.

Public API: ``run``, ``extract_mentions``, ``reconcile``, ``load_config`` and the records.

``pipeline.reconcile(df)`` is the reconciler's table entry (``reconcile.reconcile_frame``): the name stands
for the function here; its modules stay importable as ``pipeline.reconcile.values`` and so on.
"""

from .config import Config, load_config
from .extract import extract_mentions
from .reconcile import reconcile_frame as reconcile
from .records import (Analysis, Article, Claim, Count, DateValue, Duration, Fact, Mention, Money, Party,
                      Percent, Quantity, Subject, Text)
from .runner import RunResult, run

__all__ = ["Analysis", "Article", "Claim", "Config", "Count", "DateValue", "Duration", "Fact", "Mention",
           "Money", "Party", "Percent", "Quantity", "RunResult", "Subject", "Text", "extract_mentions",
           "load_config", "reconcile", "run"]
__version__ = "0.1.0"
