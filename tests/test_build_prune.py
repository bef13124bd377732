import pytest

from server import build, prune
from server.minify import MinifyError

RUNTIME = """
var __BRYTHON__ = {ast: {Name: function () {}}};
(function ($B) {
  function helper() { return "generated"; }
  $B.ast.Name.prototype.to_js = function () { return helper(); };
  $B.keep = function () { return "runs"; };
})(__BRYTHON__);
"""


def test_compile_only_assignments_go_and_the_rest_stays():
    cut = prune.compile_only_parts_cut(RUNTIME, ("$B.ast.*.prototype.to_js",))
    assert "prototype.to_js" not in cut
    assert '$B.keep = function () { return "runs"; };' in cut
    assert "function helper()" in cut  # terser drops it later, unused


def test_a_target_brython_no_longer_assigns_fails_the_build():
    with pytest.raises(MinifyError, match=r"assigns no \$B.gone"):
        prune.compile_only_parts_cut(RUNTIME, ("$B.keep", "$B.gone"))


def test_the_bundled_runtime_has_no_code_generator_nor_tokenizer():
    runtime = prune.compile_only_parts_cut(build.browser_runtime(build.runtime_source()))
    assert ".prototype.to_js=" not in runtime
    assert "$B.tokenizer=" not in runtime
    assert "$B.whenReady=" in runtime
