"""The consent banner: pure decision logic plus a thin Brython DOM layer.

Modules that import ``browser`` or ``javascript`` (``ui``, ``activate``,
``app``) run only under Brython; every other module is pure Python that
CPython imports and tests directly. This file stays empty on purpose: under
Brython importing ``banner.config`` runs it too.
"""
