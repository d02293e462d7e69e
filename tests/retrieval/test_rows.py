from __future__ import annotations

import json

from retrieval.rows import Reject, iter_creators, validate


def test_jsonl_rows_are_validated_one_by_one(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps({"platform": "instagram", "handle": "ok.one", "followers": 1200}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"platform": "myspace", "handle": "x", "followers": 5}),
        json.dumps({"platform": "tiktok", "handle": "no.followers"}),
        "",
        json.dumps({"platform": "tiktok", "handle": "neg", "followers": -5}),
        json.dumps({"platform": "TikTok", "handle": "@Fine_Two", "followers": "3400", "country": "de"}),
    ]) + "\n")
    items = list(iter_creators(path))
    rejects = [i for i in items if isinstance(i, Reject)]
    good = [i for i in items if not isinstance(i, Reject)]
    assert [c.key for c in good] == ["instagram:ok.one", "tiktok:fine_two"]
    assert good[1].followers == 3400 and good[1].country == "DE"
    assert [(r.line, r.field) for r in rejects] == [(2, None), (3, None), (4, "platform"), (5, "followers"), (7, "followers")]
    assert "not valid JSON" in rejects[0].reason
    assert "JSON object" in rejects[1].reason
    assert "required field is missing" in rejects[3].reason
    assert rejects[3].handle == "no.followers"
    assert all(r.file == str(path) for r in rejects)


def test_csv_flat_fields_nest_and_split(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "platform,handle,followers,languages,categories,rate_card.amount,rate_card.currency,country\n"
        "youtube,clack.lab,90000,en;de,tech,800,usd,us\n"
        "youtube,,10,,,,,\n"
    )
    items = list(iter_creators(path))
    creator, reject = items
    assert creator.languages == ["en", "de"] and creator.categories == ["tech"]
    assert creator.rate_card.amount == 800 and creator.rate_card.currency == "USD"
    assert creator.country == "US"
    assert isinstance(reject, Reject) and reject.line == 3 and reject.field == "handle"


def test_depth_and_surrogates_are_row_rejects(tmp_path):
    from retrieval.rows import MAX_DEPTH, check_raw

    nested: object = "x"
    for _ in range(MAX_DEPTH + 5):
        nested = [nested]
    assert check_raw({"source": {"deep": nested}})[1] == f"nested deeper than {MAX_DEPTH} levels"
    assert check_raw({"bio": "a\ud800b"}) == ("bio", check_raw({"bio": "a\ud800b"})[1])
    assert check_raw({"posts": [{"text": "fine"}, {"hashtags": ["ok", "\udfff"]}]})[0] == "posts.1.hashtags.1"
    assert check_raw({"bio": "emoji 🔥 and ü are fine"}) is None


def test_every_problem_of_a_row_is_named_in_words():
    # Recorded: only the first problem was named, and a country name got "should match pattern '^[A-Z]{2}$'".
    reject = validate({"platform": "instagram", "handle": "x", "followers": 10, "country": "Germany",
                       "languages": ["German"]}, "f.jsonl", 3)
    assert reject.field == "country"
    assert "ISO 3166-1 alpha-2 country code such as DE" in reject.reason
    assert "languages.0: must be an ISO 639-1 language code" in reject.reason
