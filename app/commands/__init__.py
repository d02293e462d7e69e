"""Command implementations, one module per concern; loaded lazily so `castlist parse`
does not pay for torch."""

from __future__ import annotations

import argparse
import importlib

_COMMANDS = {
    "demo-data": "app.commands.data:demo_data",
    "ingest": "app.commands.data:ingest",
    "schema": "app.commands.data:schema",
    "export": "app.commands.data:export",
    "search": "app.commands.data:search",
    "reindex": "app.commands.reindex:reindex",
    "parse": "app.commands.agent:parse",
    "shortlist": "app.commands.agent:shortlist",
    "serve": "app.commands.serve:serve",
    "eval": "app.commands.evaluate:evaluate",
    "bench": "app.commands.bench:bench",
    "calibrate": "app.commands.calibrate:calibrate",
    "keys": "app.commands.keys:keys",
}


def dispatch(args: argparse.Namespace) -> int:
    module, func = _COMMANDS[args.command].split(":")
    return getattr(importlib.import_module(module), func)(args)
