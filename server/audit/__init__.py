"""``flask --app server consent audit URL``: which cookies, storage keys and requests a
live site sets or sends in three states (no choice, "Reject all", "Accept all"), checked
against the site config's cookie tables and the Open Cookie Database.

``crawler`` drives Chromium (I/O), ``classifier`` and ``draft`` are pure, ``reports``
writes the terminal table, JSON and HTML, ``cli`` wires them into the ``consent`` group.
"""
