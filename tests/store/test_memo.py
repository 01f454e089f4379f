"""The memo of database reads: remembered per topic until forgotten, never stale after a write."""

from __future__ import annotations

import threading

from bazaar_pos.store.memo import Memo


def reader(values):
    """A read that returns the next of ``values`` each time and counts the calls."""
    calls = []

    def read():
        calls.append(1)
        return values[len(calls) - 1]

    return read, calls


def test_a_value_is_read_once_and_remembered_by_key():
    memo = Memo()
    read, calls = reader(["first", "second"])
    assert memo.recall("settings", "shop", read) == "first"
    assert memo.recall("settings", "shop", read) == "first"
    assert len(calls) == 1
    assert memo.recall("settings", "access", lambda: "other key") == "other key"


def test_forgetting_a_topic_reads_its_values_again_and_keeps_the_others():
    memo = Memo()
    read, calls = reader(["old", "new"])
    memo.recall("settings", "shop", read)
    assert len(calls) == 1
    memo.recall("users", "active", lambda: True)
    memo.forget("settings")
    assert memo.recall("settings", "shop", read) == "new"
    assert memo.recall("users", "active", lambda: False) is True
    memo.forget_all()
    assert memo.recall("users", "active", lambda: False) is False


def test_a_value_read_while_its_topic_changes_is_not_kept():
    memo = Memo()

    def read_during_a_write():
        memo.forget("settings")  # a write commits while this read is under way
        return "maybe stale"

    assert memo.recall("settings", "shop", read_during_a_write) == "maybe stale"
    assert memo.recall("settings", "shop", lambda: "fresh") == "fresh"
    memo.forget("never read")
    assert memo.recall("never read", "x", lambda: 1) == 1


def test_a_value_read_while_everything_is_forgotten_is_not_kept():
    memo = Memo()

    def read_during_a_restore():
        memo.forget_all()
        return "from the replaced file"

    assert memo.recall("settings", "shop", read_during_a_restore) == "from the replaced file"
    assert memo.recall("settings", "shop", lambda: "restored") == "restored"


def test_threads_share_one_memo():
    memo = Memo()
    seen = []
    threads = [
        threading.Thread(target=lambda: seen.append(memo.recall("t", "k", lambda: "v")))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["v"] * 8
