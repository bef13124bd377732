"""What the banner's Python sheds before it is compiled: docstrings and annotations.

Neither changes what the banner does (it never reads ``__doc__`` or
``__annotations__``), but Brython compiles both into the bundle: each
docstring as a string, each annotated function as an extra ``__annotate__``
function (PEP 649), about a tenth of the compiled banner.
"""

import ast


def docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


class _Annotations(ast.NodeTransformer):
    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.returns = None
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.stmt | None:
        if node.value is None:  # ``name: type`` alone binds nothing
            return None
        return ast.copy_location(ast.Assign(targets=[node.target], value=node.value), node)


def annotations(tree: ast.AST) -> ast.AST:
    """``tree`` without type hints; a bare ``x: int`` goes, ``x: int = 1`` becomes ``x = 1``."""
    tree = _Annotations().visit(tree)
    for node in ast.walk(tree):
        if getattr(node, "body", None) == []:  # a class that only declared fields
            node.body = [ast.Pass()]
    return ast.fix_missing_locations(tree)
