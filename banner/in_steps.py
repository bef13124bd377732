"""Work cut into steps: a generator that yields between them and returns the result.

Under Brython the banner runs each step in a task of its own (``banner/app.py``),
so no check holds the page for long; the server, and any caller that wants the
result at once, runs them all here.
"""


def finished(steps):
    """What the generator ``steps`` returns, once every step has run."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value
