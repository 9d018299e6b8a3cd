"""Where extraction runs: in this process, in a pool of worker processes, or as dask.distributed tasks.

Every route calls the same ``extract_chunk`` on chunks of articles and returns, per article, its id, the
encoded analysis the store keeps and its mentions, so the fact table does not depend on the route.
Workers load the spaCy model once each (a process-wide cache keyed by the config), never per chunk.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from .config import Config
from .errors import UsageError
from .records import Article, Mention
from .store import digest, encode_analysis

log = logging.getLogger(__name__)
Result = tuple[str, bytes, tuple[Mention, ...]]
EXECUTORS = ("local", "dask")
# Articles per task: big enough that shipping a task costs little next to parsing it (~0.3 s of spaCy
# at 48 articles/s), small enough that two workers stay busy to the end of a batch.
CHUNK = 16

_EXTRACTORS: dict[str, Any] = {}


def _extractor(config_data: dict[str, Any]):
    from .extract import Extractor

    key = digest(config_data)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(Config(config_data))
    return _EXTRACTORS[key]


def analyse_chunk(extractor, articles: Sequence[Article]) -> list[Result]:
    """Analyse some articles with a loaded extractor, as the store keeps them."""
    return [(a.article.article_id, encode_analysis(a), a.mentions) for a in extractor.analyse(articles)]


def extract_chunk(articles: Sequence[Article], config_data: dict[str, Any]) -> list[Result]:
    """The task every worker runs: analyse some articles (the model is loaded once per process)."""
    return analyse_chunk(_extractor(config_data), articles)


def _init_worker() -> None:
    # A worker ignores Ctrl-C: the parent stops the pool and reports once.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Extraction:
    """Runs ``extract_chunk`` over batches of articles on the chosen route; use as a context manager."""

    def __init__(self, config: Config, workers: int = 1, executor: str = "local", scheduler: str | None = None,
                 extractor: Any = None) -> None:
        if executor not in EXECUTORS:
            raise UsageError(f"unknown executor {executor!r} (choose from {', '.join(EXECUTORS)})")
        if workers < 1:
            raise UsageError(f"--workers must be at least 1 (got {workers})")
        if scheduler and executor != "dask":
            raise UsageError("--scheduler needs --executor dask")
        self.config = config
        self.workers = workers
        self.executor = executor
        self.scheduler = scheduler
        self._extractor = extractor
        self._data = config.to_plain()
        self._pool: Any = None
        self._client: Any = None
        self._cluster: Any = None
        self._scattered: Any = None

    def __enter__(self) -> Extraction:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _start(self) -> None:
        if self.executor == "dask" and self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError:  # pragma: no cover - the lock installs it
                raise UsageError("--executor dask needs the 'distributed' package") from None
            if self.scheduler:
                try:
                    self._client = Client(self.scheduler, timeout="20s")
                except OSError as exc:
                    raise UsageError(f"--scheduler {self.scheduler}: cannot reach the dask scheduler ({exc})") from None
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
        elif self.executor == "local" and self.workers > 1 and self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker)

    def run(self, articles: Sequence[Article]) -> Iterator[Result]:
        """Analyse ``articles``; yields results chunk by chunk (in order) as they complete."""
        yield from self.collect(self.submit(articles))

    def submit(self, articles: Sequence[Article]) -> Any:
        """Start analysing ``articles`` on the workers and return a handle for ``collect``.

        On a pool or a dask cluster the work starts now, so a caller that submits the next batch before
        collecting (and storing) this one keeps the workers busy while it writes; in this process nothing
        runs until ``collect``.
        """
        articles = list(articles)
        if not articles or (self.executor == "local" and self.workers == 1):
            return ("here", articles)
        self._start()
        chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
        if self._pool is not None:
            return ("pool", [self._pool.submit(extract_chunk, chunk, self._data) for chunk in chunks])
        if self._scattered is None:
            self._scattered = self._client.scatter(self._data, broadcast=True)
        return ("dask", self._client.map(extract_chunk, chunks, config_data=self._scattered, pure=False))

    def collect(self, handle: Any) -> Iterator[Result]:
        """The results of a ``submit``, in the order of its articles, chunk by chunk as they complete."""
        route, work = handle
        if route == "here":
            if work and self._extractor is None:
                from .extract import Extractor

                self._extractor = Extractor(self.config)
            for start in range(0, len(work), CHUNK):
                yield from analyse_chunk(self._extractor, work[start:start + CHUNK])
        elif route == "pool":
            for future in work:
                yield from future.result()
        else:
            try:
                for future in work:
                    yield from future.result()
            finally:
                self._client.cancel(work)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._scattered = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
