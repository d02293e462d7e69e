"""Planted problems come at realistic rates and are observable in the data alone."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

from retrieval.demo.brands import COMPETITOR_BRANDS
from retrieval.demo.distributions import ER_BANDS, SPONSORED_BANDS

from .conftest import Row
from .helpers import growth_spike, median_er, repeated_order_share, sponsored_share, undisclosed_ids

# Independent markers per category (a few unambiguous words each, several languages).
SAFETY_MARKERS = {
    "alcohol": r"wine|cocktail|beer|tequila|mimosa|rosé|negroni|mezcal|margarita|martini|ipa\b|stout|gin and tonic|🍷|🍺|🥃|🥂|"
               r"wein|bier|vino|cerveza|vinho|cerveja|bière|caipirinha|ワイン|ビール|日本酒|红酒|啤酒|鸡尾酒|葡萄酒|cheers|prost",
    "gambling": r"casino|betting|bet on|parlay|poker|slots|blackjack|free spins|wett|apost|cuotas|cotes|odds|賭け|カジノ|赌场|押了|🎰",
    "tobacco": r"cigar|vape|hookah|shisha|cigarette",
    "drugs": r"edible|weed|420|shrooms|microdosing|puff puff",
    "adult": r"nsfw|18\+|🔞|uncensored",
    "violence": r"street fight|brawl|knocked him out|beating|hit him|fight fight",
    "weapons": r"pistol|rifle|tactical knife|caliber|holster|🔫",
    "politics": r"election|vote|rally|candidate|government|politics|wahl|elecciones|élection|eleição|comício|mitin|meeting de campagne|選挙|选举|竞选",
    "profanity": r"fuck|shit|damn|wtf|screw it|scheiße|verdammt|joder|puta|putain|merde|caralho|porra|クソ|我靠|他妈",
    "hate": r"don't belong|shouldn't be allowed in this country|being replaced|send them|stay out of our country",
}


def _rate(sample: list[Row], predicate) -> float:
    return sum(1 for row, label in sample if predicate(row, label)) / len(sample)


def test_planted_rates(sample: list[Row]) -> None:
    assert 0.04 <= _rate(sample, lambda r, lab: "bought_followers" in lab.fraud) <= 0.08
    assert 0.025 <= _rate(sample, lambda r, lab: "engagement_pod" in lab.fraud) <= 0.055
    assert 0.06 <= _rate(sample, lambda r, lab: bool(lab.safety)) <= 0.11
    assert 0.05 <= _rate(sample, lambda r, lab: lab.over_sponsored) <= 0.09
    assert 0.035 <= _rate(sample, lambda r, lab: lab.undisclosed_ads) <= 0.065
    assert 0.035 <= _rate(sample, lambda r, lab: lab.inactive) <= 0.065
    assert 0.001 <= _rate(sample, lambda r, lab: lab.injection) <= 0.012


def test_bought_followers_show_low_er_spikes_and_mass_following(sample: list[Row]) -> None:
    def relative_er(row: Row) -> float:
        r, lab = row
        low, high = ER_BANDS[r["platform"]][lab.tier]
        return median_er(r) / ((low * high) ** 0.5)

    bought = [x for x in sample if "bought_followers" in x[1].fraud]
    clean = [x for x in sample if not x[1].fraud]
    assert statistics.median(map(relative_er, bought)) < 0.5 * statistics.median(map(relative_er, clean))
    # Same platform and tier: bought accounts engage less than their clean peers.
    peers: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r, lab in sample:
        kind = "bought" if "bought_followers" in lab.fraud else "clean" if not lab.fraud else None
        if kind:
            peers[(r["platform"], lab.tier)][kind].append(median_er(r))
    compared = [k for k, v in peers.items() if len(v["bought"]) >= 5 and len(v["clean"]) >= 20]
    assert len(compared) >= 3
    for key in compared:
        assert statistics.median(peers[key]["bought"]) < 0.6 * statistics.median(peers[key]["clean"]), key
    assert sum(growth_spike(r) for r, _ in bought) / len(bought) >= 0.9
    assert sum(growth_spike(r) for r, _ in clean) / len(clean) <= 0.02
    mass = lambda r: r["following"] > 1500 or r["following"] > r["followers"]  # noqa: E731
    assert sum(mass(r) for r, _ in bought) / len(bought) >= 0.6
    assert sum(mass(r) for r, _ in clean) / len(clean) <= 0.05


def test_pods_repeat_commenters_in_order_and_comment_more_than_they_like(sample: list[Row]) -> None:
    pods = [r for r, lab in sample if "engagement_pod" in lab.fraud]
    clean = [r for r, lab in sample if not lab.fraud]
    assert all(repeated_order_share(r) >= 0.3 for r in pods)
    assert sum(repeated_order_share(r) >= 0.3 for r in clean) / len(clean) <= 0.01

    def likes_per_comment(r: dict) -> float:
        return statistics.median(p["likes"] / p["comments"] for p in r["posts"])

    assert statistics.median(map(likes_per_comment, pods)) < 0.4 * statistics.median(map(likes_per_comment, clean))
    generic = re.compile(r"^[^a-z]*$|nice pic|love this|so good|amazing|great post|awesome|keep it up|so cool|love it|stunning|beautiful|goals|yesss|wow", re.I)
    pod_texts = [c.split(": ", 1)[1] for r in pods for p in r["posts"] for c in p["comments_sample"]]
    assert sum(bool(generic.search(t)) for t in pod_texts) / len(pod_texts) > 0.6


def test_over_sponsorship_is_far_above_the_tier_band(sample: list[Row]) -> None:
    for row, label in sample:
        high = SPONSORED_BANDS[label.tier][1]
        if label.over_sponsored:
            assert sponsored_share(row) >= high + 0.15
        else:
            assert sponsored_share(row) <= high + 1e-9


def test_undisclosed_ads_are_exactly_the_sponsored_posts_without_a_tag(sample: list[Row]) -> None:
    for row, label in sample:
        found = undisclosed_ids(row)
        assert bool(found) == label.undisclosed_ads
        assert found == label.undisclosed_post_ids
    german = [r for r, lab in sample if lab.language == "de" and any(p["sponsored"] for p in r["posts"])]
    tags = {t for r in german for p in r["posts"] if p["sponsored"] for t in p["hashtags"]}
    assert {"Werbung", "Anzeige"} & tags


def test_safety_problems_are_in_the_labelled_posts_only(sample: list[Row]) -> None:
    # Markers are lower case; matching lower-cased text is far faster than re.I.
    markers = {c: re.compile(rx) for c, rx in SAFETY_MARKERS.items()}
    # Categories whose markers never occur in ordinary niche content.
    unambiguous = re.compile("|".join(SAFETY_MARKERS[c] for c in ("gambling", "adult", "profanity", "hate", "weapons", "tobacco")))
    comment_only = 0
    for row, label in sample:
        posts = {p["id"]: p for p in row["posts"]}
        if label.safety and label.niche != "wine_cocktails":
            assert 1 <= len(label.safety_post_ids) <= 3
            hits = set()
            for pid in label.safety_post_ids:
                p = posts[pid]
                text = (p["text"] + " " + " ".join(p["hashtags"])).lower()
                comments = " ".join(p["comments_sample"]).lower()
                for category in label.safety:
                    if markers[category].search(text if not label.safety_in_comments_only else comments):
                        hits.add(category)
                if label.safety_in_comments_only:
                    assert not any(markers[c].search(p["text"].lower()) for c in label.safety)
            assert hits == set(label.safety), (label.handle, label.safety)
            comment_only += label.safety_in_comments_only
        if not label.safety:
            text = " ".join(p["text"] + " " + " ".join(p["comments_sample"]) for p in row["posts"]).lower()
            hit = unambiguous.search(text)
            assert not hit, (label.handle, hit)
    assert comment_only >= 5


def test_drinks_niche_is_labelled_alcohol(sample: list[Row]) -> None:
    alcohol = re.compile(SAFETY_MARKERS["alcohol"])
    drinks = [(r, lab) for r, lab in sample if lab.niche == "wine_cocktails"]
    assert drinks
    for row, label in drinks:
        assert "alcohol" in label.safety
        assert sum(bool(alcohol.search(p["text"].lower())) for p in row["posts"]) >= len(row["posts"]) // 3


def test_injections_sit_in_otherwise_normal_bios(sample: list[Row]) -> None:
    marker = re.compile(r"ignore|assistant|rank me|rate this creator|skip vetting", re.I)
    for row, label in sample:
        assert bool(marker.search(row["bio"])) == label.injection, row["bio"]


def test_brands_are_the_sponsors_and_include_competitors(sample: list[Row]) -> None:
    seen_competitors = set()
    for row, label in sample:
        sponsors = sorted({s for p in row["posts"] for s in p["sponsors"]})
        assert label.brands == sponsors
        seen_competitors |= set(sponsors) & set(COMPETITOR_BRANDS)
    assert len(seen_competitors) >= 8
