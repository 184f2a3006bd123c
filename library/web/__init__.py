"""The public site and the staff pages: thin views over `library.search` and
`library.librarian`, built by `create_app(settings)`."""

from library.web.app import create_app

__all__ = ["create_app"]
