"""HTTPS through the safety guard: the guard picks and checks the address, TLS still
speaks to the host *name* (SNI, certificate verified for that name).

A real TLS server on 127.0.0.1 with a certificate from a throwaway CA (trustme)
for a made-up name; the resolver hook makes the name resolve to 127.0.0.1, and
`ca_file` (the `links: ca-file` config key) makes the prober trust that CA.
"""

from __future__ import annotations

import argparse
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import trustme

from audit.commands.links_settings import probe_settings
from audit.config import ConfigError, load_config
from audit.links.probe import ProbeSettings, probe_all
from audit.links.results import Verdict
from tests.conftest import CliRun
from tests.links._http_server import Server

NAME = "faq.example.test"
QUICK = ProbeSettings(
    connect_timeout=2.0, read_timeout=2.0, url_deadline=4.0, retries=0, backoff=0.01
)


@dataclass(frozen=True, slots=True)
class TlsSite:
    port: int
    ca_file: str
    sni: list[str | None]  # the server name each handshake asked for

    def url(self, path: str, host: str = NAME) -> str:
        return f"https://{host}:{self.port}{path}"


def _resolve_to_loopback(host: str) -> list[str]:
    return ["127.0.0.1"]


def _tls_server(tmp_path: Path, cert_name: str) -> Iterator[TlsSite]:
    ca = trustme.CA()
    ca_file = tmp_path / f"ca-{cert_name}.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(cert_name).configure_cert(context)
    sni: list[str | None] = []

    def note(sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, ctx: object) -> None:
        sni.append(name)

    context.sni_callback = note
    server = Server({"/ok": lambda h: h.reply(200, "<title>Secure</title>")})
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield TlsSite(server.server_address[1], str(ca_file), sni)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[TlsSite]:
    yield from _tls_server(tmp_path, NAME)


@pytest.fixture
def wrong_site(tmp_path: Path) -> Iterator[TlsSite]:
    yield from _tls_server(tmp_path, "someone-else.example.test")


def test_a_name_resolving_to_loopback_is_reached_over_https_with_sni_and_a_verified_cert(
    site: TlsSite,
) -> None:
    settings = replace(QUICK, allow_private=True, ca_file=site.ca_file)
    url = site.url("/ok")
    result = probe_all([url], settings, resolver=_resolve_to_loopback)[url]
    assert (result.verdict, result.status, result.error) == (Verdict.OK, 200, None)
    assert site.sni == [NAME]


def test_without_the_extra_ca_the_certificate_is_not_trusted(site: TlsSite) -> None:
    url = site.url("/ok")
    result = probe_all([url], replace(QUICK, allow_private=True), resolver=_resolve_to_loopback)
    assert result[url].verdict is Verdict.ERROR
    assert "TLS error" in (result[url].error or "")
    assert "certificate" in (result[url].error or "")


def test_a_certificate_for_another_name_is_a_tls_error_in_words(wrong_site: TlsSite) -> None:
    settings = replace(QUICK, allow_private=True, ca_file=wrong_site.ca_file)
    url = wrong_site.url("/ok")
    result = probe_all([url], settings, resolver=_resolve_to_loopback)[url]
    assert result.verdict is Verdict.ERROR
    assert result.error is not None and result.error.startswith("TLS error")
    assert NAME in result.error  # "Hostname mismatch, certificate is not valid for '…'"


def test_the_guard_still_refuses_the_private_address_over_https(site: TlsSite) -> None:
    url = site.url("/ok")
    result = probe_all([url], replace(QUICK, ca_file=site.ca_file), resolver=_resolve_to_loopback)
    assert result[url].verdict is Verdict.ERROR
    assert "loopback" in (result[url].error or "")
    assert site.sni == []  # refused before any handshake


def test_a_missing_ca_file_is_an_error_for_every_url_not_a_crash(tmp_path: Path) -> None:
    url = "https://faq.example.test/ok"
    settings = replace(QUICK, ca_file=str(tmp_path / "absent.pem"))
    result = probe_all([url], settings, resolver=_resolve_to_loopback)[url]
    assert result.verdict is Verdict.ERROR
    assert "cannot load the CA file" in (result.error or "")


def test_the_config_ca_file_key_is_read_relative_to_the_config_and_trusted(
    site: TlsSite, tmp_path: Path
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    Path(site.ca_file).rename(folder / "intranet-ca.pem")
    config_file = folder / "faq-audit.yaml"
    config_file.write_text("links:\n  ca-file: intranet-ca.pem\n  retries: 0\n")
    config = load_config(config_file)
    settings = probe_settings(argparse.Namespace(allow_private=True), config)
    assert settings.ca_file == str(folder / "intranet-ca.pem")
    url = site.url("/ok")
    assert probe_all([url], settings, resolver=_resolve_to_loopback)[url].verdict is Verdict.OK


def test_an_empty_ca_file_key_is_a_config_problem(tmp_path: Path) -> None:
    config_file = tmp_path / "faq-audit.yaml"
    config_file.write_text('links:\n  ca-file: ""\n')
    with pytest.raises(ConfigError, match="ca-file is empty"):
        load_config(config_file)


@pytest.fixture
def ip_site(tmp_path: Path) -> Iterator[TlsSite]:
    yield from _tls_server(tmp_path, "127.0.0.1")


def test_the_ca_file_flag_makes_the_command_trust_that_ca(
    ip_site: TlsSite, cli: CliRun, tmp_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(ip_site.url("/ok", host="127.0.0.1") + "\n")
    argv = ["links", "--urls-from", str(urls), "--allow-private", "--retries", "0"]
    code, out, _err = cli(*argv, "--format", "json")
    assert code == 1 and "certificate" in json.loads(out)["links"][0]["error"]
    code, out, _err = cli(*argv, "--format", "json", "--ca-file", ip_site.ca_file)
    assert code == 0 and json.loads(out)["links"][0]["verdict"] == "ok"
