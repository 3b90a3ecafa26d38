"""Protocol items, one module per section of protocol-items.md.

Importing this package registers every item in `REGISTRY`, ordered as the
spec lists them: by section (`SECTIONS` order), then as each module declares.
"""

from scoring.items import (  # noqa: F401  (importing registers the items)
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

_SECTION_ORDER = {prefix: n for n, prefix in enumerate(SECTIONS)}
_ordered = sorted(
    REGISTRY.items(),
    key=lambda kv: (_SECTION_ORDER[kv[0].split(".", 1)[0]], list(REGISTRY).index(kv[0])),
)
REGISTRY.clear()
REGISTRY.update(_ordered)

ITEM_IDS: tuple[str, ...] = tuple(REGISTRY)

__all__ = ["ITEM_IDS", "REGISTRY", "SECTIONS", "Check", "Evidence", "ItemSpec"]
