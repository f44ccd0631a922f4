"""Bulk work asks for fewer garbage collections and gives the setting back after."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop.upkeep.gctune import YOUNG, seldom_collections


def test_the_young_generation_waits_longer_inside_and_the_setting_comes_back() -> None:
    before = gc.get_threshold()
    with seldom_collections():
        assert gc.get_threshold() == (max(before[0], YOUNG), before[1], before[2])
    assert gc.get_threshold() == before


def test_nested_and_concurrent_uses_restore_only_when_the_last_one_ends() -> None:
    before = gc.get_threshold()
    inside = threading.Event()
    leave = threading.Event()

    def background_import() -> None:
        with seldom_collections():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=background_import)
    with seldom_collections():
        worker.start()
        assert inside.wait(5)
        with seldom_collections():
            pass
        assert gc.get_threshold()[0] >= YOUNG
    assert gc.get_threshold()[0] >= YOUNG  # the background import is still running
    leave.set()
    worker.join(5)
    assert gc.get_threshold() == before


def test_an_error_inside_still_restores_the_setting() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), seldom_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
