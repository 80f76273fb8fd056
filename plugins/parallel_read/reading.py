"""One list of source files read from both ends: this process from the start, a forked helper from the end.

Pelican reads and converts every Markdown file in one process, one after the other: in a cold build
of 1,000 articles that is most of the build, and the second processor has little to do. Converting
a file is a pure function of the file (the site has no Markdown extension of its own, and Pelican's
content cache already skips the conversion of an unchanged file in an editor's build), so a helper
process can convert some of them and hand Pelican the result as if it came from that cache.

The two meet in the middle: each claims a file in a shared table before converting it, so no file
is converted twice, and neither waits for the other except for the one file the helper is still
converting when Pelican reaches it. Written here because `concurrent.futures` hands out work in a
fixed order and cannot stop at the point where the two processes meet.

Whatever the helper cannot hand back exactly as Pelican would make it, Pelican reads itself: a file
whose conversion logged anything (the message must come from the build's own process, where
`--fatal warnings` counts it), raised an error, or gave metadata that does not pickle.
"""

from __future__ import annotations

import io
import logging
import pickle
import threading
from collections.abc import Callable
from contextlib import contextmanager

#: A file the helper could not hand back: Pelican reads it itself.
_MISSED = None
_FREE, _HERE, _HELPER = 0, 1, 2


class _Pickler(pickle.Pickler):
    """Sends the settings dict (reader metadata such as a Category holds it) as a reference: it holds
    functions that do not pickle, and the receiving process has the same dict."""

    def __init__(self, file, shared: dict):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = {id(value): name for name, value in shared.items()}

    def persistent_id(self, obj):
        return self._ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, shared: dict):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid):
        return self._shared[pid]


def dumps(value, shared: dict) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, shared).dump(value)
    return buffer.getvalue()


def loads(data: bytes, shared: dict):
    return _Unpickler(io.BytesIO(data), shared).load()


class ReadAhead:
    """A helper process converting `paths` from the last one backwards with `read(path)`, passing over
    those for which `skip(path)` is true (this process will find them in Pelican's cache).

    `take(path)` is this process's side: None means "read it yourself" (the file was free, so it is
    now this process's, or the helper could not convert it); otherwise the helper's result, waiting
    for it when the helper is still at it. `shared` names objects both processes hold (the settings),
    sent by name instead of pickled.
    """

    def __init__(self, paths: list[str], read: Callable[[str], object], skip: Callable[[str], bool], shared: dict,
                 context):  # fmt: skip
        self.index = {path: number for number, path in enumerate(paths)}
        self.shared = shared
        self.claims = context.Array("b", len(paths))
        self.received: dict[int, bytes | None] = {}
        self.finished = False
        self.converted = 0  # files whose result this process took from the helper
        receiving, sending = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_helper, args=(paths, read, skip, shared, self.claims, sending), daemon=True, name="parallel_read"
        )
        self.process.start()
        sending.close()  # the helper holds the only sending end: its end or death closes the pipe
        self._pipe = receiving
        # Results are received as they come, not when Pelican reaches them: a full pipe would stop the helper.
        self._arrived = threading.Condition()
        self._receiver = threading.Thread(target=self._receive, daemon=True, name="parallel_read")
        self._receiver.start()

    def take(self, path: str):
        number = self.index.get(path)
        if number is None:
            return _MISSED
        with self._claims_lock() as held:
            if held is None:  # the helper died holding the table: every file is read here
                return _MISSED
            if self.claims[number] == _FREE:
                self.claims[number] = _HERE
                return _MISSED
        with self._arrived:
            self._arrived.wait_for(lambda: number in self.received or self.finished)
            data = self.received.pop(number, None)
        if data is None:
            return _MISSED
        try:
            found = loads(data, self.shared)
        except Exception:  # a result that does not load is read again here
            return _MISSED
        self.converted += 1
        return found

    def _receive(self) -> None:
        while True:
            try:
                message = self._pipe.recv_bytes()
            except (EOFError, OSError):  # the helper ended or died: what it did not send, Pelican reads
                message = b""
            with self._arrived:
                if message:
                    number, data = pickle.loads(message)
                    self.received[number] = data
                else:
                    self.finished = True
                self._arrived.notify_all()
            if not message:
                return

    @contextmanager
    def _claims_lock(self):
        """The claims table's lock; None when the helper died holding it.

        A process killed while it holds a multiprocessing lock (by the system, for memory most likely)
        never releases it: waiting for it would stop the build for good.
        """
        lock = self.claims.get_lock()
        while not lock.acquire(timeout=0.2):
            if not self.process.is_alive():
                yield None
                return
        try:
            yield lock
        finally:
            lock.release()

    def close(self) -> None:
        """Stop the helper: every file not yet claimed is left to this process, so it stops at the next one."""
        with self._claims_lock() as held:
            if held is not None:  # else the helper is dead: there is nothing left to stop
                for number in range(len(self.claims)):
                    if self.claims[number] == _FREE:
                        self.claims[number] = _HERE
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self._receiver.join(timeout=10)
        self._pipe.close()


def _helper(paths: list[str], read, skip, shared: dict, claims, pipe) -> None:
    caught: list = []
    # Nothing this process logs reaches the console: a file whose conversion logs is read again by the
    # build's process, which then says it itself (and counts it for --fatal).
    logging.Logger.handle = lambda _logger, record: caught.append(record)
    try:
        for number in range(len(paths) - 1, -1, -1):
            if skip(paths[number]):
                continue
            with claims.get_lock():
                if claims[number] != _FREE:
                    break  # the build's process has come this far: the rest is its
                claims[number] = _HELPER
            caught.clear()
            try:
                result = read(paths[number])
                data = None if caught else dumps(result, shared)
            except Exception:  # the build's process reads the file again and reports it
                data = None
            pipe.send_bytes(pickle.dumps((number, data), protocol=pickle.HIGHEST_PROTOCOL))
        pipe.send_bytes(b"")
    except (BrokenPipeError, OSError):
        pass  # the build's process stopped
    finally:
        pipe.close()
