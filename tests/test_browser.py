"""Every notebook in JupyterLab, in headless Chromium, as a learner would use it.

One JupyterLab server (from this virtual environment, on a free loopback port, no token,
autosave off, nothing that reaches for the network) serves a temporary copy of notebooks/
(with figures/ and data/ beside it, as in the repository, so relative links resolve), so
the repository's files are never touched. For every notebook, Playwright opens it, waits
for the kernel, runs all cells and fails on any error output, any widget that did not render
and any browser console error. Where the notebook has a `kickback-slider`, the test presses
ArrowRight on the first one and checks that the `kickback-figure` picture changed; the time
from the key press to the new picture is reported, not asserted (timing is for benchmarks/).

A full-page screenshot of each notebook goes to $KICKBACK_SCREENSHOTS or a temporary folder
(printed in the run's closing summary).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import REPO_ROOT, notebook_id, notebooks_dir

pytestmark = pytest.mark.browser

SERVER_START_TIMEOUT_S = 120
KERNEL_READY_TIMEOUT_S = 120
RUN_ALL_TIMEOUT_S = 600
WIDGETS_TIMEOUT_S = 60
SLIDER_TIMEOUT_S = 30
MAX_SCREENSHOT_HEIGHT_PX = 16000
SERVED_WITH_NOTEBOOKS = ("figures", "data")  # copied beside notebooks/, as in the repository

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--no-proxy-server",  # the server is on 127.0.0.1; never route it through a proxy
]

# Console errors that JupyterLab itself emits in this set-up and that do not mean the course is
# broken. Each is matched exactly (substring of the message) and says why it is harmless.
ALLOWED_CONSOLE_ERRORS: list[tuple[str, str]] = []

# Settings for the throw-away JupyterLab user-settings folder.
LAB_SETTINGS = {
    # Never write to the notebooks while the test runs them (they are a copy anyway).
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # Render every cell, so that every output and widget is in the page to be checked and in
    # the screenshot (the default windowing leaves cells outside the viewport unrendered).
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No news or update checks (they would reach for the network).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

# Disabled front-end plugins: the extension manager would query a package index.
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/extensionmanager-extension": True}}


# --------------------------------------------------------------------------------------------
# Chromium, the server, the browser
# --------------------------------------------------------------------------------------------


def find_or_install(command: str, package: str) -> str:
    """A command from Debian's packages; installed with apt-get when missing (needs root)."""
    found = shutil.which(command)
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.fail(
            f"this test needs Debian's {package}, which is not installed, and this user is "
            f"not root so the test cannot install it: run `sudo apt-get install {package}`, or "
            "deselect the browser tests with -m 'not browser'"
        )
    if shutil.which("apt-get") is None:
        pytest.fail(f"this test needs {package}; it is not installed and there is no apt-get to install it")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update"], ["apt-get", "install", "-y", package]):
        result = subprocess.run(
            step, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=1200
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
            pytest.fail(
                f"`{' '.join(step)}` failed (exit {result.returncode}) while installing {package}:\n{tail}"
            )
    found = shutil.which(command)
    if not found:
        pytest.fail(f"apt-get installed {package} but no `{command}` command is on PATH")
    return found


def find_or_install_chromium() -> str:
    """Debian's chromium; installed with apt-get when missing (needs root)."""
    return find_or_install("chromium", "chromium")


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 5.0) -> int:
    """Status code of a GET to the local server, never through a proxy."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


class LabServer:
    def __init__(self, process: subprocess.Popen, url: str, log_path: Path, root: Path) -> None:
        self.process = process
        self.url = url
        self.log_path = log_path
        self.root = root

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server by its PID (it shuts its kernels down); then its process group."""
        stop_process(self.process)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("lab")
    # The course folder as `run.py lab` serves it, so that links from a notebook to ../figures
    # or ../data resolve; copies, so the repository is never written to.
    root = base / "course"
    skip = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(notebooks_dir(), root / "notebooks", ignore=skip)
    for name in SERVED_WITH_NOTEBOOKS:
        if (REPO_ROOT / name).is_dir():
            shutil.copytree(REPO_ROOT / name, root / name, ignore=skip)
    settings = base / "user-settings"
    for relative, data in LAB_SETTINGS.items():
        write_json(settings / relative, data)
    config_dir = base / "jupyter-config"
    write_json(config_dir / "labconfig" / "page_config.json", PAGE_CONFIG)
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(config_dir),
        JUPYTER_DATA_DIR=str(base / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"),
        IPYTHONDIR=str(base / "ipython"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=None",  # traitlets reads "None" as None: no news feed
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI and the course's machines run as root
    log_path = base / "jupyter-lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LabServer(process, url, log_path, root)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"JupyterLab exited with code {process.returncode} on start:\n{server.log_tail()}"
                )
            try:
                if http_get(f"{url}/api/status") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer on {url} within {SERVER_START_TIMEOUT_S} s:\n"
                    f"{server.log_tail()}"
                )
            time.sleep(0.5)
        yield server
    finally:
        server.stop()


def record_page_problems(page, problems: list[str], *, failed_requests: bool = True) -> None:
    """Collect a page's console errors (bar the allowed ones), uncaught page errors and, if asked, failed
    requests into `problems`: one watcher for every browser test."""

    def on_console(message) -> None:
        if message.type == "error" and not console_error_allowed(message.text):
            location = message.location or {}
            problems.append(
                f"console error: {message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})"
            )

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    if failed_requests:
        page.on(
            "requestfailed",
            lambda request: problems.append(f"failed request: {request.url[:120]} ({request.failure})"),
        )


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM to a server's PID (it shuts its kernels down), then SIGKILL for leftovers.

    The SIGKILL goes to its process group.
    """
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if process.poll() is None:
        process.wait(timeout=10)


@contextlib.contextmanager
def launched_chromium():
    """Debian's chromium (installed if missing), driven by Playwright, closed afterwards."""
    chromium = find_or_install_chromium()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    try:
        yield launched
    finally:
        try:
            launched.close()
        finally:
            playwright.stop()


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as launched:
        yield launched


# --------------------------------------------------------------------------------------------
# In-page helpers (JavaScript run by Playwright; `window.jupyterapp` is exposed by the server)
# --------------------------------------------------------------------------------------------

JS_NOTEBOOK_READY = r"""
(path) => {
  const app = window.jupyterapp;
  const panel = app && app.shell && app.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path !== path || !panel.content) return false;
  const session = panel.sessionContext && panel.sessionContext.session;
  const kernel = session && session.kernel;
  return !!(panel.context.isReady && panel.sessionContext.isReady && kernel && kernel.status === 'idle');
}
"""

JS_START_RUN_ALL = r"""
() => {
  window.__kickbackRunAll = undefined;
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    (result) => { window.__kickbackRunAll = {done: true, result: result}; },
    (error) => { window.__kickbackRunAll = {done: true, error: String(error && error.stack || error)}; }
  );
}
"""

JS_EXECUTION_FINISHED = r"""
() => {
  const state = window.__kickbackRunAll;
  if (!state || !state.done) return false;
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  for (const prompt of panel.node.querySelectorAll('.jp-InputPrompt')) {
    if (prompt.textContent.includes('[*]')) return false;
  }
  return true;
}
"""

JS_WIDGETS_SETTLED = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  for (const node of panel.node.querySelectorAll('.jp-OutputArea-output')) {
    if (node.textContent.includes('Loading widget')) return false;
  }
  return true;
}
"""

# Everything wrong with the notebook after Run All, from the model and from the page.
JS_PROBLEMS = r"""
() => {
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const panel = window.jupyterapp.shell.currentWidget;
  const problems = [];
  const squash = (text) => String(text).replace(/\s+/g, ' ').trim().slice(0, 300);
  const state = window.__kickbackRunAll || {};
  if (state.error) problems.push('Run All failed: ' + state.error);
  panel.content.widgets.forEach((cell, index) => {
    const model = cell.model;
    if (model.type !== 'code') return;
    const where = 'cell ' + (index + 1);
    const tags = (model.getMetadata && model.getMetadata('tags')) || [];
    const mayRaise = tags.includes('raises-exception');
    const outputs = model.outputs.toJSON();
    for (const output of outputs) {
      if (output.output_type === 'error' && !mayRaise) {
        problems.push(where + ': error output ' + output.ename + ': ' + output.evalue);
      }
      if (output.output_type === 'stream' && output.name === 'stderr') {
        const text = Array.isArray(output.text) ? output.text.join('') : String(output.text);
        if (text.includes('Traceback') && !mayRaise) {
          problems.push(where + ': traceback on stderr: ' + squash(text));
        }
      }
    }
    if (!mayRaise && cell.node.querySelector(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')) {
      problems.push(where + ': an error is shown in the page');
    }
    // The output area shows one child per output, in order: check each widget output's child.
    const children = cell.outputArea ? cell.outputArea.widgets : [];
    if (children.length !== outputs.length) {
      problems.push(where + ': ' + outputs.length + ' outputs in the notebook but ' +
                    children.length + ' shown');
      return;
    }
    outputs.forEach((output, i) => {
      if (!(output.data && output.data[WIDGET])) return;
      const node = children[i].node;
      const text = node.textContent;
      if (text.includes('Loading widget')) {
        problems.push(where + ': a widget never rendered ("Loading widget...")');
      } else if (text.includes('Error displaying widget') ||
                 node.querySelector('.widget-error, .jupyter-widgets-error-widget')) {
        problems.push(where + ': a widget failed to render: ' + squash(text));
      } else if (!node.querySelector('.jupyter-widgets')) {
        problems.push(where + ': a widget output is shown as text, not as a widget ' +
                      '(is the widget manager missing?): ' + squash(text));
      }
    });
  });
  return problems;
}
"""

FIGURE_IMAGES = "img.kickback-figure, .kickback-figure img"

JS_ARM_SLIDER_TIMER = r"""
(selector) => {
  const timing = {};
  window.__kickbackTiming = timing;
  const images = Array.from(document.querySelectorAll(selector));
  timing.before = images.map((img) => img.getAttribute('src'));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' && timing.key === undefined) timing.key = performance.now();
  }, {capture: true});
  images.forEach((img, index) => {
    new MutationObserver(() => {
      if (timing.src !== undefined || img.getAttribute('src') === timing.before[index]) return;
      timing.src = performance.now();
      timing.index = index;
      // "painted": the first animation frame after the new picture has loaded.
      const painted = () => {
        timing.loaded = performance.now();
        requestAnimationFrame(() => {
          timing.painted = performance.now();
          timing.naturalWidth = img.naturalWidth;
        });
      };
      if (img.complete && img.naturalWidth > 0) painted();
      else img.addEventListener('load', painted, {once: true});
    }).observe(img, {attributes: true, attributeFilter: ['src']});
  });
  return images.length;
}
"""

JS_SCROLL_HEIGHT = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  let height = 0;
  for (const node of panel.node.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')) {
    height = Math.max(height, node.scrollHeight);
  }
  return height;
}
"""

JS_SCROLL_TO_TOP = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  for (const node of panel.node.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')) {
    node.scrollTop = 0;
  }
}
"""


# --------------------------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------------------------


def console_error_allowed(text: str) -> bool:
    return any(snippet in text for snippet, _why in ALLOWED_CONSOLE_ERRORS)


def move_first_slider(page) -> dict:
    """Press ArrowRight on the first kickback-slider; return ms from the key press to the new
    picture's src, to its load, and to the next frame painted after it (key press to pixels)."""
    handle = page.locator(".kickback-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    count = page.evaluate(JS_ARM_SLIDER_TIMER, FIGURE_IMAGES)
    assert count > 0, "the notebook has a kickback-slider but no kickback-figure image to watch"
    handle.focus()
    focused = page.evaluate(
        "() => !!document.activeElement && document.activeElement.classList.contains('noUi-handle')"
    )
    assert focused, "could not give the first kickback-slider's handle the keyboard focus"
    page.keyboard.press("ArrowRight")
    try:
        page.wait_for_function(
            "() => window.__kickbackTiming.painted !== undefined", timeout=SLIDER_TIMEOUT_S * 1000
        )
    except Exception as error:  # Playwright's TimeoutError
        raise AssertionError(
            f"the kickback-figure picture did not change within {SLIDER_TIMEOUT_S} s "
            f"of pressing ArrowRight on the first kickback-slider"
        ) from error
    timing = page.evaluate("() => window.__kickbackTiming")
    assert timing.get("naturalWidth", 0) > 0, "the new kickback-figure picture did not decode"
    return {stage: timing[stage] - timing["key"] for stage in ("src", "loaded", "painted")}


def save_screenshot(page, path: Path) -> None:
    """The whole notebook: grow the viewport to the notebook's height, then capture it."""
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # more room for the notebook
        height = int(page.evaluate(JS_SCROLL_HEIGHT))
        viewport = page.viewport_size or {"width": 1280, "height": 900}
        target = min(max(viewport["height"], height + 200), MAX_SCREENSHOT_HEIGHT_PX)
        page.set_viewport_size({"width": viewport["width"], "height": target})
        page.evaluate(JS_SCROLL_TO_TOP)
        page.wait_for_timeout(300)
    except Exception:
        pass  # a screenshot of the viewport is still worth having
    page.screenshot(path=str(path), full_page=True)


def test_notebook_runs_in_jupyterlab(
    notebook: Path, lab_server: LabServer, browser, screenshots_dir, evidence
):
    relative = notebook_id(notebook)
    served_path = f"notebooks/{relative}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console_errors: list[str] = []
    record_page_problems(page, console_errors, failed_requests=False)
    problems: list[str] = []
    screenshot = screenshots_dir / (relative.replace("/", "__").removesuffix(".ipynb") + ".png")
    try:
        page.goto(f"{lab_server.url}/lab/tree/{quote(served_path)}?reset", wait_until="domcontentloaded")
        try:
            page.wait_for_function(JS_NOTEBOOK_READY, arg=served_path, timeout=KERNEL_READY_TIMEOUT_S * 1000)
        except Exception as error:
            raise AssertionError(
                f"{relative} did not open with an idle kernel within "
                f"{KERNEL_READY_TIMEOUT_S} s\nserver log:\n{lab_server.log_tail()}"
            ) from error
        page.evaluate(JS_START_RUN_ALL)
        try:
            page.wait_for_function(JS_EXECUTION_FINISHED, timeout=RUN_ALL_TIMEOUT_S * 1000, polling=250)
        except Exception as error:
            raise AssertionError(
                f"Run All on {relative} did not finish within {RUN_ALL_TIMEOUT_S} s"
            ) from error
        try:
            page.wait_for_function(JS_WIDGETS_SETTLED, timeout=WIDGETS_TIMEOUT_S * 1000, polling=250)
        except Exception:
            pass  # reported below as "a widget never rendered"
        problems += page.evaluate(JS_PROBLEMS)
        if not problems and page.locator(".kickback-slider .noUi-handle").count() > 0:
            ms = move_first_slider(page)
            evidence(
                f"{relative}: ArrowRight on the first kickback-slider to new pixels {ms['painted']:.0f} ms "
                f"(new src {ms['src']:.0f} ms, loaded {ms['loaded']:.0f} ms)"
            )
    finally:
        try:
            save_screenshot(page, screenshot)
            evidence(f"{relative}: screenshot {screenshot}")
        except Exception as error:  # never hide the test's own failure behind this one
            evidence(f"{relative}: no screenshot ({error})")
        try:
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        except Exception:
            pass
        context.close()
    problems += console_errors
    assert not problems, f"{relative} in JupyterLab:\n" + "\n".join(f"  - {line}" for line in problems)
