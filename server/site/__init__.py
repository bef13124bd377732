"""The site config: validation at start-up and the ``/api/config`` route."""

from .rules import Site as Site
from .rules import SiteConfigError as SiteConfigError
from .rules import current_site as current_site
from .rules import init_app as init_app
from .rules import load_site as load_site
from .rules import site_of as site_of
from .views import bp as bp
