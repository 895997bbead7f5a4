"""Production settings for bench/served.py's gunicorn, plus two things for the benchmark only:
the minimal one-row write view (bench/urls.py) and the per-request query count in response
headers (bench/middleware.py). Everything else comes from the environment as in production."""

from mcsp_tracker.settings import *  # noqa: F403
from mcsp_tracker.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryHeaders", *MIDDLEWARE]
