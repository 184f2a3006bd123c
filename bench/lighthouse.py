"""Lighthouse on every public page, mobile form factor: the four category scores per page.

The committed demo documents are indexed into a temporary folder (`library index`) and
served by a real `library serve --no-watch` on a free loopback port; Lighthouse (from the
npm registry, installed outside the repository) drives Debian's Chromium against each page.

    mkdir -p /tmp/lh && (cd /tmp/lh && npm i -E lighthouse@12.2.3)
    .venv/bin/python -m bench.lighthouse [--runs 3] [--lighthouse .../node_modules/.bin/lighthouse]

The goal (issue 14): accessibility, best practices and SEO 100, performance 95 or more, on
every page. Lighthouse's mobile run throttles the network and CPU (a slow 4G phone), so the
performance figure is the one that moves with the machine's load (its total blocking time
is the page's main-thread work measured, then multiplied for a phone); the others do not.
The first row is the reference: a minimal HTML page served beside the site's static files,
so its blocking time is what the browser and the machine add to any page in the same run.
Each page is run `--runs` times and the run with the median performance score is shown, as
Lighthouse's own documentation advises for variable machines.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from library.schema import doc_id_for

REPO = Path(__file__).resolve().parents[1]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Every kind of public page, as a visitor meets it.
PAGES = (
    "/",
    "/search?q=council+budget",
    "/search?q=council&type=minutes&type=policy",
    "/search?q=qwxzvbnm",
    "/documents/{doc}",
    "/documents/{doc}?q=complaint",
    "/guide",
    "/disclosure-log",
    "/request",
    "/request?q=agency+social+workers",
    "/request/contact",
)
COMPLAINTS = "policies-and-procedures/complaints-procedure.pdf"
# The reference, run first: a minimal HTML page (no stylesheet, no script) served by the same
# server. Whatever blocking time it gets is the browser's and the machine's, not the site's.
REFERENCE = "/static/reference.html"
REFERENCE_HTML = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="A page with nothing on it, for comparison.">
<title>Reference</title></head>
<body><main><h1>Reference</h1><p>A page with nothing on it, for comparison.</p></main></body>
</html>
"""


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def library(*args: str) -> list[str]:
    return [sys.executable, "-m", "library", *args]


def wait_until_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("library serve exited")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("library serve did not start")


def scores(lighthouse: str, url: str, out: Path) -> dict[str, int]:
    """The category scores (0-100) of one Lighthouse run on `url`, mobile form factor."""
    argv = [lighthouse, url, "--quiet", "--output=json", f"--output-path={out}"]
    argv += ["--form-factor=mobile", "--chrome-flags=--headless=new --no-sandbox"]
    argv += [f"--only-categories={','.join(CATEGORIES)}"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(3):
        # Lighthouse sometimes loses the trace of a load (NO_NAVSTART) on a busy machine.
        done = subprocess.run(argv, check=False, env=env, stdout=subprocess.DEVNULL)
        if done.returncode == 0:
            break
        if attempt == 2:
            done.check_returncode()
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def metrics(out: Path) -> str:
    """First and largest contentful paint, blocking time and layout shift, as Lighthouse
    simulates them on a throttled phone: where a performance score comes from."""
    audits = json.loads(out.read_text(encoding="utf-8"))["audits"]
    names = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
             "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}  # fmt: skip
    return " ".join(f"{short} {audits[a]['displayValue']}" for a, short in names.items())


def failing_audits(out: Path) -> list[str]:
    """The audits below full marks outside performance: what to fix when a score is short."""
    report = json.loads(out.read_text(encoding="utf-8"))
    weights = {
        ref["id"]
        for c in CATEGORIES[1:]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"]
    }
    return sorted(
        a for a in weights if (report["audits"][a].get("score") is not None)
        and report["audits"][a]["score"] < 1
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median shown)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        index = Path(scratch) / "index"
        documents = REPO / "documents"
        web = Path(scratch) / "web"
        shutil.copytree(REPO / "web", web)
        (web / "static" / "reference.html").write_text(REFERENCE_HTML, encoding="utf-8")
        subprocess.run(
            library("index", "--documents", str(documents), "--index", str(index)),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        serve = library("serve", "--no-watch", "--port", str(port))
        serve += ["--documents", str(documents), "--index", str(index)]
        env = {**os.environ, "LIBRARY_WEB_DIR": str(web)}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        with subprocess.Popen(serve, env=env, **quiet) as proc:
            try:
                wait_until_up(base, proc)
                emit("| page | " + " | ".join(CATEGORIES) + " | simulated phone | below 100 |")
                emit("|---|" + "---:|" * len(CATEGORIES) + "---|---|")
                for page in (REFERENCE, *PAGES):
                    path = page.format(doc=doc_id_for(COMPLAINTS))
                    runs = []
                    for n in range(args.runs):
                        out = Path(scratch) / f"report-{n}.json"
                        runs.append((scores(args.lighthouse, base + path, out), out))
                    runs.sort(key=lambda run: run[0]["performance"])
                    got, out = runs[len(runs) // 2]
                    row = " | ".join(str(got[c]) for c in CATEGORIES)
                    low = ", ".join(failing_audits(out)) or "-"
                    emit(f"| `{path}` | {row} | {metrics(out)} | {low} |")
            finally:
                proc.terminate()
                proc.wait(timeout=15)


if __name__ == "__main__":
    main()
