"""The package as installed: its stubs match the native module, and it is typed."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import verbatim
from verbatim import _verbatim

PACKAGE = Path(verbatim.__file__).parent


def stub_parameters() -> dict:
    """The parameter names of each function and method of ``_verbatim.pyi``."""
    tree = ast.parse((PACKAGE / "_verbatim.pyi").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for f in node.body:
                if isinstance(f, ast.FunctionDef) and not any(getattr(d, "id", "") == "property" for d in f.decorator_list):
                    found[f"{node.name}.{f.name}"] = [a.arg for a in f.args.args if a.arg != "self"]
        elif isinstance(node, ast.FunctionDef) and node.col_offset == 0:
            found[node.name] = [a.arg for a in node.args.args]
    return found


def test_the_stubs_match_the_native_module() -> None:
    stubs = stub_parameters()
    assert set(stubs) == {"extract_files", "compare_files", "check_files", "extract", "Checker.__init__", "Checker.check", "Checker.check_text"}
    for name, params in stubs.items():
        owner, _, attr = name.rpartition(".")
        obj = getattr(_verbatim, owner) if owner else _verbatim
        target = obj if attr == "__init__" else getattr(obj, attr)
        actual = [p for p in inspect.signature(target).parameters if p != "self"]
        assert actual == params, name


def test_the_package_is_typed_and_documented() -> None:
    assert (PACKAGE / "py.typed").is_file()
    for name in verbatim.__all__:
        assert getattr(verbatim, name).__doc__, name
    for method in (verbatim.Checker.check, verbatim.Checker.check_text, verbatim.Checker.__init__):
        assert method.__doc__
    assert verbatim.__version__
