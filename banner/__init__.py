"""The consent banner: pure decision logic plus a thin Brython DOM layer.

Modules that import ``browser`` or ``javascript`` run only under Brython:
``app`` (the entry point), ``api`` (``window.CookieConsent``), ``ui`` (the
dialogs), ``host_page`` (the page's blocked elements and cookies),
``consent_store`` (the cookie and the loader's verdict) and ``ledger_client``
(posting decisions). Every other module is pure Python that CPython imports
and tests directly; ``loader.js`` and ``loader_rules.js`` are the loader
(built by ``bundler``). This file stays empty on purpose: under Brython
importing ``banner.config`` runs it too.
"""
