"""newsfacts: extract facts from news articles about one event and reconcile what the outlets disagree on.

Public API: ``run``, ``extract_mentions``, ``reconcile``, ``load_config`` and the records.
"""

from .config import Config, load_config
from .extract import extract_mentions
from .records import (Analysis, Article, Claim, Count, DateValue, Duration, Fact, Mention, Money, Party,
                      Percent, Quantity, Subject, Text)

__all__ = ["Analysis", "Article", "Claim", "Config", "Count", "DateValue", "Duration", "Fact", "Mention",
           "Money", "Party", "Percent", "Quantity", "Subject", "Text", "extract_mentions", "load_config"]
__version__ = "0.1.0"
