"""Check external URLs live: a small bounded pool, one request per URL, retries, 429 handling and a disk cache.

Requests go through `requests` (one keep-alive session per worker thread). Redirects are followed
here, hop by hop, rather than by `requests`, because a permanent redirect is a finding of its own
("moved: link to the new address") and a loop must be named; retries and back-off are the
checker's policy (a Retry-After beyond `max_retry_after` is reported, not waited for).
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import socket
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    import requests

logger = logging.getLogger(__name__)

USER_AGENT = "Mozilla/5.0 (compatible; site-link-checker/1.0; +https://getpelican.com/)"
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
MAX_REDIRECTS = 10
#: A 429 asking to wait longer than this is not waited for: the URL is reported as not checked.
MAX_RETRY_AFTER = 60.0
#: Statuses a site also sends to robots it does not like; reported as "not checked", not "broken".
BLOCKED = (401, 403, 999)

OK, MOVED, BROKEN, UNCHECKED, SKIPPED = "ok", "moved", "broken", "unchecked", "skipped"
#: Verdicts worth remembering: the answer will be the same on the next run.
CACHEABLE = (OK, MOVED, BROKEN)


@dataclass
class LiveResult:
    """The outcome of checking one external URL.

    verdict: "ok"; "moved" (a permanent redirect: works, but the link should be updated to
    `final_url`); "broken" (404/410, unknown host, TLS error, redirect loop, ...); "unchecked"
    (timeout, 429, 5xx, 401/403: the site may be fine, the check could not tell); "skipped"
    (matched `external_allow`).
    """

    url: str
    verdict: str
    status: int | None = None
    message: str = ""
    final_url: str = ""
    checked_at: float = 0.0
    cached: bool = False


class LinkCache:
    """Results of earlier runs in a JSON file; entries older than `max_age_hours` are checked again."""

    VERSION = 1

    def __init__(self, path: str | os.PathLike, max_age_hours: float, clock=time.time):
        self.path = Path(path)
        self.max_age = max_age_hours * 3600
        self.clock = clock
        self.entries: dict[str, dict] = {}
        self.lock = threading.Lock()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == self.VERSION:
                self.entries = data.get("results", {})
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def get(self, url: str) -> LiveResult | None:
        entry = self.entries.get(url)
        if not entry or self.clock() - entry.get("checked_at", 0) > self.max_age:
            return None
        try:
            return LiveResult(**{**entry, "cached": True})
        except TypeError:
            return None

    def put(self, result: LiveResult) -> None:
        if result.verdict in CACHEABLE and not result.cached:
            with self.lock:
                self.entries[result.url] = {**asdict(result), "cached": False, "checked_at": self.clock()}

    def save(self) -> None:
        now = self.clock()
        fresh = {u: e for u, e in self.entries.items() if now - e.get("checked_at", 0) <= self.max_age}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps({"version": self.VERSION, "results": fresh}, indent=1, sort_keys=True), "utf-8")
        tmp.replace(self.path)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def interleave_by_host(urls) -> list[str]:
    """Order URLs round-robin over hosts so the pool's workers rarely wait on the same host's limit."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[(urlsplit(url).hostname or "").lower()].append(url)
    queues = [sorted(v) for _, v in sorted(by_host.items())]
    ordered = []
    while queues:
        ordered += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return ordered


@dataclass(frozen=True)
class _Failure:
    """A request that got no usable answer; `retry` says whether a later try may do better."""

    message: str
    retry: bool
    wait: float | None = None  # seconds the server asked us to wait (Retry-After)
    status: int | None = None


class LiveChecker:
    """Checks URLs with HEAD (falling back to GET) over a bounded thread pool with a per-host limit."""

    def __init__(
        self,
        concurrency: int = 8,
        per_host: int = 2,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 1.0,
        user_agent: str = USER_AGENT,
        sleep=time.sleep,
        max_retry_after: float = MAX_RETRY_AFTER,
    ):
        self.concurrency = max(1, int(concurrency))
        self.per_host = max(1, int(per_host))
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.user_agent = user_agent
        self.sleep = sleep
        self.max_retry_after = max_retry_after
        self._host_limits: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # one requests.Session (connection pool) per worker thread
        self.requests = 0  # how many HTTP requests were sent (the cache test counts them)

    # --- many URLs ----------------------------------------------------------------------------

    def check_all(self, urls, cache: LinkCache | None = None, allow=(), progress=None) -> dict[str, LiveResult]:
        """Check each unique URL once; cached results are reused, `allow` patterns are skipped.

        `progress` is an optional callable(advance: int, total: int) for a progress bar.
        """
        unique = sorted({u.split("#", 1)[0] for u in urls})
        results: dict[str, LiveResult] = {}
        todo = []
        for url in unique:
            if any(pattern.search(url) for pattern in allow):
                results[url] = LiveResult(url, SKIPPED, message="on the external_allow list")
            elif cache is not None and (hit := cache.get(url)) is not None:
                results[url] = hit
            else:
                todo.append(url)
        total = len(unique)
        if progress:
            progress(len(results), total)
        if todo:
            with ThreadPoolExecutor(max_workers=min(self.concurrency, len(todo))) as pool:
                futures = {pool.submit(self.check_one, url): url for url in interleave_by_host(todo)}
                for future in as_completed(futures):
                    result = future.result()
                    results[result.url] = result
                    if cache is not None:
                        cache.put(result)
                    if progress:
                        progress(1, total)
        if cache is not None:
            cache.save()
        return results

    # --- one URL ------------------------------------------------------------------------------

    def check_one(self, url: str) -> LiveResult:
        """HEAD, then GET if HEAD did not give a clear answer; retry what may be temporary."""
        attempt = 0
        while True:
            outcome = self._check_once(url)
            if isinstance(outcome, LiveResult):
                outcome.checked_at = time.time()
                return outcome
            if not outcome.retry:
                return LiveResult(url, BROKEN, outcome.status, outcome.message, checked_at=time.time())
            if attempt >= self.retries:
                return LiveResult(url, UNCHECKED, outcome.status, outcome.message, checked_at=time.time())
            wait = outcome.wait if outcome.wait is not None else self.backoff * (2**attempt)
            if wait > self.max_retry_after:
                message = f"{outcome.message}, asks to wait {wait:.0f} s; check it by hand or add it to external_allow"
                return LiveResult(url, UNCHECKED, outcome.status, message, checked_at=time.time())
            attempt += 1
            self.sleep(wait)

    def _check_once(self, url: str) -> LiveResult | _Failure:
        answer = self._follow("HEAD", url)
        if isinstance(answer, _Failure):
            return answer
        if not (200 <= answer[0] < 300):  # some servers refuse or mishandle HEAD: ask again with GET
            answer = self._follow("GET", url)
            if isinstance(answer, _Failure):
                return answer
        status, final, chain = answer
        if 200 <= status < 300:
            if any(code in PERMANENT for code, _ in chain):
                return LiveResult(url, MOVED, status, f"moved permanently to {final}; link to it directly", final)
            return LiveResult(url, OK, status, "", final)
        if status >= 500 and status not in (508, 310):
            return _Failure(f"server error ({status})", True, None, status)
        if status in BLOCKED:
            message = f"the site refused the check ({status}); open it by hand, or add it to external_allow"
            return LiveResult(url, UNCHECKED, status, message, final)
        reason = {508: "redirect loop", 310: f"more than {MAX_REDIRECTS} redirects"}.get(status)
        reason = reason or f"{status} {_phrase(status)}".strip()
        return LiveResult(url, BROKEN, status, reason, final)

    def _follow(self, method: str, url: str) -> tuple[int, str, list[tuple[int, str]]] | _Failure:
        """Request `url`, following redirects: (final status, final URL, [(status, url) of each hop])."""
        chain: list[tuple[int, str]] = []
        current = url
        seen = {url}
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._request(method, current)
            if isinstance(answer, _Failure):
                return answer
            status, headers = answer
            if status == 429:
                return _Failure("rate limited (429)", True, retry_after_seconds(headers.get("Retry-After")), status)
            location = headers.get("Location")
            if status in REDIRECTS and location:
                chain.append((status, current))
                current = urljoin(current, location.strip())
                if current in seen:
                    return 508, current, chain  # a loop: reported as broken
                seen.add(current)
                continue
            return status, current, chain
        return 310, current, chain

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            # Imported here: every build loads this module, few check external links, and importing
            # requests takes 30 ms in each process that loads it.
            import requests

            session = self._local.session = requests.Session()
            session.headers.update({"User-Agent": self.user_agent, "Accept": "*/*"})
        return session

    def _request(self, method: str, url: str):
        """One HTTP request without following redirects: (status, headers), or a _Failure."""
        import requests  # not with the module (see _session); the first call pays for it

        host = urlsplit(url).hostname or ""
        with self._host_limit(host):
            with self._lock:
                self.requests += 1
            try:
                # stream=True: a GET reads the status and headers, never the page itself
                with self._session().request(
                    method, url, allow_redirects=False, timeout=self.timeout, stream=True
                ) as response:
                    return response.status_code, response.headers
            except requests.exceptions.InvalidURL as exc:
                return _Failure(f"not a valid address: {exc}", False)
            except requests.exceptions.SSLError as exc:
                cause = _root_cause(exc)
                return _Failure(f"TLS certificate problem: {getattr(cause, 'verify_message', None) or cause}", False)
            except requests.exceptions.Timeout:
                return _Failure(f"timed out after {self.timeout:g} s", True)
            except requests.exceptions.ConnectionError as exc:
                cause = _root_cause(exc)
                if "NameResolution" in type(cause).__name__ or (
                    isinstance(cause, OSError) and cause.errno in (-2, -3, -5)
                ):
                    return _Failure(f"host `{host}` not found ({_plain(cause)})", False)
                return _Failure(f"connection failed: {cause.__class__.__name__}: {cause}", True)
            except requests.exceptions.RequestException as exc:
                return _Failure(f"connection failed: {exc.__class__.__name__}: {exc}", True)

    def _host_limit(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            limit = self._host_limits.get(host)
            if limit is None:
                limit = self._host_limits[host] = threading.BoundedSemaphore(self.per_host)
            return limit


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _plain(cause: BaseException) -> str:
    """An OS error's own words ("Name or service not known") without its errno; anything else as it is."""
    return getattr(cause, "strerror", None) or str(cause)


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception behind a requests error (urllib3 wraps it twice or three times)."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None) if isinstance(getattr(exc, "reason", None), BaseException) else None
        inner = inner or exc.__cause__ or exc.__context__
        if inner is None and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        if inner is None:
            break
        exc = inner
    return exc


def summary_line(results: dict[str, LiveResult], seconds: float) -> str:
    """`External links: 40 unique URLs (30 from the cache): 35 fine, 2 moved, 1 broken, 2 not checked; 3.1 s`."""
    counts: dict[str, int] = defaultdict(int)
    for result in results.values():
        counts[result.verdict] += 1
    cached = sum(1 for result in results.values() if result.cached)
    labels = ((OK, "fine"), (MOVED, "moved"), (BROKEN, "broken"), (UNCHECKED, "not checked"), (SKIPPED, "skipped"))
    parts = [f"{counts[verdict]} {label}" for verdict, label in labels if counts[verdict] or verdict == OK]
    return f"External links: {len(results)} unique URLs ({cached} from the cache): {', '.join(parts)}; {seconds:.1f} s"


@contextmanager
def progress_bar(console=None, enabled: bool = True):
    """A rich progress bar for check_all (yields its progress callback), or None when disabled."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("Checking external links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("external", total=None)

        def advance(step: int, total: int) -> None:
            bar.update(task, total=total, advance=step)

        yield advance


#: How many of the linked hosts the reachability probe tries, and how long it waits for each.
PROBE_HOSTS = 12
PROBE_TIMEOUT = 4.0


def hosts_of(urls) -> list[tuple[str, int]]:
    """(host, port) of each URL, once per host, in a stable order."""
    hosts = {}
    for url in urls:
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        hosts.setdefault((parts.hostname or "").lower(), port)
    return sorted(hosts.items())


def reachable(hosts: list[tuple[str, int]], limit: int = PROBE_HOSTS, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether any of the first `limit` hosts accepts a TCP connection (name lookup included).

    Offline, every request fails as "host not found": without this probe every link would be reported
    (and cached) as broken.
    """
    candidates = hosts[:limit]
    if not candidates:
        return False
    with ThreadPoolExecutor(max_workers=len(candidates)) as pool:
        return any(pool.map(lambda hp: _connects(*hp, timeout), candidates))


def _connects(host: str, port: int, timeout: float) -> bool:
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True
