"""The classroom app (`python3 run.py classroom`): the explorer served by Voila, in headless Chromium.

The test starts the real command on a free loopback port (no browser of its own, Voila's log at
INFO so the culler's start-up lines can be checked), opens the app in Chromium with every
request beyond that server refused and recorded, and waits for the explorer. Then: no
"Loading widget", no error shown, no console error, no code on the page (neither shown nor
sent), the kernel culler running with the documented settings; ArrowRight on the first
kickback-slider changes the kickback-figure picture. Voila is stopped by its PID (then its
process group, for any kernel left behind). Timings are printed, not asserted.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO_ROOT
from test_browser import FIGURE_IMAGES, free_loopback_port, launched_chromium, record_page_problems, stop_process

pytestmark = pytest.mark.browser


def load_script(path: Path):
    """The script at `path` as a module (scripts/ is not a package), for its documented settings."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve_classroom = load_script(REPO_ROOT / "scripts" / "serve_classroom.py")

SERVER_START_TIMEOUT_S = 120
EXPLORER_TIMEOUT_S = 180  # a new kernel, the kickback import and the first render, on 2 cores
SLIDER_TIMEOUT_S = 30
LOCAL_SCHEMES = ("data", "blob", "about")

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
  const inputs = Array.from(document.querySelectorAll('.jp-InputArea, .jp-Cell-inputWrapper, .CodeMirror, .cm-editor'))
    .filter((node) => node.offsetParent !== null && node.closest('.jp-CodeCell'));
  if (inputs.length) problems.push(inputs.length + ' code cell inputs are visible');
  return problems;
}
"""


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def classroom(tmp_path: Path):
    port = free_loopback_port()
    log_path = tmp_path / "voila.log"
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), IPYTHONDIR=str(tmp_path / "ipython"))
    command = [sys.executable, str(REPO_ROOT / "run.py"), "classroom", "--port", str(port), "--no-browser",
               "--Voila.log_level=INFO"]
    start = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)

    def log_tail(lines: int = 40) -> str:
        text = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not port_open(port):
            if process.poll() is not None:
                pytest.fail(f"`run.py classroom` exited with code {process.returncode}:\n{log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"Voila did not listen on port {port} within {SERVER_START_TIMEOUT_S} s:\n{log_tail()}")
            time.sleep(0.25)
        yield {"url": f"http://127.0.0.1:{port}/", "port": port, "process": process, "log": log_path,
               "log_tail": log_tail, "started": start, "listening_s": time.monotonic() - start}
    finally:
        stop_process(process)


def test_classroom_app_in_chromium(classroom, evidence):
    origin = f"127.0.0.1:{classroom['port']}"
    problems: list[str] = []
    timings: dict[str, float] = {"listening": classroom["listening_s"]}
    with launched_chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})

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
        page.on("response", lambda response: response.status >= 400 and problems.append(
            f"HTTP {response.status}: {response.url}"))
        opened = time.monotonic()
        page.goto(classroom["url"], wait_until="domcontentloaded")
        handle = page.locator(".kickback-slider .noUi-handle").first
        try:
            handle.wait_for(state="visible", timeout=EXPLORER_TIMEOUT_S * 1000)
        except Exception as error:
            raise AssertionError(f"the explorer did not appear within {EXPLORER_TIMEOUT_S} s\n"
                                 f"problems: {problems}\nVoila log:\n{classroom['log_tail']()}") from error
        timings["explorer shown"] = time.monotonic() - opened
        page.wait_for_timeout(500)  # let any late widget or error settle before looking
        problems += page.evaluate(JS_PROBLEMS)
        html = page.content()
        if 'explore("cable"' in html or "from kickback" in html:
            problems.append("the notebook's code is in the page")

        before = page.evaluate(f"() => Array.from(document.querySelectorAll({FIGURE_IMAGES!r}))"
                               f".map((img) => img.getAttribute('src'))")
        assert before, "the app shows no kickback-figure picture"
        handle.focus()
        pressed = time.monotonic()
        page.keyboard.press("ArrowRight")
        try:
            page.wait_for_function(
                "([selector, before]) => Array.from(document.querySelectorAll(selector))"
                ".some((img, i) => img.getAttribute('src') !== before[i])",
                arg=[FIGURE_IMAGES, before], timeout=SLIDER_TIMEOUT_S * 1000)
            timings["key to new picture"] = time.monotonic() - pressed
        except Exception:
            problems.append(f"the kickback-figure picture did not change within {SLIDER_TIMEOUT_S} s "
                            f"of ArrowRight on the first kickback-slider")
        context.close()

    log = classroom["log"].read_text(encoding="utf-8", errors="replace")
    culling = re.search(r"Culling kernels with idle durations > (\d+) seconds at (\d+) second intervals", log)
    if not culling:
        problems.append("Voila's log does not show the kernel culler starting")
    elif (int(culling.group(1)), int(culling.group(2))) != (serve_classroom.CULL_IDLE_TIMEOUT_S,
                                                             serve_classroom.CULL_INTERVAL_S):
        problems.append(f"the culler runs with {culling.group(0)!r}, not the documented settings")
    if "Culling kernels even with connected clients" not in log:
        problems.append("the culler does not include kernels with an open page")

    evidence("classroom: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    assert not problems, "the classroom app:\n" + "\n".join(f"  - {line}" for line in problems) + \
        f"\nVoila log:\n{classroom['log_tail']()}"
