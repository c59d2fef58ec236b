"""Giving freed memory back to the system, where the C library can.

A Python process keeps the memory it has freed for its next allocations: after a phase that made and dropped big
temporary structures (the downloads' typed tables), a big catalog's render worker would hold that room to its end,
beside MkDocs. glibc's malloc_trim returns the free pages of its heap; elsewhere nothing happens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc
        return None


def give_back() -> bool:
    """Return the heap's free pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
