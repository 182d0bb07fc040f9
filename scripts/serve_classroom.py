"""Serve the classroom explorer as an app with Voila: the widgets only, no code, no network.

Steps: write Kickback Lab's Voila template (Voila's own "lab" template without the two style
sheets it fetches from a CDN: Voila bundles the same icon font, so nothing is lost) into the
git-ignored .cache/voila/; then replace this process with Voila serving
notebooks/trainers/classroom_explorer.ipynb on 127.0.0.1 (port 8866 unless --port), code
hidden, and with idle kernels culled (below). Stop it with Ctrl+C.

Every visit to the page starts its own kernel (about 150 MB). Voila shuts a kernel down when
its page is closed; the culler catches the rest (a tab left open, a laptop gone to sleep, a
browser that crashed):
- CULL_IDLE_TIMEOUT_S = 1800: a kernel with no widget activity for 30 minutes is shut down,
  also while its page is still open (cull_connected). Longer than any stretch of a 45- or
  90-minute class in which the projected explorer sits untouched; after it, reload the page.
- CULL_INTERVAL_S = 60: how often the culler looks.
- cull_busy stays off: a kernel in the middle of a computation is never shut down.
Extra arguments go to voila and replace the setting they name, e.g.
--MappingKernelManager.cull_idle_timeout=3600 for an hour.

Usage: python scripts/serve_classroom.py [--port N] [--ip ADDRESS] [--no-browser] [VOILA ARGS...]
       (--ip 0.0.0.0 serves the whole classroom network: anyone on it can open the app)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "trainers" / "classroom_explorer.ipynb"
JUPYTER_DATA = ROOT / ".cache" / "voila"  # a Jupyter data folder holding only our template
TEMPLATE = "kickback-classroom"
DEFAULT_PORT = 8866  # Voila's own default
DEFAULT_IP = "127.0.0.1"
CULL_IDLE_TIMEOUT_S = 1800
CULL_INTERVAL_S = 60

# Voila's "lab" template, minus the remote style sheets in its notebook_css block (and the
# Mermaid loader, which no explorer needs).
TEMPLATE_FILES = {
    "conf.json": '{\n  "base_template": "lab"\n}\n',
    "index.html.j2": """\
{#- Made by scripts/serve_classroom.py; do not edit (it is rewritten on every start). -#}
{%- extends 'voila/templates/lab/index.html.j2' -%}
{%- block notebook_css -%}
{%- for line in super().split('\\n') -%}
{%- if not ('<link' in line and '://' in line) %}
{{ line }}
{%- endif -%}
{%- endfor -%}
{%- endblock notebook_css -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
""",
}


def write_template() -> None:
    """Write the template into .cache/voila/voila/templates/<TEMPLATE>/ (only if it changed)."""
    folder = JUPYTER_DATA / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEMPLATE_FILES.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def settings(port: int, ip: str) -> list[tuple[tuple[str, ...], str]]:
    """Voila's settings: (every name the option goes by, its value)."""
    return [
        (("--port", "--Voila.port"), str(port)),
        (("--Voila.ip",), ip),
        (("--Voila.port_retries",), "0"),  # a busy port is an error, not a silent move elsewhere
        (("--template", "--VoilaConfiguration.template"), TEMPLATE),
        (("--theme", "--VoilaConfiguration.theme"), "light"),
        # Code cells are not even sent to the page.
        (("--strip_sources", "--VoilaConfiguration.strip_sources"), "True"),
        (("--show_tracebacks", "--VoilaConfiguration.show_tracebacks"), "False"),
        (("--MappingKernelManager.cull_idle_timeout",), str(CULL_IDLE_TIMEOUT_S)),
        (("--MappingKernelManager.cull_interval",), str(CULL_INTERVAL_S)),
        (("--MappingKernelManager.cull_connected",), "True"),
        (("--MappingKernelManager.cull_busy",), "False"),
    ]


def voila_command(port: int, ip: str, open_browser: bool, extra: list[str]) -> list[str]:
    """The voila command line: our settings, except those `extra` gives itself (Voila refuses an
    option given twice), then `extra`."""
    voila = shutil.which("voila", path=os.path.dirname(sys.executable)) or shutil.which("voila")
    if voila is None:
        raise SystemExit("serve_classroom: voila is not installed in this environment "
                         "(run it as `python3 run.py classroom`, which installs requirements.txt)")
    given = {arg.split("=", 1)[0] for arg in extra if arg.startswith("--")}
    command = [voila, str(NOTEBOOK)]
    for names, value in settings(port, ip):
        if not given.intersection(names):
            command.append(f"{names[0]}={value}")
    if not open_browser:
        command.append("--no-browser")
    return command + extra


def main(argv: list[str]) -> int:
    """Parse the few options, write the template, then become Voila."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to serve on (default {DEFAULT_PORT})")
    parser.add_argument("--ip", default=DEFAULT_IP,
                        help=f"address to listen on (default {DEFAULT_IP}: this computer only; "
                             f"0.0.0.0: the classroom network)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args, extra = parser.parse_known_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"--port must be between 1 and 65535, not {args.port}")
    if not NOTEBOOK.is_file():
        print(f"serve_classroom: {NOTEBOOK.relative_to(ROOT)} is missing", file=sys.stderr)
        return 1
    write_template()
    command = voila_command(args.port, args.ip, not args.no_browser, extra)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH")]))
    print(f"serve_classroom: the classroom explorer at http://{args.ip}:{args.port}/ "
          f"(kernels idle for {CULL_IDLE_TIMEOUT_S // 60} minutes are shut down; Ctrl+C stops it)", flush=True)
    if args.ip not in ("127.0.0.1", "localhost", "::1"):
        print(f"serve_classroom: listening beyond this computer: on the classroom network, open "
              f"http://ADDRESS:{args.port}/ with this computer's address (`hostname -I` shows it); "
              f"anyone on the network can use the app", flush=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(ROOT)
    os.execve(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
