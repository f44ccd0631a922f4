"""``anbu map`` — 지도: the offline map's base layers (roads, buildings), loaded once by an
administrator and drawn by every PC of the office."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.enums import MapLayerKind
from desktop.cli.terminal import EXIT_OK, open_signed_in


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    maps = commands.add_parser("map", help="지도의 기본 지도 (도로·건물, 관리자)")
    map_commands = maps.add_subparsers(dest="map_command", metavar="ACTION", required=True)
    load = map_commands.add_parser(
        "load",
        help="도로(선)·건물(면) GeoJSON(WGS84)을 기본 지도로 불러옵니다 (같은 종류는 바꿈)",
    )
    load.add_argument("file", type=Path, metavar="FILE.geojson")
    listing = map_commands.add_parser("list", help="불러온 기본 지도")
    listing.add_argument("--json", action="store_true", help="한 줄에 한 지도씩 JSON")
    remove = map_commands.add_parser("remove", help="기본 지도를 지웁니다")
    remove.add_argument("kind", choices=[k.value for k in MapLayerKind])


def _cmd_map(args: argparse.Namespace, out: TextIO) -> int:
    from desktop.mapping import layers
    from desktop.timeutil import format_kst, to_kst

    with open_signed_in(args) as ctx:
        if args.map_command == "load":
            loaded = layers.load_layers(ctx, args.file)
            print("기본 지도를 불러왔습니다: " + ", ".join(i.describe() for i in loaded), file=out)
        elif args.map_command == "remove":
            removed = layers.remove_layer(ctx, MapLayerKind(args.kind))
            print(f"기본 지도를 지웠습니다: {removed.describe()}", file=out)
        else:
            for info in layers.list_layers(ctx):
                if args.json:
                    item = {
                        "kind": info.kind.value,
                        "file": info.label,
                        "features": info.features,
                        "loaded_at": to_kst(info.loaded_at).isoformat(),
                        "loaded_by": info.loaded_by,
                    }
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
                else:
                    print(
                        f"{info.describe()} — {format_kst(info.loaded_at)} "
                        f"{info.loaded_by or ''}".rstrip(),
                        file=out,
                    )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {"map": _cmd_map}
