"""Moved to ``core.personal_data``; this path stays while other branches still import it."""

from core.personal_data import (
    compact_id_number,
    mask_id_number,
    mask_phone,
    person_hash,
    protect,
    reveal,
    rotate,
)

__all__ = [
    "compact_id_number",
    "mask_id_number",
    "mask_phone",
    "person_hash",
    "protect",
    "reveal",
    "rotate",
]
