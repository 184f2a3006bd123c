"""The public site and the staff pages: thin views over `library.search` and
`library.librarian`, built by `create_app(settings)`; `worker_app` builds one from the
environment in each worker process of `library serve`, which prepares the `PageCache` they
share."""

from library.web.app import create_app
from library.web.page_cache import PageCache
from library.web.worker import worker_app

__all__ = ["PageCache", "create_app", "worker_app"]
