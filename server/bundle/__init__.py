"""``/consent.js`` (the loader, with the site config baked in) and the runtime it loads."""

from .asset import Bundle as Bundle
from .asset import BundleUnavailable as BundleUnavailable
from .views import bp as bp
from .views import init_app as init_app
