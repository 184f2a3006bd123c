"""The staff area, mounted at /staff: status, problems, the unclassified queue, documents
and their details, search insight, uploads and OCR, behind a login.

Its session cookie (signed with `itsdangerous`, scoped to /staff, SameSite=Strict) is the only
cookie the site ever sets, and only for staff: the public pages set none.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route

from library.config import Settings
from library.librarian import LoginLimiter, secret_key
from library.web.staff.actions import StaffActions
from library.web.staff.guard import LoginRequired

__all__ = ["SESSION_COOKIE", "staff_mount"]

SESSION_COOKIE = "library_staff"
SESSION_HOURS = 8


def staff_mount(settings: Settings, *, limiter: LoginLimiter | None = None) -> Mount:
    """The /staff mount for the public app's route list.

    Parameters:
        limiter: the login rate limiter (tests pass one with a fake clock).
    """
    views = StaffActions(settings, limiter)
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
        Route("/documents", views.documents, name="documents"),
        Route("/edit", views.edit_form, methods=["GET"], name="edit"),
        Route("/edit", views.edit, methods=["POST"], name="edit_post"),
        Route("/ocr", views.ocr, methods=["POST"], name="ocr"),
        Route("/jobs/{job_id}", views.job, name="job"),
        Route("/jobs/{job_id}/progress", views.job_progress, name="job_progress"),
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
