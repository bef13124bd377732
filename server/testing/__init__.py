"""Consent testing for a site's own Playwright suite (the ``consent`` pytest plugin).

Needs only the installed package, a consent server URL and a site URL:
``pytest --consent-server URL --site-url URL``. The plugin's fixtures live in
``plugin``; what they hand out is defined here, one idea a module.
"""

from .banner import ConsentBanner as ConsentBanner
from .banner import button_names as button_names
from .recorder import Recorder as Recorder
from .site import ConsentSite as ConsentSite
from .state import stored_consent_cookie as stored_consent_cookie
