"""The privacy and cookie policy: a versioned NL/EN source and the pages serving it."""

from .source import PolicySourceError as PolicySourceError
from .source import load_library as load_library
from .views import bp as bp
from .views import init_app as init_app
