"""A standard as linked data: CPSV-AP 3.2.0 JSON-LD (`cpsv`, its nodes built by
`cpsv_nodes`, what it says in `cpsv_context`).

May import: the engine's public API.
"""

from __future__ import annotations

from renderers.exports.cpsv import cpsv_text, export_cpsv
from renderers.exports.cpsv_context import EXT

__all__ = [
    "EXT", "cpsv_text", "export_cpsv",
]
