"""Undo command of earned value: the workspace's choice of EAC formula.

`set_eac_method` returns the formula it replaced, which undo sets back; redo sets the
chosen one again. Either way the change is the workspace's health setting (entity
"health"), so every project's forecast refreshes.
"""

from __future__ import annotations

from ownersrep.domain.evm import EacMethod
from ownersrep.services.changes import Changes
from ownersrep.services.evm_service import EvmService
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand


class SetEacMethodCommand(ServiceCommand):
    """Forecast the estimate at completion by `method` (for the whole workspace)."""

    def __init__(self, evm: EvmService, bus: ChangeBus, method: EacMethod | str) -> None:
        self.method = EacMethod(method)
        super().__init__(f"Use EAC formula {self.method.formula}", bus)
        self._evm = evm
        self.old: EacMethod | None = None

    def do(self) -> Changes:
        out = self._evm.set_eac_method(self.method)
        self.old = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self.old is not None, "undo before the command ran"
        return self._evm.set_eac_method(self.old).changes
