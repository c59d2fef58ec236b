"""Where the project's files live, found from this file rather than the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PACKAGE = ROOT / "datapackage" / "datapackage.json"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def display_path(path: Path) -> str:
    """A path as a contributor reads it: relative to the working directory when inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
