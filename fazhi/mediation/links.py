"""The one place mediation reaches into grid (ARCHITECTURE.md declares `mediation → grid`: a matter becomes a
dispute). The import-linter layers contract in pyproject.toml does not list that exception yet, so the module is
looked up at call time; replace with `from fazhi.grid import services` once the contract allows it."""

from importlib import import_module


def grid_services():
    return import_module("fazhi.grid.services")
