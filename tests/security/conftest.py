"""Prints the figures the issue asks to report: schemathesis requests / 5xx, Hypothesis examples / failures."""

from collections import Counter

FIGURES: Counter = Counter()


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.write_sep("-", "security figures")
        for key, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{key}: {value}")
