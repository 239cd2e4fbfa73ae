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


def test_the_readmes_python_examples_run(capsys) -> None:
    """The README's Python section: each example runs, and the hook holds the example draft back."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it from Python", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```python\n")[1:]]
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "1 Ana Ruiz We will rebuild," in out
    assert "examples/drafts/pier-draft.txt:11:69: unsupported: no source holds these words" in out
