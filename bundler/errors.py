"""The one error every build step raises: what is wrong, and where."""

from pathlib import Path


class BuildError(Exception):
    """The banner cannot be bundled as it is.

    ``file`` and ``line`` point at the input to fix (a banner module, the
    loader, brython.js) when the step knows them; ``str()`` reads like a
    compiler's message, ``banner/ui.py:12: invalid syntax``.
    """

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        where = _shown(Path(self.file)) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


def _shown(path: Path) -> str:
    """A path relative to the working directory where it can be, as editors link it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
