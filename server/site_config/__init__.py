"""The site config: validation at start-up and the ``/api/config`` route."""

from .site import Site as Site
from .site import SiteConfigError as SiteConfigError
from .site import current_site as current_site
from .site import init_app as init_app
from .site import load_site as load_site
from .site import site_of as site_of
from .views import bp as bp
