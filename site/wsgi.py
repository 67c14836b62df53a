"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
application = get_wsgi_application()

# Load the Chinese word lists now, not in a resident's first search.
from search.text import warm_up  # noqa: E402

warm_up()
