"""The staff area: nothing without a login, forms that need their token, and the two writes
(filing and upload) that put files into the drop folder and nothing else."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from starlette.routing import Mount
from starlette.testclient import TestClient

from library.config import Settings
from library.indexing import indexer
from library.librarian.auth import (
    LoginLimiter,
    csrf_ok,
    csrf_token,
    hash_password,
    secret_key,
    verify_password,
)
from library.librarian.filing import FilingError, file_into_class, safe_filename, save_upload
from library.web.app import create_app
from library.web.staff import SESSION_COOKIE
from tests.conftest import run_cli

PASSWORD = "correct horse battery staple"
MakePdf = Callable[..., Path]


@pytest.fixture
def staff_settings(settings: Settings, make_pdf: MakePdf) -> Settings:
    make_pdf("decisions/minutes.pdf", ["The committee resolved to approve the budget"])
    make_pdf("services/bins.pdf", ["Bin collection days and recycling for residents"])
    loose = make_pdf("loose-minutes.pdf", ["The committee resolved to approve the minutes"])
    loose.with_name("loose-minutes.pdf.toml").write_text('title = "Loose minutes"\n')
    indexer.sync(settings)
    return settings.with_values(
        {"staff_password_hash": hash_password(PASSWORD), "upload_max_mb": 0.1}
    )


@pytest.fixture
def client(staff_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(staff_settings), follow_redirects=False) as c:
        yield c


def token(client: TestClient, path: str = "/staff/login") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: TestClient, password: str = PASSWORD, user: str = "librarian") -> httpx.Response:
    return client.post(
        "/staff/login", data={"csrf": token(client), "user": user, "password": password}
    )


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def staff_routes(client: TestClient) -> list[tuple[str, str]]:
    app = client.app
    mount = next(r for r in app.routes if isinstance(r, Mount) and r.name == "staff")  # type: ignore[attr-defined]
    return [
        (method, "/staff" + route.path)
        for route in mount.routes
        for method in sorted(route.methods or ())  # type: ignore[attr-defined]
        if method != "HEAD"
    ]


# -- the door --------------------------------------------------------------------------


def test_no_staff_route_answers_without_login(client: TestClient) -> None:
    routes = staff_routes(client)
    assert len(routes) >= 10
    for method, path in [*routes, ("GET", "/staff"), ("GET", "/staff/anything")]:
        response = client.request(method, path)
        if path == "/staff/login":
            assert response.status_code in (200, 403), path  # the door itself
            continue
        if method == "GET":
            assert response.status_code in (303, 307), (method, path)
            assert response.headers["location"].startswith(
                ("/staff/login", "http://testserver/staff")
            )
        else:
            assert response.status_code == 403, (method, path)
        assert "Bin collection" not in response.text and "loose-minutes" not in response.text


def test_login_opens_every_page_and_logout_closes_them(client: TestClient) -> None:
    response = login(client)
    assert response.status_code == 303 and response.headers["location"] == "/staff/"
    for path in ("/staff/", "/staff/problems", "/staff/unclassified", "/staff/insight"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["cache-control"] == "no-store"
    logout = client.post("/staff/logout", data={"csrf": token(client, "/staff/")})
    assert logout.status_code == 303
    assert client.get("/staff/").status_code == 303


def test_wrong_password_or_user_is_refused(client: TestClient) -> None:
    assert login(client, "wrong").status_code == 401
    assert login(client, user="admin").status_code == 401
    assert client.get("/staff/").status_code == 303


def test_without_a_configured_hash_nobody_can_log_in(settings: Settings) -> None:
    with TestClient(create_app(settings), follow_redirects=False) as c:
        assert "Staff login is not set up yet" in c.get("/staff/login").text
        assert login(c, "").status_code in (401, 422)
        assert login(c, "anything").status_code == 401


def test_login_is_rate_limited_per_user_name(client: TestClient) -> None:
    for _ in range(5):
        assert login(client, "guess").status_code == 401
    blocked = login(client)  # even the right password, for now
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert login(client, user="someone-else").status_code == 401


def test_limiter_forgets_failures_after_its_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(max_failures=2, window=60, clock=lambda: now[0])
    limiter.failed("Ann")
    limiter.failed("ann")
    assert not limiter.allowed("ANN") and limiter.retry_after("ann") == 60
    now[0] = 61
    assert limiter.allowed("ann")
    limiter.failed("ann")
    limiter.succeeded("ann")
    assert limiter.allowed("ann")


def test_forms_without_the_right_token_are_refused(
    client: TestClient, staff_settings: Settings
) -> None:
    no_token = client.post("/staff/login", data={"user": "librarian", "password": PASSWORD})
    assert no_token.status_code == 403
    assert login(client).status_code == 303
    before = files_in(staff_settings.documents_dir)
    forged = client.post(
        "/staff/file",
        data={"csrf": "forged", "path": "loose-minutes.pdf", "class": "decisions"},
    )
    assert forged.status_code == 403
    assert client.post("/staff/logout", data={}).status_code == 403
    assert files_in(staff_settings.documents_dir) == before


def test_session_cookie_is_signed_scoped_and_the_public_gets_none(client: TestClient) -> None:
    first = client.get("/staff/login")
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "path=/staff" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    login(client)
    for path in ("/", "/search?q=budget", "/guide"):
        assert "set-cookie" not in client.get(path).headers, path
    # A forged cookie (unsigned, claiming a user) is no session at all.
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, "eyJzdGFmZl91c2VyIjogImxpYnJhcmlhbiJ9.x.y", path="/staff")
    assert client.get("/staff/").status_code == 303


# -- filing ------------------------------------------------------------------------------


def test_file_into_the_suggested_class_in_one_click(
    client: TestClient, staff_settings: Settings
) -> None:
    login(client)
    queue = client.get("/staff/unclassified").text
    assert "File into How we make decisions" in queue
    form = re.search(r'<form method="post" action="/staff/file".*?</form>', queue, re.S)
    assert form is not None
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(0)))
    assert fields["path"] == "loose-minutes.pdf" and fields["class"] == "decisions"
    done = client.post("/staff/file", data=fields)
    assert done.status_code == 303
    docs = staff_settings.documents_dir
    assert (docs / "decisions/loose-minutes.pdf").is_file()
    assert (docs / "decisions/loose-minutes.pdf.toml").read_text() == 'title = "Loose minutes"\n'
    assert not (docs / "loose-minutes.pdf").exists()
    assert (
        "Filed loose-minutes.pdf as decisions/loose-minutes.pdf"
        in client.get("/staff/unclassified").text
    )
    # The watcher (here: one sync) does the rest.
    indexer.sync(staff_settings)
    status = json.loads(run_cli(staff_settings, "status", "--json").output)
    assert status["unclassified"] == [] and status["classes"]["decisions"] == 2


def test_filing_never_overwrites(staff_settings: Settings, make_pdf: MakePdf) -> None:
    existing = make_pdf("decisions/loose-minutes.pdf", ["Another document with that name"])
    before = existing.read_bytes()
    with pytest.raises(FilingError, match="already has a file named"):
        file_into_class(staff_settings, "loose-minutes.pdf", "decisions")
    assert existing.read_bytes() == before
    assert (staff_settings.documents_dir / "loose-minutes.pdf").is_file()


@pytest.mark.parametrize(
    ("path", "pub_class"),
    [
        ("../outside.pdf", "decisions"),
        ("decisions/minutes.pdf", "services"),  # already classified
        ("loose-minutes.pdf", "not-a-class"),
        ("loose-minutes.pdf.toml", "decisions"),
        ("missing.pdf", "decisions"),
    ],
)
def test_filing_refuses_what_is_not_an_unclassified_document(
    staff_settings: Settings, path: str, pub_class: str
) -> None:
    before = files_in(staff_settings.documents_dir)
    with pytest.raises(FilingError):
        file_into_class(staff_settings, path, pub_class)
    assert files_in(staff_settings.documents_dir) == before


# -- upload ------------------------------------------------------------------------------


def upload(
    client: TestClient, content: bytes, name: str = "Budget 2025 (final).PDF", **fields: str
) -> httpx.Response:
    data = {"csrf": token(client, "/staff/upload"), "class": "what-we-spend", **fields}
    return client.post(
        "/staff/upload", data=data, files={"file": (name, content, "application/pdf")}
    )


def test_upload_of_a_non_pdf_writes_nothing(client: TestClient, staff_settings: Settings) -> None:
    login(client)
    before = files_in(staff_settings.documents_dir)
    response = upload(client, b"<html>not a pdf</html>" * 10, "sneaky.pdf")
    assert response.status_code == 400 and "not a PDF" in response.text
    assert files_in(staff_settings.documents_dir) == before


def test_upload_over_the_size_limit_writes_nothing(
    client: TestClient, staff_settings: Settings
) -> None:
    login(client)
    before = files_in(staff_settings.documents_dir)
    response = upload(client, b"%PDF-1.4\n" + b"0" * 300_000)
    assert response.status_code == 413
    assert files_in(staff_settings.documents_dir) == before


def test_upload_of_a_real_pdf_becomes_searchable(
    client: TestClient, staff_settings: Settings, make_pdf: MakePdf, tmp_path: Path
) -> None:
    source = make_pdf("../incoming.pdf", ["Gritting routes for the winter of 2025"])
    login(client)
    response = upload(
        client,
        source.read_bytes(),
        title='Winter "gritting" plan\nnew line',
        summary="Which roads we grit",
    )
    assert response.status_code == 303, response.text
    target = staff_settings.documents_dir / "what-we-spend" / "budget-2025-final.pdf"
    assert target.read_bytes() == source.read_bytes()
    sidecar = target.with_name(target.name + ".toml").read_text()
    assert 'title = "Winter \\"gritting\\" plan new line"' in sidecar
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]
    indexer.sync(staff_settings)  # what the watcher does with any dropped file
    body = json.loads(run_cli(staff_settings, "search", "gritting routes", "--json").output)
    assert [(h["path"], h["title"]) for h in body["results"]] == [
        ("what-we-spend/budget-2025-final.pdf", 'Winter "gritting" plan new line')
    ]
    # The same name again gets a new name; nothing is overwritten.
    assert upload(client, source.read_bytes()).status_code == 303
    assert (target.parent / "budget-2025-final-2.pdf").is_file()


def test_save_upload_refuses_an_unknown_class_and_cleans_up(staff_settings: Settings) -> None:
    before = files_in(staff_settings.documents_dir)
    with pytest.raises(FilingError):
        save_upload(staff_settings, [b"%PDF-1.4"], "x.pdf", "../etc")
    with pytest.raises(FilingError, match="larger than"):
        save_upload(staff_settings, [b"%PDF-", b"0" * 200_000], "x.pdf", "services")
    assert files_in(staff_settings.documents_dir) == before


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\me\\Budget 2025 (final).PDF", "budget-2025-final.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("Café menu.pdf", "cafe-menu.pdf"),
        ("....pdf", "document.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_upload_names_are_made_safe(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


# -- insight -----------------------------------------------------------------------------


def test_insight_page_shows_the_chart_and_what_was_not_found(client: TestClient) -> None:
    for q in ("budget", "budget", "dog fouling"):
        client.get("/search", params={"q": q})
    login(client)
    page = client.get("/staff/insight", params={"days": "7"}).text
    assert "3 searches, 1 found no answer (33%)" in page
    assert "<svg" in page and "<script" not in page
    assert re.search(r"<title>\d{4}-\d\d-\d\d: 3 searches, 1 found no answer</title>", page)
    nothing = page.split("Searches that found no answer", 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<th scope=\"row\">([^<]+)</th>", nothing) == ["dog fouling"]


# -- the pieces --------------------------------------------------------------------------


def test_password_hashes_are_salted_and_verify() -> None:
    first, second = hash_password("pw"), hash_password("pw")
    assert first != second and verify_password("pw", first) and verify_password("pw", second)
    assert not verify_password("pw ", first)
    for broken in ("", "plain", "scrypt$1$2$3$x$y", first.replace("scrypt", "md5")):
        assert not verify_password("pw", broken)


def test_generated_session_key_is_private_and_stable(settings: Settings) -> None:
    key = secret_key(settings)
    path = settings.index_dir / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) >= 40
    assert secret_key(settings) == key
    assert secret_key(settings.with_values({"secret_key": "from-settings"})) == "from-settings"


def test_csrf_tokens() -> None:
    session: dict[str, object] = {}
    tok = csrf_token(session)
    assert csrf_token(session) == tok and csrf_ok(session, tok)
    assert not csrf_ok(session, tok + "x") and not csrf_ok(session, None)
    assert not csrf_ok({}, tok)


# -- closing the gaps: pins and synonyms from the insight page ----------------------------


def test_a_librarian_pins_a_document_to_a_search_that_found_no_answer(
    client: TestClient, staff_settings: Settings
) -> None:
    client.get("/search", params={"q": "wheelie bin day"})
    login(client)
    page = client.get("/staff/insight").text
    gaps = page.split("Searches that found no answer", 1)[1].split("</table>", 1)[0]
    assert "wheelie bin day" in gaps and "Pin as the answer" in gaps
    forged = client.post(
        "/staff/pin", data={"csrf": "forged", "search": "x", "document": "services/bins.pdf"}
    )
    assert forged.status_code == 403 and not staff_settings.curated_path.exists()
    data = {"csrf": token(client, "/staff/insight"), "search": "wheelie bin day"}
    response = client.post("/staff/pin", data={**data, "document": "services/bins.pdf"})
    assert response.status_code == 303
    assert staff_settings.curated_path.read_text() == "wheelie bin day => services/bins.pdf\n"
    body = client.get("/api/search", params={"q": "wheelie bin day"}).json()
    first = body["results"][0]
    assert (first["path"], first["match"], first["curated"]) == (
        "services/bins.pdf",
        "strong",
        True,
    )
    assert body["answered"] is True
    html = client.get("/search", params={"q": "wheelie bin day"}).text
    assert "Recommended answer" in html


def test_a_pin_must_name_a_published_document(client: TestClient, staff_settings: Settings) -> None:
    login(client)
    data = {"csrf": token(client, "/staff/insight"), "search": "bins"}
    for document in ("services/nope.pdf", "../secret.pdf"):
        response = client.post("/staff/pin", data={**data, "document": document})
        assert response.status_code == 400, document
    assert not staff_settings.curated_path.exists()


def test_a_librarian_adds_a_synonym_and_the_next_search_uses_it(
    client: TestClient, staff_settings: Settings
) -> None:
    assert client.get("/api/search", params={"q": "refuse"}).json()["total"] == 0
    login(client)
    data = {"csrf": token(client, "/staff/insight"), "search": "refuse", "synonym": "bin"}
    assert client.post("/staff/synonym", data=data).status_code == 303
    written = staff_settings.local_synonyms.read_text()
    assert written.endswith("refuse, bin\n") and "freedom of information" in written
    body = client.get("/api/search", params={"q": "refuse"}).json()
    assert body["results"][0]["path"] == "services/bins.pdf"
    bad = {**data, "synonym": "a, b"}
    assert client.post("/staff/synonym", data=bad).status_code == 400
