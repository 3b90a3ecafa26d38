"""Protocol items, one module per section of protocol-items.md.

Importing this package registers every item in `REGISTRY`, in spec order.
"""

from scoring.items import (  # noqa: F401  (registration order = spec order)
    closing,
    escalation,
    hold,
    messages,
    opening,
    second,
    soft,
    transfer,
)
from scoring.items.base import REGISTRY, SECTIONS, Check, Evidence, ItemSpec

ITEM_IDS: tuple[str, ...] = tuple(REGISTRY)

__all__ = ["ITEM_IDS", "REGISTRY", "SECTIONS", "Check", "Evidence", "ItemSpec"]
