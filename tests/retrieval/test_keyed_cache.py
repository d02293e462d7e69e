"""The read cache shared by the creator store and the Edge index: bounded by weight, least
recently read out first, and a read begun before a write is never kept."""

from __future__ import annotations

from retrieval.keyed_cache import KeyedCache


def test_bounded_by_weight_least_recently_read_out_first():
    cache: KeyedCache[str] = KeyedCache(5, weight=len)
    cache.put_many({"a": "xx", "b": "yy"}, cache.epoch())
    assert cache.get_many(["a"]) == {"a": "xx"}  # "a" is now the most recently read
    cache.put_many({"c": "zz"}, cache.epoch())  # 6 > 5: "b" goes
    assert cache.get_many(["a", "b", "c"]) == {"a": "xx", "c": "zz"}
    cache.put_many({"big": "123456"}, cache.epoch())  # heavier than the whole cache: not kept
    assert cache.get_many(["big", "a", "c"]) == {"a": "xx", "c": "zz"}
    cache.put_many({"a": "wwww"}, cache.epoch())  # replacing a key counts its new weight only
    assert cache.get_many(["a", "c"]) == {"a": "wwww"}


def test_a_drop_removes_the_keys_and_refuses_reads_begun_before_it():
    cache: KeyedCache[int] = KeyedCache(10)
    cache.put_many({"a": 1, "b": 2}, cache.epoch())
    before_write = cache.epoch()
    cache.drop(["a"])
    assert cache.get_many(["a", "b"]) == {"b": 2}
    cache.put_many({"a": 1}, before_write)  # read before the write: may be the old value
    assert cache.get_many(["a"]) == {}
    cache.put_many({"a": 3}, cache.epoch())
    assert cache.get_many(["a"]) == {"a": 3}


def test_size_zero_keeps_nothing():
    cache: KeyedCache[int] = KeyedCache(0)
    cache.put_many({"a": 1}, cache.epoch())
    assert cache.get_many(["a"]) == {} and len(cache) == 0
