"""The admin dashboard behind CONSENT_ADMIN_TOKEN."""

from .views import bp as bp
