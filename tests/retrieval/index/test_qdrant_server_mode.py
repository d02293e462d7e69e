"""The qdrant-client backend's server-only code paths, which local mode never runs: the
collection layout it asks a server for (shards, replication, vectors, HNSW), payload
indexes, two workers creating the collection at once, timeouts and retries. The server is
tests/support/fake_qdrant.py on a loopback port; qdrant-client talks real HTTP to it.
The search contract itself is tested on local mode in test_contract.py."""

from __future__ import annotations

import time
import warnings

import pytest
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

from retrieval.index.conditions import PAYLOAD_INDEXES
from retrieval.index.edge import DENSE, POSTS, SPARSE, HnswParams
from retrieval.index.qdrant_server import COLLECTION, QdrantServerCreatorIndex, ServerOptions
from retrieval.runtime import open_index
from tests.support.fake_qdrant import FakeQdrant

pytestmark = pytest.mark.filterwarnings("ignore:Failed to obtain server version")  # a closed fake, after its test

DIM = 384
PATH = f"/collections/{COLLECTION}"


@pytest.fixture
def server():
    fake = FakeQdrant()
    yield fake
    fake.close()


def connect(server: FakeQdrant, **options) -> QdrantServerCreatorIndex:
    options.setdefault("retry_wait_s", 0.01)
    return QdrantServerCreatorIndex.connect(server.url, DIM, options=ServerOptions(**options))


@pytest.mark.filterwarnings("ignore:Api key is used with an insecure connection")
def test_a_new_collection_is_laid_out_as_configured_with_every_payload_index(server):
    index = open_index(DIM, qdrant_url=server.url, qdrant_api_key="k-123",
                       qdrant_options=ServerOptions(shards=3, replicas=2))
    try:
        [create] = server.seen("PUT", PATH)
        body = create.body
        assert (body["shard_number"], body["replication_factor"]) == (3, 2)
        assert body["vectors"][DENSE] == {"size": DIM, "distance": "Cosine"}
        assert body["vectors"][POSTS]["multivector_config"] == {"comparator": "max_sim"}
        assert body["vectors"][POSTS]["hnsw_config"] == {"m": 0}  # read back only, no graph
        assert body["vectors"][POSTS]["on_disk"] is True
        assert body["sparse_vectors"][SPARSE] == {"modifier": "idf"}
        assert body["hnsw_config"] == {"m": HnswParams.m, "ef_construct": HnswParams.ef_construct}

        made = server.seen("PUT", f"{PATH}/index")
        assert {r.body["field_name"]: r.body["field_schema"] for r in made} == dict(PAYLOAD_INDEXES)
        assert all(r.query.get("wait") == ["true"] for r in made)  # ready before the first search
        assert all(r.headers.get("api-key") == "k-123" for r in server.requests if r.path != "/")
    finally:
        index.close()


def test_an_existing_collection_is_kept_and_only_missing_payload_indexes_are_added(server):
    server.collections[COLLECTION] = {"config": {}, "payload_schema": {
        "key": {"data_type": "keyword", "points": 0}, "followers": {"data_type": "integer", "points": 0}}}
    connect(server).close()
    assert server.seen("PUT", PATH) == []
    added = {r.body["field_name"] for r in server.seen("PUT", f"{PATH}/index")}
    assert added == set(PAYLOAD_INDEXES) - {"key", "followers"}
    connect(server).close()  # everything in place now: a second start changes nothing
    assert len(server.seen("PUT", f"{PATH}/index")) == len(added)


def test_a_worker_that_loses_the_race_to_create_the_collection_goes_on(server):
    # Both workers saw "missing"; the other one's create landed first, so ours gets 409.
    server.collections[COLLECTION] = {"config": {"made": "by the other worker"}, "payload_schema": {}}
    original = server._route

    def missing_once(request):
        if request.path == f"{PATH}/exists" and not server.seen("PUT", PATH):
            return 200, {"exists": False}
        return original(request)

    server._route = missing_once
    index = connect(server)
    index.close()
    [create] = server.seen("PUT", PATH)
    assert create.body["vectors"][DENSE]["size"] == DIM
    assert server.collections[COLLECTION]["config"] == {"made": "by the other worker"}  # not replaced
    assert {r.body["field_name"] for r in server.seen("PUT", f"{PATH}/index")} == set(PAYLOAD_INDEXES)


def test_busy_answers_are_retried_until_one_succeeds(server):
    index = connect(server, retries=3)
    server.points = {n: {} for n in range(7)}
    server.fail("POST", f"{PATH}/points/count", 503, 502)
    assert len(index) == 7
    assert len(server.seen("POST", f"{PATH}/points/count")) == 3
    index.close()


def test_retries_stop_after_the_configured_attempts(server):
    index = connect(server, retries=2)
    server.fail("POST", f"{PATH}/points/count", 503, 503, 503)
    with pytest.raises(UnexpectedResponse) as caught:
        len(index)
    assert caught.value.status_code == 503
    assert len(server.seen("POST", f"{PATH}/points/count")) == 2
    index.close()


def test_a_caller_mistake_is_not_retried(server):
    index = connect(server, retries=3)
    server.fail("POST", f"{PATH}/points/count", 400)
    with pytest.raises(UnexpectedResponse):
        len(index)
    assert len(server.seen("POST", f"{PATH}/points/count")) == 1
    index.close()


def test_a_slow_server_times_out_and_the_call_is_tried_again(server):
    index = connect(server, timeout_s=1, retries=2)
    server.points = {n: {} for n in range(3)}
    server.fail("POST", f"{PATH}/points/count", ("sleep", 2.5))
    started = time.monotonic()
    assert len(index) == 3
    assert 1.0 <= time.monotonic() - started < 2.5  # gave up on the slow answer, did not wait it out
    assert len(server.seen("POST", f"{PATH}/points/count")) == 2
    index.close()


def test_a_server_that_is_not_there_fails_after_the_retries():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # qdrant-client's version check cannot connect either
        fake = FakeQdrant()
        url = fake.url
        fake.close()  # nothing listens on the port now
        started = time.monotonic()
        with pytest.raises(ResponseHandlingException):
            QdrantServerCreatorIndex.connect(url, DIM, options=ServerOptions(retries=3, retry_wait_s=0.05))
    assert time.monotonic() - started < 5
