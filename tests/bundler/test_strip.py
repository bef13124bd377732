import ast

import pytest

from bundler import strip


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "def f(a: int, *b: str, c: 'x' = 1, **d: dict) -> bool:\n    return a",
            "def f(a, *b, c=1, **d):\n    return a",
        ),
        ("x: int = 1", "x = 1"),
        ("self.x: int = 1", "self.x = 1"),
        ("x: int\ny = 2", "y = 2"),
        ("class Point:\n    x: int\n    y: int", "class Point:\n    pass"),
        ("async def f() -> None:\n    pass", "async def f():\n    pass"),
    ],
)
def test_annotations_go_and_values_stay(source, expected):
    assert ast.unparse(strip.annotations(ast.parse(source))) == expected


def test_stripped_code_still_compiles():
    source = "class C:\n    x: int\n\ndef f(v: int) -> int:\n    return v"
    tree = strip.annotations(ast.parse(source))
    namespace = {}
    exec(compile(tree, "<stripped>", "exec"), namespace)
    assert namespace["f"](3) == 3 and namespace["f"].__annotations__ == {}


def test_docstrings_go_and_an_emptied_body_gets_a_pass():
    source = 'def f():\n    """Why."""\n\nclass C:\n    """Doc."""\n    x = 1'
    tree = strip.docstrings(ast.parse(source))
    assert ast.unparse(tree) == "def f():\n    pass\n\nclass C:\n    x = 1"
