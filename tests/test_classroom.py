"""The classroom app (`python3 run.py classroom`): the explorer served by Voila, its limits and who
can reach it.

Each server test starts the real command on a free port (no browser of its own, Voila's log at
INFO so the culler's lines can be checked) and stops it by its PID (then its process group, for
any kernel left behind). Kernels are counted as the server's child processes.
- In Chromium, with every request beyond the server refused and recorded: the explorer appears,
  with no "Loading widget", no error, no console error and no code (neither shown nor sent);
  the kernel culler runs with the documented settings; ArrowRight on the first kickback-slider
  changes the kickback-figure picture.
- Plain GETs past --max-kernels get the "class is full" page (HTTP 503) and no kernel; the
  kernels of pages that never connected are shut down after --unconnected-timeout, which frees
  their places; a page open in Chromium outlives that timeout and still works.
- Nothing but the explorer is served: no kernel list, no /tree, /lab or contents API, no file
  of the course.
- --ip 0.0.0.0 makes a token and prints a link to share; without the token every page answers
  with the login redirect and no kernel starts; the token is never on a command line.
Timings are printed, not asserted.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from conftest import REPO_ROOT
from test_browser import (
    FIGURE_IMAGES,
    free_loopback_port,
    launched_chromium,
    record_page_problems,
    stop_process,
)


def load_script(path: Path):
    """The script at `path` as a module (scripts/ is not a package), for its documented settings."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve_classroom = load_script(REPO_ROOT / "scripts" / "serve_classroom.py")

SERVER_START_TIMEOUT_S = 120
EXPLORER_TIMEOUT_S = 180  # a new kernel, the kickback import and the first render, on 2 cores
PAGE_TIMEOUT_S = 240  # a plain GET streams until the notebook has run
SLIDER_TIMEOUT_S = 30
CULL_TIMEOUT_S = 90
LOCAL_SCHEMES = ("data", "blob", "about")
FULL_TEXT = "The class is full"

# Paths that must not answer with content (after redirects): the server's APIs beyond the one
# page, Jupyter's own pages, and the course's files.
NOT_SERVED = [
    "/api/kernels",
    "/api/kernels/00000000-0000-0000-0000-000000000000",
    "/api/sessions",
    "/api/contents",
    "/api/contents/README.md",
    "/api/terminals",
    "/tree",
    "/lab",
    "/notebooks/trainers/classroom_explorer.ipynb",
    "/files/README.md",
    "/README.md",
    "/run.py",
    "/voila/files/README.md",
    "/voila/files/run.py",
    "/voila/files/notebooks/trainers/classroom_explorer.ipynb",
    "/voila/files/data",
    "/voila/tree",
    "/voila/render/notebooks/00_start_here.ipynb",
    "/voila/api/contents",
    "/voila/static/../../run.py",
    "/voila/templates/../../run.py",
]

JS_PROBLEMS = r"""
() => {
  const problems = [];
  const text = document.body.innerText;
  if (text.includes('Loading widget')) problems.push('"Loading widget" is shown');
  if (/Error displaying widget|There was an error when executing cell|Traceback/.test(text))
    problems.push('an error is shown: ' + text.slice(0, 300).replace(/\s+/g, ' '));
  if (document.querySelector('.jupyter-widgets-error-widget, .widget-error, ' +
      '[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type="application/vnd.jupyter.error"]'))
    problems.push('an error output is on the page');
  const inputs = Array.from(document.querySelectorAll(
      '.jp-InputArea, .jp-Cell-inputWrapper, .CodeMirror, .cm-editor'))
    .filter((node) => node.offsetParent !== null && node.closest('.jp-CodeCell'));
  if (inputs.length) problems.push(inputs.length + ' code cell inputs are visible');
  return problems;
}
"""

LOADING_TIMEOUT_S = 60
PRESENT_PICTURE_PX = 660  # kickback.widgets.explorer.PRESENT_PICTURE_PX (not imported: no ipywidgets here)

JS_LOADING = r"""
() => {
  const loading = document.getElementById('loading');
  const bar = document.getElementById('kickback-progress');
  return {text: loading ? loading.innerText : '', progress: bar ? bar.value : null};
}
"""

# At 1280 px wide: every button shows its whole label, the picture is shown at its full projector
# width, and no loading message is left once the explorer is there.
JS_PROJECTOR_PROBLEMS = r"""
(pictureWidth) => {
  const problems = [];
  for (const button of document.querySelectorAll('.kickback-explorer button')) {
    const label = button.innerText.trim();
    if (button.scrollWidth > button.clientWidth + 1)
      problems.push(`button "${label}" is cut: ${button.scrollWidth} px in ${button.clientWidth} px`);
  }
  const picture = document.querySelector('.kickback-explorer img.kickback-figure');
  if (!picture) problems.push('no picture in the explorer');
  else if (Math.abs(picture.getBoundingClientRect().width - pictureWidth) > 1)
    problems.push(`the picture is ${picture.getBoundingClientRect().width} px wide, not ${pictureWidth}`);
  for (const id of ['loading', 'kickback-waiting']) {
    const node = document.getElementById(id);
    if (node && node.offsetParent !== null) problems.push(`#${id} is still shown beside the explorer`);
  }
  return problems;
}
"""


# --------------------------------------------------------------------------------------------
# Helpers: the server, HTTP, kernels
# --------------------------------------------------------------------------------------------


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def classroom_server(tmp_path: Path, *args: str):
    """`run.py classroom ARGS` on a free port, until it listens; yields a dict describing it."""
    port = free_loopback_port()
    log_path = tmp_path / "voila.log"
    env = dict(
        os.environ,
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        IPYTHONDIR=str(tmp_path / "ipython"),
    )
    command = [
        sys.executable,
        str(REPO_ROOT / "run.py"),
        "classroom",
        "--port",
        str(port),
        "--no-browser",
        *args,
        "--Voila.log_level=INFO",
    ]
    start = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_text() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""

    def log_tail(lines: int = 40) -> str:
        return "\n".join(log_text().splitlines()[-lines:])

    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not port_open(port):
            if process.poll() is not None:
                pytest.fail(f"`run.py classroom` exited with code {process.returncode}:\n{log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Voila did not listen on port {port} within {SERVER_START_TIMEOUT_S} s:\n{log_tail()}"
                )
            time.sleep(0.25)
        yield {
            "url": f"http://127.0.0.1:{port}/",
            "port": port,
            "process": process,
            "log": log_path,
            "log_text": log_text,
            "log_tail": log_tail,
            "started": start,
            "listening_s": time.monotonic() - start,
        }
    finally:
        stop_process(process)


@pytest.fixture
def classroom(tmp_path: Path):
    with classroom_server(tmp_path) as server:
        yield server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, method: str = "GET", follow: bool = True, timeout: float = PAGE_TIMEOUT_S):
    """(status, headers, body) of a request to the local server, never through a proxy."""
    handlers = [urllib.request.ProxyHandler({})] + ([] if follow else [NoRedirect()])
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def kernel_pids(process: subprocess.Popen) -> list[int]:
    """The server's kernels: its child processes running ipykernel."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    pids = []
    for child in children:
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                pids.append(child.pid)
        except psutil.Error:
            continue
    return pids


def wait_for_kernels(process: subprocess.Popen, count: int, timeout_s: float) -> float | None:
    """Seconds until the server has `count` kernels, or None if it did not within timeout_s."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if len(kernel_pids(process)) == count:
            return time.monotonic() - start
        time.sleep(0.5)
    return None


def unexpectedly_served(base: str, query: str = "") -> list[str]:
    """The NOT_SERVED paths (and a figure of the course) that answer with anything but an error."""
    figure = next(iter(sorted((REPO_ROOT / "figures").glob("*.png"))), None)
    paths = NOT_SERVED + (
        [f"/voila/files/figures/{figure.name}", f"/figures/{figure.name}"] if figure else []
    )
    served = []
    for path in paths:
        status, _, body = fetch(base.rstrip("/") + path + query, timeout=30)
        if status < 400:
            served.append(f"GET {path}: HTTP {status}: {body[:80]!r}")
    for path in ("/api/kernels", "/api/sessions", "/api/contents/x.ipynb"):
        status, _, _ = fetch(base.rstrip("/") + path + query, method="POST", timeout=30)
        if status < 400:
            served.append(f"POST {path}: HTTP {status}")
    return served


# --------------------------------------------------------------------------------------------
# Without a server
# --------------------------------------------------------------------------------------------


def test_loopback_needs_no_token_and_the_network_gets_a_new_one_each_start():
    args, extra = serve_classroom.parse_args(["--Voila.log_level=INFO"])
    assert (args.ip, args.token, args.max_kernels, extra) == (
        "127.0.0.1",
        None,
        serve_classroom.MAX_KERNELS,
        ["--Voila.log_level=INFO"],
    )
    first, _ = serve_classroom.parse_args(["--ip", "0.0.0.0", "--max-kernels", "25"])
    second, _ = serve_classroom.parse_args(["--ip", "192.168.1.20"])
    assert first.max_kernels == 25
    for args in (first, second):
        assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", args.token)
    assert first.token != second.token
    assert serve_classroom.share_link("192.168.1.20", 8866, "abc") == "http://192.168.1.20:8866/?token=abc"
    assert serve_classroom.share_addresses("192.168.1.20") == ["192.168.1.20"]
    for ip, loopback in (
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.5", False),
        ("myhost.local", False),
    ):
        assert serve_classroom.is_loopback(ip) is loopback, ip


@pytest.mark.parametrize(
    "args, says",
    [
        (["--ip", "0.0.0.0", "--token", ""], "needs a token"),
        (["--ip", "0.0.0.0", "--token", "short"], "needs a token"),
        (["--max-kernels", "0"], "--max-kernels must be at least 1"),
        (["--unconnected-timeout", "0"], "at least 1 second"),
        (["--ip", "0.0.0.0", "--Voila.token="], "--token TOKEN"),
    ],
)
def test_the_network_without_a_token_and_other_bad_options_are_refused(args, says):
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "serve_classroom.py"), "--no-browser", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


# --------------------------------------------------------------------------------------------
# With a server
# --------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_classroom_app_in_chromium(classroom, evidence):
    origin = f"127.0.0.1:{classroom['port']}"
    problems: list[str] = []
    timings: dict[str, float] = {"listening": classroom["listening_s"]}
    with launched_chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 720})  # a projector

        def only_this_server(route) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in LOCAL_SCHEMES or (url.scheme == "http" and url.netloc == origin):
                route.continue_()
            else:
                problems.append(f"request beyond the app's server: {route.request.url}")
                route.abort()

        context.route("**/*", only_this_server)
        page = context.new_page()
        record_page_problems(page, problems)
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        opened = time.monotonic()
        page.goto(classroom["url"], wait_until="commit")
        handle = page.locator(".kickback-slider .noUi-handle").first
        try:
            page.locator("#loading").wait_for(state="visible", timeout=LOADING_TIMEOUT_S * 1000)
            timings["loading message"] = time.monotonic() - opened
            loading = page.evaluate(JS_LOADING)
            page.screenshot(path=str(classroom["log"].parent / "classroom_loading_1280x720.png"))
            if handle.is_visible():
                problems.append("the explorer was already there when the loading message appeared")
            if "Kickback Lab" not in loading["text"] or loading["progress"] is None:
                problems.append(f"the loading message has no title or no progress bar: {loading}")
        except Exception:
            problems.append(f"no loading message within {LOADING_TIMEOUT_S} s of the page opening")
        try:
            handle.wait_for(state="visible", timeout=EXPLORER_TIMEOUT_S * 1000)
        except Exception as error:
            raise AssertionError(
                f"the explorer did not appear within {EXPLORER_TIMEOUT_S} s\n"
                f"problems: {problems}\nVoila log:\n{classroom['log_tail']()}"
            ) from error
        timings["explorer shown"] = time.monotonic() - opened
        page.wait_for_timeout(500)  # let any late widget or error settle before looking
        problems += page.evaluate(JS_PROBLEMS)
        problems += page.evaluate(JS_PROJECTOR_PROBLEMS, PRESENT_PICTURE_PX)
        page.screenshot(path=str(classroom["log"].parent / "classroom_1280x720.png"), full_page=True)
        html = page.content()
        if 'explore("cable"' in html or "from kickback" in html or "import kickback" in html:
            problems.append("the notebook's code is in the page")

        before = page.evaluate(
            f"() => Array.from(document.querySelectorAll({FIGURE_IMAGES!r}))"
            f".map((img) => img.getAttribute('src'))"
        )
        assert before, "the app shows no kickback-figure picture"
        handle.focus()
        pressed = time.monotonic()
        page.keyboard.press("ArrowRight")
        try:
            page.wait_for_function(
                "([selector, before]) => Array.from(document.querySelectorAll(selector))"
                ".some((img, i) => img.getAttribute('src') !== before[i])",
                arg=[FIGURE_IMAGES, before],
                timeout=SLIDER_TIMEOUT_S * 1000,
            )
            timings["key to new picture"] = time.monotonic() - pressed
        except Exception:
            problems.append(
                f"the kickback-figure picture did not change within {SLIDER_TIMEOUT_S} s "
                f"of ArrowRight on the first kickback-slider"
            )
        context.close()

    log = classroom["log"].read_text(encoding="utf-8", errors="replace")
    culling = re.search(r"Culling kernels with idle durations > (\d+) seconds at (\d+) second intervals", log)
    if not culling:
        problems.append("Voila's log does not show the kernel culler starting")
    elif (int(culling.group(1)), int(culling.group(2))) != (
        serve_classroom.CULL_IDLE_TIMEOUT_S,
        serve_classroom.CULL_INTERVAL_S,
    ):
        problems.append(f"the culler runs with {culling.group(0)!r}, not the documented settings")
    if "Culling kernels even with connected clients" not in log:
        problems.append("the culler does not include kernels with an open page")
    unconnected = re.search(
        r"Culling kernels whose page never connected after (\d+) idle seconds at (\d+) second "
        r"intervals; at most (\d+) kernels",
        log,
    )
    if not unconnected or tuple(map(int, unconnected.groups())) != (
        serve_classroom.UNCONNECTED_TIMEOUT_S,
        serve_classroom.CULL_INTERVAL_S,
        serve_classroom.MAX_KERNELS,
    ):
        problems.append("the culler of unconnected kernels does not run with the documented settings")
    if serve_classroom.UNCONNECTED_TIMEOUT_S + serve_classroom.CULL_INTERVAL_S > 120:
        problems.append("an unconnected kernel may live longer than two minutes")

    evidence("classroom: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    assert not problems, (
        "the classroom app:\n"
        + "\n".join(f"  - {line}" for line in problems)
        + f"\nVoila log:\n{classroom['log_tail']()}"
    )


@pytest.mark.browser
def test_past_the_cap_the_class_is_full_and_unconnected_kernels_are_stopped(tmp_path: Path, evidence):
    cap, visitors, unconnected_s = 2, 4, 8
    with classroom_server(
        tmp_path,
        "--max-kernels",
        str(cap),
        "--unconnected-timeout",
        str(unconnected_s),
        "--cull-interval",
        "1",
    ) as server:
        process, url = server["process"], server["url"]
        with concurrent.futures.ThreadPoolExecutor(visitors) as pool:
            answers = list(pool.map(lambda _: fetch(url), range(visitors)))
        statuses = sorted(status for status, _, _ in answers)
        assert statuses == [200] * cap + [503] * (visitors - cap), f"{statuses}\n{server['log_tail']()}"
        for status, headers, body in answers:
            if status == 503:
                assert headers.get_content_type() == "text/html" and f"<h1>{FULL_TEXT}</h1>" in body
                assert "<script" not in body and "://" not in body, "the full page must stand alone"
            else:
                assert FULL_TEXT not in body and "widget-view+json" in body
        assert len(kernel_pids(process)) <= cap

        culled_after = wait_for_kernels(process, 0, CULL_TIMEOUT_S)
        assert culled_after is not None, (
            f"unconnected kernels still run after {CULL_TIMEOUT_S} s:\n{server['log_tail']()}"
        )
        assert server["log_text"]().count("its page never connected") == cap

        status, _, body = fetch(url)  # their places are free again
        assert status == 200 and FULL_TEXT not in body

        with launched_chromium() as browser:
            page = browser.new_page()
            page.goto(url, wait_until="domcontentloaded")
            handle = page.locator(".kickback-slider .noUi-handle").first
            handle.wait_for(state="visible", timeout=EXPLORER_TIMEOUT_S * 1000)
            # Longer than the timeout of unconnected pages: the plain GET's kernel goes, the page's stays.
            assert wait_for_kernels(process, 1, CULL_TIMEOUT_S) is not None, server["log_tail"]()
            page.wait_for_timeout((unconnected_s + 3) * 1000)
            assert len(kernel_pids(process)) == 1, server["log_tail"]()
            before = page.evaluate(
                f"() => Array.from(document.querySelectorAll({FIGURE_IMAGES!r}))"
                f".map((img) => img.getAttribute('src'))"
            )
            handle.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([selector, before]) => Array.from(document.querySelectorAll(selector))"
                ".some((img, i) => img.getAttribute('src') !== before[i])",
                arg=[FIGURE_IMAGES, before],
                timeout=SLIDER_TIMEOUT_S * 1000,
            )
            page.close()
        assert server["log_text"]().count("its page never connected") == cap + 1
    evidence(
        f"classroom: {visitors} plain GETs with --max-kernels {cap}: {statuses}; their kernels stopped "
        f"{culled_after:.1f} s after the last page was sent (--unconnected-timeout {unconnected_s})"
    )


@pytest.mark.browser
def test_nothing_but_the_explorer_is_served(classroom):
    served = unexpectedly_served(classroom["url"])
    assert not served, "served beyond the explorer:\n" + "\n".join(served)
    assert kernel_pids(classroom["process"]) == [], "a request other than the page started a kernel"


@pytest.mark.browser
def test_the_classroom_network_needs_the_token_from_the_printed_link(tmp_path: Path, evidence):
    with classroom_server(tmp_path, "--ip", "0.0.0.0") as server:
        port, process = server["port"], server["process"]
        deadline = time.monotonic() + 30
        while not (
            found := re.search(
                r"share this link with the class[^:]*: (http://(\S+?):(\d+)/\?token=(\S+))",
                server["log_text"](),
            )
        ):
            assert time.monotonic() < deadline, f"no link printed:\n{server['log_tail']()}"
            time.sleep(0.25)
        link, _, link_port, token = found.groups()
        assert int(link_port) == port and re.fullmatch(r"[A-Za-z0-9_-]{32,}", token), link
        assert not any(
            token in " ".join(child.cmdline())
            for child in [psutil.Process(process.pid), *psutil.Process(process.pid).children(True)]
        ), "the token is on a command line, where any user of the computer can read it"

        local = f"http://127.0.0.1:{port}/"
        for query in ("", "?token=", "?token=not-the-token-" + "x" * 20):
            status, headers, _ = fetch(local + query, follow=False)
            assert status in (302, 403) and (status == 403 or "/login" in headers.get("Location", "")), (
                f"{query!r}: HTTP {status}"
            )
        assert kernel_pids(process) == [], "a request without the token started a kernel"
        served = unexpectedly_served(local, f"?token={token}")
        assert not served, "served beyond the explorer:\n" + "\n".join(served)

        started = time.monotonic()
        status, _, body = fetch(local + f"?token={token}")
        assert status == 200 and "widget-view+json" in body, server["log_tail"]()
        assert "from kickback" not in body and 'explore("cable"' not in body, (
            "the notebook's code is in the page"
        )
    evidence(
        f"classroom on the network: the link {link.replace(token, '<token>')}, "
        f"page with the token in {time.monotonic() - started:.1f} s"
    )
