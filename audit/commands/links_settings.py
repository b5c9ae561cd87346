"""The prober's limits for `faq-audit links`: a flag, else the config's `links:` key,
else the prober's default. Kept apart so the grammar (`arguments.py`) and the
config schema name the same settings from one table."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from audit.commands.arguments import PROBE_FLAGS

if TYPE_CHECKING:
    from audit.config import Config
    from audit.links.probe import ProbeSettings

# Keys of the config's `links:` section that are not prober limits, with their flags' dests.
RUN_KEYS = ("history", "max-age", "fail-after", "faq-url", "allow-private")


def with_config(args: argparse.Namespace, config: Config) -> argparse.Namespace:
    """The arguments with each unset flag taken from the config's `links:` section."""
    from audit.commands.arguments import max_age

    values = dict(vars(args))
    for key, value in config.links.items():
        dest = key.replace("-", "_")
        if values.get(dest) in (None, False):
            if key == "max-age":
                value = max_age(str(value))
            elif key == "history":  # a file the config names is beside the config
                value = Path(config.path or ".").parent / str(value)
            elif key == "ca-file":
                value = str(Path(config.path or ".").parent / str(value))
            values[dest] = value
    return argparse.Namespace(**values)


def probe_settings(args: argparse.Namespace, config: Config) -> ProbeSettings:
    from audit.links.probe import ProbeSettings

    given = {
        name.replace("-", "_"): getattr(args, name.replace("-", "_"))
        for name in PROBE_FLAGS
        if getattr(args, name.replace("-", "_"), None) is not None
    }
    fields = {f.name for f in dataclasses.fields(ProbeSettings)}
    links = config.links
    if "headers" in links and "headers" in fields:
        given["headers"] = {host: dict(h) for host, h in links["headers"].items()}
    if "allowed-networks" in links and "allowed_networks" in fields:
        given["allowed_networks"] = tuple(links["allowed-networks"])
    if "ca-file" in links and "ca_file" not in given:  # relative to the config, like history
        given["ca_file"] = str(Path(config.path or ".").parent / str(links["ca-file"]))
    given["allow_private"] = bool(args.allow_private)
    return ProbeSettings(**{k: v for k, v in given.items() if k in fields})
