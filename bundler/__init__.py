"""The build: the banner's Python and the Brython runtime turned into what a browser loads.

One module per step, run in this order by ``python -m bundler``:

- ``modules``: read ``banner/*.py``, check every import resolves in the bundle,
  drop docstrings and annotations (``strip``);
- ``compile``: Brython's own compiler, in an embedded V8 (``v8``), turns each
  module into JavaScript;
- ``prune``: cut from brython.js and the compiled modules what only compiling
  or tracebacks need;
- ``minify``: terser renames locals and drops dead code;
- ``runtime`` and ``loader`` assemble the two scripts, ``build`` writes them.

Every step raises ``BuildError``, naming the file and line to fix. The Flask
app imports none of this: it serves what ``build/`` holds.
"""

from bundler.errors import BuildError as BuildError
