"""The staff area, mounted at /staff: status, problems, the unclassified queue, search
insight and uploads, behind a login.

Its session cookie (signed with `itsdangerous`, scoped to /staff, SameSite=Strict) is the only
cookie the site ever sets, and only for staff: the public pages set none.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route

from library.config import Settings
from library.librarian import LoginLimiter, secret_key
from library.web.staff.guard import LoginRequired
from library.web.staff.views import StaffViews

__all__ = ["SESSION_COOKIE", "staff_mount"]

SESSION_COOKIE = "library_staff"
SESSION_HOURS = 8


def staff_mount(settings: Settings, *, limiter: LoginLimiter | None = None) -> Mount:
    """The /staff mount for the public app's route list.

    Parameters:
        limiter: the login rate limiter (tests pass one with a fake clock).
    """
    views = StaffViews(settings, limiter)
    routes = [
        Route("/", views.dashboard, name="dashboard"),
        Route("/login", views.login_form, methods=["GET"], name="login"),
        Route("/login", views.login, methods=["POST"], name="login_post"),
        Route("/logout", views.logout, methods=["POST"], name="logout"),
        Route("/problems", views.problems, name="problems"),
        Route("/unclassified", views.unclassified, name="unclassified"),
        Route("/file", views.file, methods=["POST"], name="file"),
        Route("/insight", views.insight, name="insight"),
        Route("/pin", views.pin, methods=["POST"], name="pin"),
        Route("/synonym", views.synonym, methods=["POST"], name="synonym"),
        Route("/upload", views.upload_form, methods=["GET"], name="upload"),
        Route("/upload", views.upload, methods=["POST"], name="upload_post"),
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=secret_key(settings),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_HOURS * 3600,
            path="/staff",
            same_site="strict",
            https_only=settings.public_url.startswith("https://"),
        ),
        Middleware(LoginRequired),
    ]
    return Mount("/staff", routes=routes, middleware=middleware, name="staff")
