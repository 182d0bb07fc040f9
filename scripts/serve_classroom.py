"""Serve the classroom explorer as an app with Voila: the widgets only, no code, no network.

Steps: write Kickback Lab's Voila template (Voila's own "lab" template without the two style
sheets it fetches from a CDN: Voila bundles the same icon font, so nothing is lost) into the
git-ignored .cache/voila/; then run Voila in this process, serving
notebooks/trainers/classroom_explorer.ipynb on 127.0.0.1 (port 8866 unless --port), code
hidden, with a cap on the number of kernels and idle kernels culled (below). Stop it with Ctrl+C.

Every visit to the page starts its own kernel (about 105 MB). Voila shuts a kernel down when
its page is closed; the rest is caught here:
- MAX_KERNELS = 40 (--max-kernels N): at most this many kernels at once. The visitor past the
  cap gets FULL_PAGE, a plain "the class is full" page with HTTP 503, and no kernel.
- UNCONNECTED_TIMEOUT_S = 90 (--unconnected-timeout S): a kernel whose page never connected to
  it (a plain GET: curl, a link preview, a page closed while it loaded) is shut down once it has
  been idle this long. 90 s leaves a crowded classroom network time to load the page's scripts.
  With the culler looking every CULL_INTERVAL_S, such a kernel is gone within two minutes.
- CULL_IDLE_TIMEOUT_S = 1800 (--idle-timeout S): a kernel with no widget activity for 30 minutes
  is shut down, also while its page is still open (cull_connected). Longer than any stretch of
  a 45- or 90-minute class in which the projected explorer sits untouched; after it, reload.
- CULL_INTERVAL_S = 20 (--cull-interval S): how often both culls look.
- cull_busy stays off: a kernel in the middle of a computation is never shut down.

Who can reach it: on 127.0.0.1 (the default) only this computer, with no token. With --ip
set to any other address (0.0.0.0: the whole classroom network) the app needs a token, which
this command makes (secrets.token_urlsafe) unless --token gives one, and prints as a link to
share. Either way the server answers only the explorer page and its scripts: Voila sends no
code and runs none from the page (the kernel takes widget messages only); no other file of
the course is served (the file allowlist is empty); /tree, /lab and the kernel list are not
there.

Other arguments go to voila and replace the setting they name.

Usage: python scripts/serve_classroom.py [--port N] [--ip ADDRESS] [--token TOKEN] [--no-browser]
           [--max-kernels N] [--unconnected-timeout S] [--idle-timeout S] [--cull-interval S]
           [VOILA ARGS...]
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import subprocess
import sys
import threading
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "trainers" / "classroom_explorer.ipynb"
JUPYTER_DATA = ROOT / ".cache" / "voila"  # a Jupyter data folder holding only our template
TEMPLATE = "kickback-classroom"
DEFAULT_PORT = 8866  # Voila's own default
DEFAULT_IP = "127.0.0.1"
MAX_KERNELS = 40
UNCONNECTED_TIMEOUT_S = 90
CULL_IDLE_TIMEOUT_S = 1800
CULL_INTERVAL_S = 20
TOKEN_BYTES = 24  # secrets.token_urlsafe(24): 32 characters

FULL_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The class is full</title>
</head>
<body style="font-family: sans-serif; font-size: 1.3rem; line-height: 1.5;
             max-width: 34em; margin: 3em auto; padding: 0 1em">
<h1>The class is full</h1>
<p>The explorer is already open on {max_kernels} screens, as many as the trainer's computer
serves at once.</p>
<p>Share a classmate's screen, or wait a minute and reload this page: a place frees up
whenever someone closes the explorer.</p>
</body>
</html>
"""

# Voila's "lab" template, minus the remote style sheets in its notebook_css block (and the
# Mermaid loader, which no explorer needs), with a loading page of our own: a title, a progress
# bar and the step in words while the kernel starts and runs the notebook (Voila calls
# window.voila_process before each cell), then "drawing the explorer" until the widget is on the
# page (hidden by CSS alone once an element of class kickback-explorer exists).
TEMPLATE_FILES = {
    "conf.json": '{\n  "base_template": "lab"\n}\n',
    "index.html.j2": (ROOT / "scripts" / "classroom_index.html.j2").read_text(encoding="utf-8"),
}


def write_template() -> None:
    """Write the template into .cache/voila/voila/templates/<TEMPLATE>/ (only if it changed)."""
    folder = JUPYTER_DATA / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEMPLATE_FILES.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def is_loopback(ip: str) -> bool:
    """True if `ip` serves this computer only (127.0.0.0/8, ::1, localhost)."""
    if ip.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from the network


def share_addresses(ip: str) -> list[str]:
    """Addresses to put in the link: `ip` itself, or for 0.0.0.0 / :: this computer's own
    addresses as `hostname -I` lists them (read locally; nothing is sent)."""
    if ip not in ("0.0.0.0", "::", ""):
        return [f"[{ip}]" if ":" in ip else ip]
    try:
        listed = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listed = []
    addresses = []
    for address in listed:
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            continue
        if parsed.is_loopback or parsed.is_link_local or (ip == "0.0.0.0" and parsed.version != 4):
            continue
        addresses.append(f"[{address}]" if parsed.version == 6 else address)
    return addresses


def share_link(address: str, port: int, token: str) -> str:
    """The link to give the class: http://ADDRESS:PORT/?token=TOKEN."""
    return f"http://{address}:{port}/?token={token}"


def settings(port: int, ip: str, idle_timeout: int, cull_interval: int) -> list[tuple[tuple[str, ...], str]]:
    """Voila's command-line settings: (every name the option goes by, its value)."""
    return [
        (("--port", "--Voila.port"), str(port)),
        (("--Voila.ip",), ip),
        (("--Voila.port_retries",), "0"),  # a busy port is an error, not a silent move elsewhere
        (("--template", "--VoilaConfiguration.template"), TEMPLATE),
        (("--theme", "--VoilaConfiguration.theme"), "light"),
        # Code cells are not even sent to the page.
        (("--strip_sources", "--VoilaConfiguration.strip_sources"), "True"),
        (("--show_tracebacks", "--VoilaConfiguration.show_tracebacks"), "False"),
        (("--MappingKernelManager.cull_idle_timeout",), str(idle_timeout)),
        (("--MappingKernelManager.cull_interval",), str(cull_interval)),
        (("--MappingKernelManager.cull_connected",), "True"),
        (("--MappingKernelManager.cull_busy",), "False"),
    ]


def voila_argv(
    port: int, ip: str, open_browser: bool, idle_timeout: int, cull_interval: int, extra: list[str]
) -> list[str]:
    """Voila's arguments: the notebook, our settings except those `extra` gives itself (Voila
    refuses an option given twice), then `extra`."""
    given = {arg.split("=", 1)[0] for arg in extra if arg.startswith("--")}
    argv = [str(NOTEBOOK)]
    for names, value in settings(port, ip, idle_timeout, cull_interval):
        if not given.intersection(names):
            argv.append(f"{names[0]}={value}")
    if not open_browser:
        argv.append("--no-browser")
    return argv + extra


def make_app_class():
    """The Voila application with the classroom's kernel cap and unconnected-kernel culler.

    Imported here, not at the top, so that the rest of this script (and its tests) loads
    without Voila."""
    import tornado.web
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from jupyter_server.utils import ensure_async
    from tornado.ioloop import PeriodicCallback
    from traitlets import Integer, Unicode
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler

    try:
        from jupyter_server._tz import utcnow
    except ImportError:  # pragma: no cover - older jupyter_server
        from jupyter_client.utils import utcnow

    class ClassFullError(Exception):
        """No kernel is started: max_kernels are running."""

    class ClassroomKernelManager(AsyncMappingKernelManager):
        """Kernels for the classroom: at most max_kernels, and those whose page never connected
        shut down after unconnected_timeout seconds idle."""

        max_kernels = Integer(MAX_KERNELS, config=True, help="most kernels at once; past it, FULL_PAGE")
        unconnected_timeout = Integer(
            UNCONNECTED_TIMEOUT_S,
            config=True,
            help="seconds a kernel whose page never connected may sit idle",
        )

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self._starting: set[str] = set()  # ids being started, not yet in _kernels
            self._connected_once: set[str] = set()
            self._unconnected_culler = None

        def running_count(self) -> int:
            return len(set(self._kernels) | self._starting)

        async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
            if kernel_id is not None and kernel_id in self:
                return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
            # No await before the id is reserved: concurrent requests count each other.
            if self.running_count() >= self.max_kernels:
                raise ClassFullError()
            kernel_id = kernel_id or self.new_kernel_id()
            self._starting.add(kernel_id)
            try:
                return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
            finally:
                self._starting.discard(kernel_id)
                self.start_unconnected_culler()

        def notify_connect(self, kernel_id):
            self._connected_once.add(kernel_id)
            super().notify_connect(kernel_id)

        def start_unconnected_culler(self) -> None:
            if self._unconnected_culler is not None or self.unconnected_timeout <= 0:
                return
            interval = self.cull_interval if self.cull_interval > 0 else self.cull_interval_default
            self._unconnected_culler = PeriodicCallback(self.cull_unconnected_kernels, 1000 * interval)
            self.log.info(
                "Culling kernels whose page never connected after %s idle seconds at %s second "
                "intervals; at most %s kernels",
                self.unconnected_timeout,
                interval,
                self.max_kernels,
            )
            self._unconnected_culler.start()

        async def cull_unconnected_kernels(self) -> None:
            self._connected_once &= set(self._kernels)
            now = utcnow()
            for kernel_id in list(self._kernels):
                kernel = self._kernels.get(kernel_id)
                if (
                    kernel is None
                    or kernel_id in self._connected_once
                    or self._kernel_connections.get(kernel_id, 0)
                    or getattr(kernel, "execution_state", None) in ("busy", "starting")
                    or getattr(kernel, "last_activity", None) is None
                ):
                    continue
                idle = (now - kernel.last_activity).total_seconds()
                if idle <= self.unconnected_timeout:
                    continue
                self.log.warning(
                    "Culling kernel %s: its page never connected (%d seconds idle)", kernel_id, idle
                )
                try:
                    await ensure_async(self.shutdown_kernel(kernel_id))
                except Exception as error:  # already shut down by its page or the idle culler
                    self.log.debug("kernel %s was gone before the cull: %s", kernel_id, error)

    class ClassroomPageHandler(TornadoVoilaHandler):
        """Voila's page, or FULL_PAGE with HTTP 503 when the class is full."""

        @tornado.web.authenticated
        async def get(self, path=None):
            try:
                async for html in self.get_generator(path=path):
                    self.write(html)
                    self.flush()
            except ClassFullError:
                if self._headers_written:
                    raise
                self.log.warning(
                    "The class is full (%d kernels): sent the full page", self.kernel_manager.max_kernels
                )
                self.clear()
                self.set_status(503)
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                self.set_header("Cache-Control", "no-store")
                self.set_header("Retry-After", "60")
                self.finish(FULL_PAGE.format(max_kernels=self.kernel_manager.max_kernels))

    class ClassroomVoila(Voila):
        """Voila with ClassroomPageHandler for the page; the browser (if any) opens the link with
        its token."""

        local_link = Unicode("", config=True, help="the link this computer's browser opens")

        def init_handlers(self):
            return [
                (entry[0], ClassroomPageHandler, *entry[2:]) if entry[1] is TornadoVoilaHandler else entry
                for entry in super().init_handlers()
            ]

        def launch_browser(self):
            if not self.local_link:
                return super().launch_browser()
            try:
                browser = webbrowser.get(self.browser or None)
            except webbrowser.Error as error:
                self.log.warning("No web browser found: %s.", error)
                return None
            threading.Thread(target=browser.open, args=(self.local_link,), daemon=True).start()
            return None

    return ClassroomVoila, ClassroomKernelManager


def seconds(text: str) -> int:
    """argparse type: a whole number of seconds, at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 second, not {value}")
    return value


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest (for voila)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to serve on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help=f"address to listen on (default {DEFAULT_IP}: this computer only; "
        f"0.0.0.0: the classroom network, with a token)",
    )
    parser.add_argument(
        "--token",
        default=None,
        help="the token the link carries when --ip is not loopback (default: a new random one)",
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument(
        "--max-kernels",
        type=int,
        default=MAX_KERNELS,
        help=f"most pages open at once; past it a 'class is full' page (default {MAX_KERNELS})",
    )
    parser.add_argument(
        "--unconnected-timeout",
        type=seconds,
        default=UNCONNECTED_TIMEOUT_S,
        help=f"stop the kernel of a page that never connected after this many idle seconds "
        f"(default {UNCONNECTED_TIMEOUT_S})",
    )
    parser.add_argument(
        "--idle-timeout",
        type=seconds,
        default=CULL_IDLE_TIMEOUT_S,
        help=f"stop any kernel idle this many seconds, its page open or not (default {CULL_IDLE_TIMEOUT_S})",
    )
    parser.add_argument(
        "--cull-interval",
        type=seconds,
        default=CULL_INTERVAL_S,
        help=f"how often, in seconds, idle kernels are looked for (default {CULL_INTERVAL_S})",
    )
    args, extra = parser.parse_known_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"--port must be between 1 and 65535, not {args.port}")
    if args.max_kernels < 1:
        parser.error(f"--max-kernels must be at least 1, not {args.max_kernels}")
    if is_loopback(args.ip):
        if args.token:
            parser.error("--token is for --ip beyond this computer; on 127.0.0.1 the app needs none")
    elif args.token is None:
        args.token = secrets.token_urlsafe(TOKEN_BYTES)
    elif len(args.token) < 16:
        parser.error(
            f"--ip {args.ip} serves the network, so it needs a token of at least 16 characters "
            f"(leave out --token to get a random one)"
        )
    for arg in extra:
        if arg.split("=", 1)[0] in ("--Voila.token", "--Voila.ip"):
            parser.error(
                f"give {arg.split('=', 1)[0]} as --ip ADDRESS or --token TOKEN, before any voila option"
            )
    return args, extra


def announce(args: argparse.Namespace) -> None:
    """Say where the app is, who can reach it and how kernels are limited."""
    limits = (
        f"at most {args.max_kernels} pages at once; a page that never connects is stopped after "
        f"{args.unconnected_timeout} s idle, any page after {args.idle_timeout // 60} minutes idle; "
        f"Ctrl+C stops it"
    )
    if not args.token:
        print(
            f"serve_classroom: the classroom explorer at http://{args.ip}:{args.port}/ ({limits})", flush=True
        )
        return
    addresses = share_addresses(args.ip)
    print(f"serve_classroom: the classroom explorer on the network, with a token ({limits})", flush=True)
    if addresses:
        link = share_link(addresses[0], args.port, args.token)
        print(f"serve_classroom: share this link with the class: {link}", flush=True)
        for other in addresses[1:]:
            print(
                f"serve_classroom: (or, on another network of this computer: "
                f"{share_link(other, args.port, args.token)})",
                flush=True,
            )
    else:
        print(
            f"serve_classroom: share this link with the class, with this computer's address for ADDRESS: "
            f"{share_link('ADDRESS', args.port, args.token)}",
            flush=True,
        )


def main(argv: list[str]) -> int:
    """Parse the options, write the template, then run Voila until Ctrl+C."""
    args, extra = parse_args(argv)
    if not NOTEBOOK.is_file():
        print(f"serve_classroom: {NOTEBOOK.relative_to(ROOT)} is missing", file=sys.stderr)
        return 1
    try:
        app_class, kernel_manager_class = make_app_class()
    except ImportError as error:
        print(
            f"serve_classroom: voila is not installed in this environment ({error}); run it as "
            f"`python3 run.py classroom`, which installs requirements.txt",
            file=sys.stderr,
        )
        return 1
    write_template()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH")])
    )
    os.chdir(ROOT)
    from traitlets.config import Config

    config = Config()
    config.VoilaConfiguration.multi_kernel_manager_class = kernel_manager_class
    # No file beside the notebook is served (Voila's default serves its images; there are none
    # today, so this only keeps it so).
    config.VoilaConfiguration.file_allowlist = []
    config.ClassroomKernelManager.max_kernels = args.max_kernels
    config.ClassroomKernelManager.unconnected_timeout = args.unconnected_timeout
    if args.token:  # in the config, not on the command line, where `ps` would show it
        config.Voila.token = args.token
        here = "127.0.0.1" if args.ip in ("0.0.0.0", "::", "") else share_addresses(args.ip)[0]
        config.ClassroomVoila.local_link = share_link(here, args.port, args.token)
    announce(args)
    app_class.launch_instance(
        argv=voila_argv(
            args.port, args.ip, not args.no_browser, args.idle_timeout, args.cull_interval, extra
        ),
        config=config,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
