"""The course works with no network: a classroom without internet must lose nothing.

The figures command and the first notebook run with the network cut off:
- preferably in a new network namespace (`unshare -n`) with only the loopback interface up,
  so nothing at all can leave the machine, while the kernel's ZMQ sockets on 127.0.0.1 work;
- where `unshare -n` is not permitted, with a socket guard: a sitecustomize.py on PYTHONPATH
  (so the kernel gets it too) that makes connects to any non-loopback address raise.

Either way a probe first shows that the cut really holds, without dialling anything outside the
machine: in the namespace it lists the interfaces (only `lo` may exist, so nothing has a route
out); under the guard it checks that the guard is installed and refuses an outside address when
its check is called directly. So these tests cannot pass vacuously. The guard itself is checked
on every run, so the fallback cannot rot unnoticed on machines where the namespace works.

Set KICKBACK_OFFLINE_MODE=guard (or netns) to force one way, e.g. to try the fallback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import notebooks_dir

pytestmark = pytest.mark.offline

MODE_ENV = "KICKBACK_OFFLINE_MODE"
START_NOTEBOOK = notebooks_dir() / "00_start_here.ipynb"
OUTSIDE = "198.51.100.7"  # TEST-NET-2 (RFC 5737): only ever handed to the guard's check, never dialled
FIGURES_TIMEOUT_S = 300
NOTEBOOK_TIMEOUT_S = 900

GUARD_SOURCE = '''
"""Kickback Lab test guard: no socket may reach beyond the loopback interface."""
import ipaddress
import socket


class KickbackNetworkBlocked(ConnectionRefusedError):
    """Raised instead of reaching the network during the offline test."""


def _loopback_or_local(address):
    if not isinstance(address, tuple):
        return True  # AF_UNIX path or other non-IP address
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost


def _check(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback_or_local(address):
        raise KickbackNetworkBlocked("offline test: connection to %r blocked" % (address,))


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto


def connect(self, address):
    _check(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(self, address)
    return _connect_ex(self, address)


def sendto(self, data, *args):
    _check(self, args[-1])
    return _sendto(self, data, *args)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
'''

# Run offline: says how the cut shows itself, without sending anything anywhere. In a network
# namespace the interfaces are listed twice (the kernel's index, and `ip -o link`): only `lo` may be
# there, so no address outside the machine has a route. Under the guard, the probe checks that the
# guard is installed and that it refuses an outside address when asked, before any socket connects.
PROBE_SOURCE = textwrap.dedent(
    """
    import json, shutil, socket, subprocess
    result = {"interfaces": sorted(name for _index, name in socket.if_nameindex())}
    if shutil.which("ip"):
        listed = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True).stdout
        result["ip_link"] = sorted(line.split(":")[1].strip().split("@")[0] for line in listed.splitlines())
    try:
        import sitecustomize
    except ImportError:
        sitecustomize = None
    guard = getattr(sitecustomize, "_check", None)
    result["guard_installed"] = guard is not None and socket.socket.connect.__module__ == "sitecustomize"
    if guard is not None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            guard(sock, ("OUTSIDE_ADDRESS", 9))
            result["guard_blocks"] = None
        except OSError as error:
            result["guard_blocks"] = type(error).__name__ + ": " + str(error)
        finally:
            sock.close()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    result["loopback"] = True
    client.close()
    server.close()
    print(json.dumps(result))
""".replace("OUTSIDE_ADDRESS", OUTSIDE)
)

EXECUTE_SOURCE = textwrap.dedent("""
    import sys
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    source, target, folder, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    nb = nbformat.read(source, as_version=4)
    ExecutePreprocessor(timeout=timeout, kernel_name="python3").preprocess(nb, {"metadata": {"path": folder}})
    nbformat.write(nb, target)
""")


def netns_works() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    try:
        result = subprocess.run(
            ["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


class Offline:
    """Runs commands with the network cut off, one way or the other."""

    def __init__(self, mode: str, guard_dir: Path) -> None:
        self.mode = mode
        self.guard_dir = guard_dir

    def run(self, argv: list[str], *, timeout: float, cwd: Path) -> subprocess.CompletedProcess:
        env = dict(os.environ)
        if self.mode == "netns":
            argv = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *argv]
        else:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(self.guard_dir), env.get("PYTHONPATH")]))
        return subprocess.run(
            argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
        )


def write_guard(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(GUARD_SOURCE, encoding="utf-8")
    return folder


def run_probe(offline: Offline, folder: Path) -> dict:
    script = folder / "probe.py"
    script.write_text(PROBE_SOURCE, encoding="utf-8")
    result = offline.run([sys.executable, str(script)], timeout=60, cwd=folder)
    assert result.returncode == 0, (
        f"the network probe failed ({offline.mode}):\n{result.stdout}\n{result.stderr}"
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def output_tail(result: subprocess.CompletedProcess, lines: int = 40) -> str:
    return "\n".join((result.stdout + "\n" + result.stderr).strip().splitlines()[-lines:])


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, evidence) -> Offline:
    chosen = os.environ.get(MODE_ENV, "auto")
    if chosen not in ("auto", "netns", "guard"):
        pytest.fail(f"{MODE_ENV} must be auto, netns or guard, not {chosen!r}")
    if chosen == "netns" and not netns_works():
        pytest.fail(f"{MODE_ENV}=netns but `unshare -n` with `ip link set lo up` is not permitted here")
    mode = chosen if chosen != "auto" else ("netns" if netns_works() else "guard")
    guard_dir = write_guard(tmp_path_factory.mktemp("guard"))
    offline = Offline(mode, guard_dir)
    probe = run_probe(offline, tmp_path_factory.mktemp("probe"))
    # The cut must hold, or every offline result below would mean nothing.
    assert probe["loopback"], "loopback connections must still work (the kernel talks over 127.0.0.1)"
    if mode == "netns":
        assert probe["interfaces"] == ["lo"], (
            f"the namespace has interfaces {probe['interfaces']}, expected only lo: the network is NOT cut"
        )
        assert probe.get("ip_link", ["lo"]) == ["lo"], (
            f"`ip -o link` lists {probe['ip_link']}, expected only lo"
        )
        how = f"unshare -n, interfaces {probe['interfaces']}"
    else:
        assert probe["guard_installed"] and probe["guard_blocks"], (
            f"the socket guard is not in place: the network is NOT cut ({probe})"
        )
        how = f"socket guard: {probe['guard_blocks']}"
    evidence(f"offline tests: network cut by {how}")
    return offline


def test_socket_guard_blocks(tmp_path: Path):
    """The fallback guard is installed, refuses a non-loopback address and lets loopback through (always)."""
    guard = Offline("guard", write_guard(tmp_path / "guard"))
    probe = run_probe(guard, tmp_path)
    assert probe["guard_installed"], "the socket guard did not replace socket.connect"
    assert probe["guard_blocks"] and probe["guard_blocks"].startswith("KickbackNetworkBlocked"), (
        f"the socket guard did not refuse {OUTSIDE}: {probe['guard_blocks']!r}"
    )
    assert probe["loopback"]


def test_the_offline_tests_dial_no_outside_address():
    """Proving the cut must not depend on reaching (or trying to reach) any host outside the machine."""
    assert ".connect(" not in PROBE_SOURCE and ".sendto(" not in PROBE_SOURCE
    assert "create_connection(server.getsockname()" in PROBE_SOURCE  # the one connection: to itself


def test_figures_offline(offline: Offline, tmp_path: Path):
    out = tmp_path / "figures"
    result = offline.run(
        [sys.executable, "-m", "kickback", "figures", "--out", str(out)],
        timeout=FIGURES_TIMEOUT_S,
        cwd=tmp_path,
    )
    assert result.returncode == 0, (
        f"`python -m kickback figures` failed offline ({offline.mode}):\n{output_tail(result)}"
    )
    written = sorted(path.name for path in out.rglob("*") if path.is_file()) if out.exists() else []
    assert written, f"`python -m kickback figures --out {out}` wrote nothing"


def test_start_here_runs_offline(offline: Offline, tmp_path: Path):
    assert START_NOTEBOOK.exists(), f"{START_NOTEBOOK} is missing"
    folder = tmp_path / "notebooks"
    shutil.copytree(START_NOTEBOOK.parent, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    script = tmp_path / "execute.py"
    script.write_text(EXECUTE_SOURCE, encoding="utf-8")
    executed = tmp_path / "executed.ipynb"
    result = offline.run(
        [
            sys.executable,
            str(script),
            str(folder / START_NOTEBOOK.name),
            str(executed),
            str(folder),
            str(NOTEBOOK_TIMEOUT_S),
        ],
        timeout=NOTEBOOK_TIMEOUT_S + 60,
        cwd=folder,
    )
    assert result.returncode == 0, (
        f"{START_NOTEBOOK.name} failed to run offline ({offline.mode}):\n{output_tail(result)}"
    )
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    outputs = [output for cell in nb.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
    assert outputs, "the notebook ran offline but produced no output"
    errors = [
        f"{output.get('ename')}: {output.get('evalue')}"
        for cell in nb.cells
        if cell.cell_type == "code" and "raises-exception" not in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"error outputs when run offline: {errors}"
