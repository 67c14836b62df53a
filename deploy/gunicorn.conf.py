"""Gunicorn settings of one app server (``gunicorn -c deploy/gunicorn.conf.py``).

The systemd unit ``portal-web@PORT`` binds each instance to its own loopback
port; nginx (deploy/nginx/portal.conf.template) spreads requests over them.
Values an operator tunes come from the environment file (deploy/env.example).
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
# The unit gives each instance its address (--bind ${GUNICORN_HOST}:%i).
bind = "127.0.0.1:8001"
# Bookings wait on the database, not the CPU: two workers a core, at least two.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() * 2)))
# Workers fork from a master that has imported the project once: they start at
# once and share memory. Code changes need a restart (rolling, one server at a
# time behind nginx: see "Running in production" in README.md), not a HUP.
preload_app = True
# A request slower than this is stuck: the worker is replaced and nginx answers 502.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# nginx keeps connections to the app servers open (upstream keepalive).
keepalive = 75
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine talks to gunicorn; it sets X-Forwarded-For and -Proto.
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "portal-web"
