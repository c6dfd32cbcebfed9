"""Test-only hooks that stop the installed ``sgkg`` at a chosen phase of a load (tests/test_faults_kills.py).

Put on ``PYTHONPATH`` with ``SGKG_FAULT=<action>:<phase>:<n>``: at the n-th time the load reaches
``phase`` the process SIGKILLs itself (``kill``), or waits (``hold``) until the file
``$SGKG_FAULT_DIR/release`` exists, having written ``$SGKG_FAULT_DIR/holding``. Phases:

- ``extract``: the writer receives a document from the workers (the others are still reading);
- ``write``: a batch of new documents is half bulk-loaded into the store;
- ``link``: the recurrence linker starts on an authority (earlier authorities are linked).

Only the process started first arms the hooks; worker processes inherit the mark and run untouched.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

_SPEC = os.environ.get("SGKG_FAULT")


def _arm() -> None:
    action, phase, count = _SPEC.split(":")
    reached = {"n": 0}

    def reach() -> None:
        reached["n"] += 1
        if reached["n"] != int(count):
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        folder = Path(os.environ["SGKG_FAULT_DIR"])
        (folder / "holding").write_text(str(os.getpid()))
        deadline = time.monotonic() + 120
        while not (folder / "release").exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    from safeguarding_kg import linking_recurrence, loading, store

    if phase == "extract":
        result = loading._WorkerPool.result

        def result_then_stop(self, *args, **kwargs):
            reach()
            return result(self, *args, **kwargs)
        loading._WorkerPool.result = result_then_stop
    elif phase == "write":
        put_new_documents = store.GraphStore.put_new_documents

        def half_then_stop(self, documents):
            inner = self._store

            class Half:
                def __getattr__(self, name):
                    return getattr(inner, name)

                def bulk_load(self, data, format):
                    lines = data.splitlines(keepends=True)
                    inner.bulk_load(b"".join(lines[: len(lines) // 2]), format=format)
                    inner.flush()
                    reach()
                    inner.bulk_load(b"".join(lines[len(lines) // 2:]), format=format)
            self._store = Half()
            try:
                return put_new_documents(self, documents)
            finally:
                self._store = inner
        store.GraphStore.put_new_documents = half_then_stop
    elif phase == "link":
        relink = linking_recurrence.relink_authority

        def stop_then_relink(*args, **kwargs):
            reach()
            return relink(*args, **kwargs)
        linking_recurrence.relink_authority = stop_then_relink


if _SPEC and not os.environ.get("SGKG_FAULT_ARMED"):
    os.environ["SGKG_FAULT_ARMED"] = str(os.getpid())  # inherited: worker processes stay untouched
    _arm()
