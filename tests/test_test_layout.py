"""The tests mirror the code: shared helpers live in helpers modules, conftest.py holds only
fixtures and pytest hooks, and nothing imports from a conftest module."""

import ast
import re
from pathlib import Path

TESTS = Path(__file__).parent
# A dotted path such as settings.MAILERS' "BACKEND" imports the module too.
DOTTED_PATH_INTO_CONFTEST = re.compile(r"^\w+(\.\w+)*\.conftest\.\w+$")


def is_conftest(module: str | None) -> bool:
    return module is not None and module.split(".")[-1] == "conftest"


def conftest_imports(source: str) -> list[str]:
    """Each import from a conftest module in this source, as `line: module`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            modules = [node.module] + [f"{node.module or ''}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            dotted_path = DOTTED_PATH_INTO_CONFTEST.match(node.value)
            modules = [node.value.rsplit(".", 1)[0]] if dotted_path else []
        else:
            continue
        found += [f"{node.lineno}: {module}" for module in modules if is_conftest(module)]
    return found


def is_fixture(decorator: ast.expr) -> bool:
    """@pytest.fixture, @pytest.fixture(...), @fixture or @fixture(...)."""
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    return (isinstance(decorator, ast.Attribute) and decorator.attr == "fixture") or (
        isinstance(decorator, ast.Name) and decorator.id == "fixture"
    )


def not_fixtures_or_hooks(source: str) -> list[str]:
    """The top-level functions, classes and constants a conftest.py should not hold."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not (node.name.startswith("pytest_") or any(map(is_fixture, node.decorator_list))):
                found.append(f"{node.lineno}: function {node.name}")
        elif isinstance(node, ast.ClassDef):
            found.append(f"{node.lineno}: class {node.name}")
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            found.append(f"{node.lineno}: constant {ast.unparse(target)}")
    return found


def test_no_test_file_imports_from_a_conftest():
    """Helpers are imported from a helpers module; pytest alone loads conftest.py files."""
    found = {
        str(path.relative_to(TESTS)): imports
        for path in sorted(TESTS.rglob("*.py"))
        if (imports := conftest_imports(path.read_text()))
    }
    assert found == {}


def test_conftest_files_hold_only_fixtures_and_pytest_hooks():
    """Plain functions, classes and constants belong in the helpers module beside it."""
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("conftest.py"))
        if (names := not_fixtures_or_hooks(path.read_text()))
    }
    assert found == {}


def test_the_checks_catch_what_they_are_meant_to():
    """Each way of reaching into a conftest module, and each kind of helper left in one, is
    found; fixtures, hooks and helpers modules are not."""
    imports = """
from tests.appointments.conftest import good_answers
from tests import conftest
import tests.conftest
from .conftest import PASSWORD
from tests.appointments.helpers import good_answers
BACKEND = "tests.appointments.conftest.BrokenMailer"
NOTE = "see tests/staff/conftest.py"
"""
    assert conftest_imports(imports) == [
        "2: tests.appointments.conftest",
        "3: tests.conftest",
        "4: tests.conftest",
        "5: conftest",
        "7: tests.appointments.conftest",
    ]
    conftest = """
import pytest
from pytest import fixture
PASSWORD = "x"
def fresh_code(device): ...
class Inbox: ...
@pytest.fixture
def a(): ...
@pytest.fixture(scope="session")
def b(): ...
@fixture
def c(): ...
def pytest_collection_modifyitems(items): ...
"""
    assert not_fixtures_or_hooks(conftest) == [
        "4: constant PASSWORD",
        "5: function fresh_code",
        "6: class Inbox",
    ]
