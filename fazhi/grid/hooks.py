"""Hand-over hooks: the apps that build on grid (mediation, petitions) register how a matter becomes their record.

grid must not import them (ARCHITECTURE.md: mediation → grid, never back), so they plug in here from their
AppConfig.ready()::

    from fazhi.grid.hooks import register_transfer
    register_transfer("mediation", dispute_create_from_matter)  # called as handler(actor=..., matter=...)

The 转调解 / 转信访 buttons on a matter page then call `grid.services.matter_hand_over`, which runs the handler in
one transaction. The handler creates its record (with its own FK to the matter) and calls
`grid.services.matter_transfer(actor=..., matter=..., to=..., target=record)`, which moves the matter to
已转调解/已转信访 and stores a generic link back. Without a registered handler the buttons are hidden.
"""

from collections.abc import Callable

TRANSFER_HANDLERS: dict[str, Callable] = {}


def register_transfer(to: str, handler: Callable) -> None:
    """`to` is "mediation" or "petition"; `handler(*, actor, matter)` creates and returns the linked record."""
    TRANSFER_HANDLERS[to] = handler
