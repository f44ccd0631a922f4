"""A colleague's PC for tests of several PCs on one database: a process of its own with its
own keyring (the keys moved to it, as ``anbu keys import`` does) and data folder, signed in
as its worker, working through the client's services.

    python -m tests.helpers.other_pc

Reads JSON lines on stdin: first ``{"url", "identity", "keys", "username", "password"}``,
then commands, each answered by one JSON line on stdout:

- ``{"do": "status", "case": ID, "to": STATUS}``: open the case and change its status
  (``{"version": NEW}``);
- ``{"do": "wait_change", "table": NAME}``: wait (10 s at most) until the change feed
  hears of a write to that table by another client (``{"heard": true|false}``);
- ``{"do": "quit"}``.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import keyring

from db.enums import CaseStatus
from desktop.casework.detail import CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.context import open_database
from desktop.security import accounts, secrets
from desktop.upkeep.changes import ChangeFeed
from tests.helpers.keyring_memory import MemoryKeyring


def _answer(value: dict[str, Any]) -> None:
    print(json.dumps(value), flush=True)


def main() -> int:
    config = json.loads(sys.stdin.readline())
    keyring.set_keyring(MemoryKeyring())
    secrets.store_keys(config["identity"], secrets.decode_keys(config["keys"]))
    with open_database(config["url"]) as ctx:
        accounts.sign_in(ctx, config["username"], config["password"])
        feed = ChangeFeed(ctx)
        details, work = CaseDetailService(ctx), CaseworkService(ctx)
        _answer({"ready": True})
        for line in sys.stdin:
            command = json.loads(line)
            if command["do"] == "status":
                shown = details.detail(command["case"])
                feed.poll()  # its own write is not a colleague's
                version = work.change_status(
                    shown.id, shown.version, CaseStatus(command["to"]), None
                )
                settle = time.monotonic() + 0.5  # its own notices, heard and let go
                while time.monotonic() < settle:
                    feed.poll()
                    time.sleep(0.05)
                _answer({"version": version})
            elif command["do"] == "wait_change":
                deadline = time.monotonic() + 10
                heard = False
                while not heard and time.monotonic() < deadline:
                    seen = feed.poll()
                    heard = command["table"] in seen.tables or seen.everything
                    time.sleep(0.05)
                _answer({"heard": heard})
            else:
                break
        feed.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
