"""`castlist keys create|list|revoke`: API keys for the service (stored hashed)."""

from __future__ import annotations

import argparse
import sys

from app.auth import create_key
from app.db import Database
from app.settings import get_settings


def keys(args: argparse.Namespace) -> int:
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.open(settings.resolved_database_url, settings.pool_options)
    try:
        if args.keys_command == "create":
            key, row = create_key(db, args.name)
            print(key)
            print(f"created key {row.prefix} ({row.name}). It is shown only now: store it; clients send "
                  "`Authorization: Bearer <key>`.", file=sys.stderr)
            return 0
        if args.keys_command == "list":
            rows = db.list_keys()
            if not rows:
                print("no API keys (the server listens on loopback only)", file=sys.stderr)
            for row in rows:
                status = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
                print(f"{row.prefix}\t{row.name}\t{row.created_at:%Y-%m-%d %H:%M}\t{status}")
            return 0
        if args.keys_command == "revoke":
            prefix = args.prefix.removeprefix("cl_").split("_")[0]
            if db.revoke_key(prefix):
                print(f"revoked {prefix}", file=sys.stderr)
                return 0
            print(f"no active key with prefix {prefix!r}", file=sys.stderr)
            return 1
        print(f"unknown keys command {args.keys_command!r}", file=sys.stderr)
        return 2
    finally:
        db.close()
