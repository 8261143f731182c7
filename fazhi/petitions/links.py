"""The one place petitions reaches into mediation (ARCHITECTURE.md declares `petitions → mediation`: a petition
becomes a dispute and back). The import-linter layers contract in pyproject.toml does not list that exception yet,
so modules are looked up at call time; replace with static imports once the contract allows it."""

from importlib import import_module

DISPUTE_TYPE = "mediation.dispute_type"  # 数据字典 category declared by mediation
TIER_GENERAL = "general"
SOURCE_PETITION = "petition"


def mediation(module: str):
    """`services` or `selectors` of the mediation app."""
    return import_module(f"fazhi.mediation.{module}")
