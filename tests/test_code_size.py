"""Every module and function of scripts/ can be read whole: no module over 300 lines, no function over 40."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
MODULE_LINES = 300
FUNCTION_LINES = 40


def _modules() -> list[Path]:
    return sorted(SCRIPTS.rglob("*.py"))


def _name(path: Path, root: Path = SCRIPTS) -> str:
    return path.relative_to(root).as_posix()


def _too_long(path: Path, root: Path = SCRIPTS) -> list[str]:
    """What in one module is over a limit, each with its length."""
    text = path.read_text(encoding="utf-8")
    name = _name(path, root)
    found = [f"{name}: {len(text.splitlines())} lines"] if len(text.splitlines()) > MODULE_LINES else []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return found


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_module_over_300_lines_and_no_function_over_40(path):
    assert _too_long(path) == []


def test_the_measure_sees_a_long_module_and_a_long_function(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * FUNCTION_LINES + "y = 2\n" * (MODULE_LINES - FUNCTION_LINES), encoding="utf-8")
    short = tmp_path / "short.py"
    short.write_text("def f():\n" + "    x = 1\n" * (FUNCTION_LINES - 1), encoding="utf-8")
    assert _too_long(long, tmp_path) == [f"long.py: {MODULE_LINES + 1} lines", f"long.py:1 f: {FUNCTION_LINES + 1} lines"]
    assert _too_long(short, tmp_path) == []
