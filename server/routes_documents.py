"""Documents, diagrams and the CPSV-AP export (to come)."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter()
