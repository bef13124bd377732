"""``/consent.js``: the banner bundle with the site config baked in."""

from .asset import BundleAsset as BundleAsset
from .asset import BundleUnavailable as BundleUnavailable
from .views import bp as bp
from .views import init_app as init_app
