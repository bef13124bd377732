"""Consent testing for a site's own Playwright suite (the ``consent`` pytest plugin).

Needs only the installed package, a consent server URL and a site URL:
``pytest --consent-server URL --site-url URL``. The fixtures live in ``plugin``;
what they hand out in ``banner``, ``recorder``, ``site`` and ``state``. Nothing is
imported here, so the server can use ``browser`` without Playwright installed.
"""
