"""The pre-publish report in a real headless browser (Debian's `chromium`): the page a
person opens has its sections, shows hostile content as text, runs no script, and the
screenshot of it is not blank.

Skipped, saying why, where no Chromium or Chrome is installed; `.ci/run` installs
Debian's `chromium` when it runs as root with apt-get, so the test runs in CI.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED_FAQ, ROOT, CliRun

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser: install Debian's `chromium` (apt-get install -y chromium); "
    ".ci/run does so when it runs as root",
)


def _browser(tmp_path: Path, *argv: str) -> str:
    """Run the browser headless, offline and with a profile of its own; its stdout."""
    assert BROWSER is not None
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # root in CI containers has no user namespace sandbox
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # tests reach no host, whatever the page says
            f"--user-data-dir={profile}",
            *argv,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _pixels(png: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixel values of an 8-bit RGB(A) PNG, decoded here
    (chunks, zlib, the five row filters) so the test needs no imaging library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, chunks, header = 8, [], b""
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            chunks.append(data)
        at += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6), f"bit depth {depth}, colour type {color}"
    size = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    previous = bytearray(stride)
    seen: set[bytes] = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + guess) & 0xFF
        if row % 4 == 0:  # every fourth row is plenty to tell a page from a blank
            seen.update(bytes(line[i : i + size]) for i in range(0, stride, size * 2))
        previous = line
    return width, height, seen


@pytest.mark.slow
def test_bundled_faq_report_in_a_headless_browser_has_its_sections_and_is_not_blank(
    cli: CliRun, tmp_path: Path
) -> None:
    code, _out, err = cli(
        "report", str(BUNDLED_FAQ), "--config", str(ROOT / "faq-audit.yaml"), "--html", "r.html"
    )
    assert code == 0, err
    page = (tmp_path / "r.html").as_uri()
    dom = _browser(tmp_path, "--dump-dom", page)
    for section in ("verdict", "findings", "facts", "contacts", "links"):
        assert f'<section id="{section}"' in dom
    assert '<p class="headline" id="verdict-headline">Fit to publish</p>' in dom
    assert "<mark>order are</mark>" in dom
    shot = tmp_path / "r.png"
    _browser(tmp_path, f"--screenshot={shot}", "--window-size=800,1000", page)
    width, height, colours = _pixels(shot.read_bytes())
    assert (width, height) == (800, 1000)
    assert len(colours) > 50, f"the screenshot has {len(colours)} colours: a blank page?"


HOSTILE = """\
category: A
entries:
  - id: hostile
    question: "Is <script>document.body.setAttribute('data-pwned', 'yes')</script> shown?"
    answer: >-
      Call <img src=x onerror="document.body.setAttribute('data-img', 'yes')">
      on (800) 796 - 7546.
"""


@pytest.mark.slow
def test_hostile_content_shows_as_text_and_runs_nothing_in_the_browser(
    cli: CliRun, write: Any, tmp_path: Path
) -> None:
    write("faq/a.yaml", HOSTILE)
    code, _out, err = cli("report", "faq", "--html", "r.html")
    assert code == 0, err
    dom = _browser(tmp_path, "--dump-dom", (tmp_path / "r.html").as_uri())
    assert "<script" not in dom and "<img" not in dom
    assert "<body data-" not in dom
    assert (
        "Is &lt;script&gt;document.body.setAttribute('data-pwned', 'yes')&lt;/script&gt; shown?"
        in dom
    )
