"""Monthly report (this file has a syntax error on purpose, as FlaskApp's file_processor.py has)."""
from typing import Protocol


class Printer(Protocol):
    def line(self, text: str) -> None:
        \"\"\"Prints one line."""
        ...
