"""Moved to ``core.personal_data``; this path stays while other branches still import it."""

from core.personal_data import (
    mask_id_number,
    mask_phone,
    person_hash,
    protect,
    reveal,
    rotate,
)

__all__ = ["mask_id_number", "mask_phone", "person_hash", "protect", "reveal", "rotate"]
