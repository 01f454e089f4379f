"""The emupos printer simulator as three network printers on 127.0.0.1.

A 58 mm printer (32 characters a line), an 80 mm one (48) and an 80 mm one that prints 42
characters a line, as printers in "42-column mode" and 512-dot printers do.

emupos decodes ESC/POS independently of python-escpos and keeps each job as text, PNG and
metadata. It needs Python 3.13, so it lives in its own virtual environment made by
tests/tools/install_emupos.sh; the fixture runs that script when the environment is missing.
Without emupos the tests that need it fail: they never skip.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "tests" / "tools" / "install_emupos.sh"
DEFAULT_BIN = ROOT / ".venv-emupos" / "bin" / "emupos"

PROFILE_58 = """\
type: printer
name: Generic 58 mm (POS-5890 clone)
dpi: 203
width_dots: 384
font_a: { width: 12, height: 24 }
font_b: { width: 9, height: 17 }
code_pages: { 0: PC437, 2: PC850, 16: WPC1252, 19: PC858 }
default_code_page: 0
drawer_sensor_open_level: high
"""

PROFILE_42 = """\
type: printer
name: 80 mm, 42 characters a line (512 dots at 180 dpi, like the TM-T88 family)
dpi: 180
width_dots: 512
font_a: { width: 12, height: 24 }
font_b: { width: 9, height: 17 }
code_pages: { 0: PC437, 2: PC850, 16: WPC1252, 19: PC858 }
default_code_page: 0
drawer_sensor_open_level: high
"""

CONFIG = """\
schema: 1
api: {{ host: 127.0.0.1, port: {api} }}
devices:
  - id: p58
    type: printer
    profile: ./pos58.yaml
    connections: [ {{ tcp: {{ host: 127.0.0.1, port: {p58} }} }} ]
    job_idle_timeout_ms: 400
    receipts_dir: ./r58
  - id: p80
    type: printer
    profile: epson-tm-t20iii
    connections: [ {{ tcp: {{ host: 127.0.0.1, port: {p80} }} }} ]
    job_idle_timeout_ms: 400
    receipts_dir: ./r80
  - id: p42
    type: printer
    profile: ./pos42.yaml
    connections: [ {{ tcp: {{ host: 127.0.0.1, port: {p42} }} }} ]
    job_idle_timeout_ms: 400
    receipts_dir: ./r42
"""

FAULTS = ("paper-near-end", "paper-out", "cover-open", "offline")


@dataclass(frozen=True)
class Printout:
    """One receipt as emupos decoded it."""

    text: str
    png: bytes
    meta: dict[str, Any]

    @property
    def lines(self) -> list[str]:
        """The decoded text, one entry per printed line."""
        return self.text.splitlines()


class VirtualPrinters:
    """Drives the running simulator through its control API."""

    def __init__(self, api_port: int, ports: dict[str, int], workdir: Path) -> None:
        self.api = f"http://127.0.0.1:{api_port}/api/v1"
        self.ports = ports
        self.workdir = workdir

    def uri(self, device: str) -> str:
        """The printer URI the app uses to reach ``device``."""
        return f"network://127.0.0.1:{self.ports[device]}"

    def receipts(self, device: str) -> list[dict[str, Any]]:
        """Receipts completed so far, newest first."""
        return json.loads(self._call("GET", f"/devices/{device}/receipts"))

    def wait_receipt(self, device: str, before: int, timeout: float = 10) -> Printout:
        """The next receipt after ``before`` receipts, once emupos has finished it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            receipts = self.receipts(device)
            if len(receipts) > before:
                meta = receipts[0]
                base = f"/devices/{device}/receipts/{meta['id']}"
                text = self._call("GET", base + "/text").decode("utf-8")
                return Printout(text, self._call("GET", base + "/image"), meta)
            time.sleep(0.05)
        raise AssertionError(f"emupos printer {device} completed no receipt in {timeout} s")

    def fault(self, device: str, name: str, active: bool = True) -> None:
        """Make ``device`` report a fault (paper-out, offline, ...) or clear it."""
        self._call("PUT" if active else "DELETE", f"/devices/{device}/faults/{name}")

    def state(self, device: str) -> dict[str, Any]:
        """The device's faults and drawer state."""
        return json.loads(self._call("GET", f"/devices/{device}"))["state"]

    def close_drawer(self, device: str) -> None:
        """Push the cash drawer shut."""
        self._call("POST", f"/devices/{device}/drawer/close")

    def reset(self) -> None:
        """Clear every fault and close every drawer."""
        for device in self.ports:
            for name in FAULTS:
                self.fault(device, name, active=False)
            self.close_drawer(device)

    def healthy(self) -> bool:
        """Whether the control API answers."""
        try:
            return json.loads(self._call("GET", "/health"))["status"] == "ok"
        except (OSError, ValueError):
            return False

    def _call(self, method: str, path: str) -> bytes:
        request = urllib.request.Request(self.api + path, method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def emupos_binary() -> Path:
    """The emupos executable, installing it with tests/tools/install_emupos.sh if needed."""
    configured = os.environ.get("EMUPOS_BIN")
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"EMUPOS_BIN={configured} is not an emupos executable", pytrace=False)
        return Path(configured)
    if not DEFAULT_BIN.exists():
        result = subprocess.run(
            ["bash", str(INSTALLER)], capture_output=True, text=True, timeout=600, check=False
        )
        if result.returncode:
            pytest.fail(
                "emupos (the ESC/POS simulator the receipt tests need) could not be installed "
                f"by {INSTALLER}:\n{result.stdout}\n{result.stderr}",
                pytrace=False,
            )
    return DEFAULT_BIN


@pytest.fixture(scope="session")
def emupos_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualPrinters]:
    """emupos running with the 58 mm, 80 mm and 42-column printers for the whole test run."""
    binary = emupos_binary()
    workdir = tmp_path_factory.mktemp("emupos")
    (workdir / "pos58.yaml").write_text(PROFILE_58)
    (workdir / "pos42.yaml").write_text(PROFILE_42)
    api, p58, p80, p42 = free_port(), free_port(), free_port(), free_port()
    (workdir / "emupos.yaml").write_text(CONFIG.format(api=api, p58=p58, p80=p80, p42=p42))
    log = (workdir / "emupos.log").open("wb")
    process = subprocess.Popen(
        [str(binary), "run", "--config", str(workdir / "emupos.yaml")],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    printers = VirtualPrinters(api, {"p58": p58, "p80": p80, "p42": p42}, workdir)
    try:
        deadline = time.monotonic() + 30
        while not printers.healthy():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "emupos did not start:\n" + (workdir / "emupos.log").read_text(),
                    pytrace=False,
                )
            time.sleep(0.1)
        yield printers
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def emupos(emupos_session: VirtualPrinters) -> Iterator[VirtualPrinters]:
    """The simulator with no faults and closed drawers, reset again after the test."""
    emupos_session.reset()
    yield emupos_session
    emupos_session.reset()


def row(left: str, right: str, columns: int) -> str:
    """A receipt line with ``right`` flush against the right edge of ``columns``."""
    return left + right.rjust(columns - len(left))


def print_sale(shop, sale_uuid: str):
    """Queue the receipt of ``sale_uuid`` and print it now; the finished job."""
    job = shop.print_queue.enqueue_receipt(sale_uuid)
    return shop.print_queue.run(job.uuid)
