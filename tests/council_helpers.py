"""The council-document scorer (bench/council_reading.py), for the tests that hold the loaders to it."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("council_reading", ROOT / "bench" / "council_reading.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module
