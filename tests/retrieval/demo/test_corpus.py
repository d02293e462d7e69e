"""Every generated row is a valid, internally consistent creator in the import format."""

from __future__ import annotations

from collections import Counter
from datetime import date

from retrieval.demo import NOW
from retrieval.demo.distributions import FORMATS
from retrieval.schema import AGE_BUCKETS, Creator

from .conftest import SAMPLE_SIZE, Row
from .helpers import days_since_last_post

LANGUAGE_COUNTRIES = {
    "de": {"DE", "AT", "CH"}, "es": {"ES", "MX", "AR", "CO", "CL"}, "fr": {"FR", "BE", "CA", "CH"},
    "pt": {"BR", "PT"}, "ja": {"JP"}, "zh": {"CN", "TW", "SG"},
}


def test_every_row_validates_as_creator(sample: list[Row]) -> None:
    assert len(sample) == SAMPLE_SIZE
    for row, label in sample:
        creator = Creator.model_validate(row)
        assert (creator.platform, creator.handle) == (label.platform, label.handle)
        assert creator.posts and creator.follower_history and creator.bio


def test_identity_is_unique_and_people_reuse_their_handle(sample: list[Row]) -> None:
    keys = [(r["platform"], r["handle"].lower()) for r, _ in sample]
    assert len(set(keys)) == len(keys)
    by_person: dict[int, list[Row]] = {}
    for row, label in sample:
        by_person.setdefault(label.person_id, []).append((row, label))
    multi = [rows for rows in by_person.values() if len(rows) > 1]
    assert 0.04 * len(by_person) <= len(multi) <= 0.12 * len(by_person)
    for rows in multi:
        assert len({r["handle"] for r, _ in rows}) == 1
        assert len({r["platform"] for r, _ in rows}) == len(rows)
        assert len({(lab.niche, lab.language) for _, lab in rows}) == 1
    # Handles differ between people.
    handle_owner: dict[str, int] = {}
    for row, label in sample:
        assert handle_owner.setdefault(row["handle"], label.person_id) == label.person_id


def test_posts_are_complete_and_in_the_window(sample: list[Row]) -> None:
    post_ids = Counter()
    for row, label in sample:
        posts = row["posts"]
        assert 8 <= len(posts) <= 16
        allowed_formats = {f for f, _ in FORMATS[row["platform"]]}
        for p in posts:
            post_ids[p["id"]] += 1
            assert p["format"] in allowed_formats
            assert 3 <= len(p["comments_sample"]) <= 6
            assert all(c.startswith("@") and ": " in c for c in p["comments_sample"])
            assert p["comments"] >= len(p["comments_sample"])
            assert p["created_at"].endswith("Z") and p["created_at"] < "2026-11-01T00:00:00Z"
            assert p["sponsored"] == bool(p["sponsors"])
        if not label.inactive:
            oldest = min(p["created_at"] for p in posts)
            assert oldest >= "2026-07-03T00:00:00Z"  # within ~120 days of NOW
    assert max(post_ids.values()) == 1


def test_follower_history_is_monthly_and_ends_at_today(sample: list[Row]) -> None:
    for row, _ in sample:
        history = row["follower_history"]
        assert 4 <= len(history) <= 8
        dates = [date.fromisoformat(h["date"]) for h in history]
        assert dates == sorted(dates) and all(d.day == 1 for d in dates)
        assert dates[-1] == NOW.date()
        assert history[-1]["followers"] == row["followers"]


def test_audience_shares_are_proper(sample: list[Row]) -> None:
    with_ages = 0
    for row, _ in sample:
        audience = row.get("audience")
        if not audience:
            continue
        assert sum(audience["countries"].values()) <= 1.0 + 1e-9
        assert next(iter(audience["countries"])) == row["country"]
        if "ages" in audience:
            with_ages += 1
            assert set(audience["ages"]) <= set(AGE_BUCKETS)
            assert abs(sum(audience["ages"].values()) - 1.0) < 1e-9
            assert abs(sum(audience["genders"].values()) - 1.0) < 1e-9
    assert with_ages > 0.7 * len(sample)


def test_language_and_country_agree(sample: list[Row]) -> None:
    for row, label in sample:
        assert row["languages"][0] == label.language
        assert row["country"] == label.country
        if label.language in LANGUAGE_COUNTRIES:
            assert row["country"] in LANGUAGE_COUNTRIES[label.language], (label.language, row["country"])
        for p in row["posts"]:
            if "location" in p:
                assert set(p["location"]) == {"country", "city"}


def test_inactive_accounts_stopped_posting_and_active_ones_did_not(sample: list[Row]) -> None:
    for row, label in sample:
        days = days_since_last_post(row)
        if label.inactive:
            assert days >= 90
        else:
            assert days <= 30
