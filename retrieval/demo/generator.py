"""The demo corpus generator: streams creators in the import format (DESIGN 5.1) with
their ground-truth labels.

Person `i` draws everything from its own `random.Random` seeded by (seed, i), so the
stream is deterministic, needs no memory of earlier creators and can be cut at any
length: `generate(1_000_000, seed)` runs in constant memory. About 8 % of people have
a second account on another platform under the same handle (same `person_id`).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from retrieval.demo.brands import COMPETITOR_SHARE, COMPETITORS_BY_NICHE, brand_handle
from retrieval.demo.distributions import (
    FORMATS, MONTHLY_GROWTH, PER_VIEW_PLATFORMS, RATE_CARD_SHARE, SPONSORED_BANDS, VERIFIED_RATE,
    platform_weights, sample_ages, sample_audience_countries, sample_cadence, sample_creator_er,
    sample_followers, sample_following, sample_genders, sample_rate_card, sample_tier, tier_position,
    weighted_choice,
)
from retrieval.demo.handles import render, signature_tag, slot_for
from retrieval.demo.labels import DemoLabel
from retrieval.demo.locales import (
    AUDIENCE_NEIGHBOURS, CITIES, EURO_COUNTRIES, FRENCH_CANADA_CITIES, LOCALES, NAME_SLOTS, SECOND_LANGUAGE, Locale,
)
from retrieval.demo.metrics import Engagement, post_numbers
from retrieval.demo.niches import NICHES, Niche, Subtopic
from retrieval.demo.safety import ALCOHOL_SPONSORS, SAFETY_CONTENT, caption_for
from retrieval.demo.signals import (
    GENERIC_COMMENTS, INJECTIONS, STEALTH_LINES, Pod, ProblemPlan, plan_bought, plan_pod, plan_problems, pod_comments,
)
from retrieval.demo.text import (
    CaptionParts, Voice, commenter_handle, display_name, fill, format_post, make_voice, niche_sentences,
    organic_comment, pick_hashtags, write_bio,
)
from retrieval.demo.timeline import follower_history, iso, post_times
from retrieval.signals.tiers import tier_for

DATASET = "castlist-demo"
SECOND_ACCOUNT_RATE = 0.08
POSTS_PER_CREATOR = (8, 16)
PLATFORM_CODE = {"instagram": "ig", "tiktok": "tt", "youtube": "yt", "x": "x", "linkedin": "li",
                 "xiaohongshu": "xhs", "twitch": "tw", "pinterest": "pin", "facebook": "fb", "threads": "th"}
LOCATION_RATE = {"instagram": 0.4, "tiktok": 0.2, "xiaohongshu": 0.3, "facebook": 0.2}
TRAVEL_NICHES = frozenset({"budget_travel", "luxury_travel", "outdoor_hiking", "local_food"})
SIGN_OFFS = ("📸 @{h}", "— @{h}", "✨ @{h}", "➡️ @{h}")
# Countries bot followers typically come from (observable as an audience mismatch).
BOT_FARM_COUNTRIES = ("IN", "BD", "ID", "PK", "VN", "EG")

_NICHE_CUM = list(itertools.accumulate(n.weight for n in NICHES))
_LOCALE_CUM = list(itertools.accumulate(loc.share for loc in LOCALES))
_ALL_NAMES = tuple(a for loc in LOCALES for a, _ in loc.names)
_LOCAL_NAMES = {loc.code: tuple(a for a, _ in loc.names) for loc in LOCALES}
_DISCLOSURE_TAGS = frozenset(t.lower() for loc in LOCALES for t in loc.disclosures)
_CITY_COUNTRY = [(city, country) for country, cities in CITIES.items() for city in cities]


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    niche: Niche
    subtopics: tuple[Subtopic, ...]
    locale: Locale
    country: str
    city: str
    languages: tuple[str, ...]
    handle: str
    display_name: str
    bio: str
    voice: Voice
    place_country: dict[str, str]
    signature_tag: str | None    # personal hashtag on every post, or
    signature_line: str | None   # a sign-off line with the handle on every post


def generate(creators: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], DemoLabel]]:
    """Yield `creators` (import-format dict, label) pairs, deterministically from `seed`."""
    if creators < 0:
        raise ValueError("creators must be >= 0")
    produced = 0
    for person_id in itertools.count():
        if produced >= creators:
            return
        for row, label in person_accounts(seed, person_id):
            yield row, label
            produced += 1
            if produced >= creators:
                return


def person_accounts(seed: int, person_id: int) -> list[tuple[dict[str, Any], DemoLabel]]:
    # String seeds are hashed with SHA-512 by `random`, independent of PYTHONHASHSEED.
    rng = random.Random(f"{DATASET}:{seed}:{person_id}")
    person = make_person(rng, person_id)
    weights = platform_weights(dict(person.niche.platform_affinity), person.locale.code)
    platforms = [weighted_choice(rng, weights)]
    if rng.random() < SECOND_ACCOUNT_RATE:
        platforms.append(weighted_choice(rng, [(p, w) for p, w in weights if p != platforms[0]]))
    return [make_account(rng, person, platform, seed) for platform in platforms]


def make_person(rng: random.Random, person_id: int) -> Person:
    niche = rng.choices(NICHES, cum_weights=_NICHE_CUM)[0]
    main = rng.choice(niche.subtopics)
    subtopics: tuple[Subtopic, ...] = (main,)
    if rng.random() < 0.3:
        subtopics += (rng.choice([s for s in niche.subtopics if s is not main]),)
    locale = rng.choices(LOCALES, cum_weights=_LOCALE_CUM)[0]
    country = weighted_choice(rng, locale.countries)
    home_cities = FRENCH_CANADA_CITIES if (locale.code, country) == ("fr", "CA") else CITIES[country]
    city = rng.choice(home_cities)
    languages = [locale.code]
    if locale.code == "en" and country in SECOND_LANGUAGE and rng.random() < 0.4:
        languages.append(SECOND_LANGUAGE[country])
    elif locale.code != "en" and rng.random() < 0.25:
        languages.append("en")
    place_country = {city: country}
    for other in rng.sample(home_cities, k=min(2, len(home_cities))):
        place_country[other] = country
    if niche.id in TRAVEL_NICHES:
        for other, other_country in rng.sample(_CITY_COUNTRY, k=4):
            place_country[other] = other_country
    places = (city, city, *place_country)   # the home city is the most frequent place
    voice = make_voice(rng, niche, subtopics, locale, places)
    slot = slot_for(person_id)
    ascii_name, shown_name = locale.names[slot.name_index % NAME_SLOTS]
    handle = render(slot, ascii_name, niche.handle_words[slot.word_index])
    # A signature derived from the unique handle makes every caption unique across
    # creators (many creators do sign every post with a personal tag or handle).
    tag: str | None = signature_tag(handle)
    line: str | None = None
    if rng.random() < 0.45:
        forms = SIGN_OFFS + (("follow @{h} for more",) if locale.code == "en" else ())
        tag, line = None, rng.choice(forms).format(h=handle)
    return Person(
        id=person_id, niche=niche, subtopics=subtopics, locale=locale, country=country, city=city,
        languages=tuple(languages), handle=handle, display_name=display_name(rng, shown_name, voice),
        bio=write_bio(rng, voice, city), voice=voice, place_country=place_country,
        signature_tag=tag, signature_line=line,
    )


def _choose_brand(rng: random.Random, niche: Niche, safety_category: str | None) -> str:
    if safety_category == "alcohol" or ("alcohol" in niche.inherent_safety and rng.random() < 0.5):
        return rng.choice(ALCOHOL_SPONSORS)
    competitors = COMPETITORS_BY_NICHE.get(niche.id, ())
    if competitors and rng.random() < COMPETITOR_SHARE:
        return rng.choice(competitors)
    return rng.choice(niche.sponsors)


def _sponsored_count(rng: random.Random, plan: ProblemPlan, tier: str, n: int) -> int:
    """DESIGN 6 sponsored-share band per tier: inside it (rounded down) for normal
    accounts, far above it (at least +20 points) for over-sponsored ones."""
    low, high = SPONSORED_BANDS[tier]
    if plan.over_sponsored:
        share = rng.uniform(min(0.9, high + 0.2), min(0.95, high + 0.55))
        return min(n, math.ceil(share * n))
    k = int(rng.uniform(low, high) * n)
    return max(k, 1) if plan.undisclosed_ads else k


def _comment(handle: str, text: str) -> str:
    return f"@{handle}: {text}"


def _commenter(rng: random.Random, language: str) -> str:
    # Mostly the creator's own language community, some international followers.
    return commenter_handle(rng, _LOCAL_NAMES[language] if rng.random() < 0.75 else _ALL_NAMES)


@dataclass(frozen=True, slots=True)
class _Sponsor:
    brand: str
    shown: str        # as written in the caption: the name or its @handle
    disclosed: bool


def _compose(rng: random.Random, person: Person, platform: str, category: str | None,
             sponsor: _Sponsor | None, friend: str | None, place: str | None) -> tuple[str, list[str]]:
    """A post's caption text and hashtags."""
    voice, locale = person.voice, person.locale
    if category:
        lead = fill(rng.choice(caption_for(category, locale.code)), rng, voice)
        base = niche_sentences(rng, voice)
        parts = CaptionParts(lead, base.opener, (), base.closer)
        tags = rng.sample(SAFETY_CONTENT[category].hashtags, k=rng.randint(1, 3)) + pick_hashtags(rng, voice, platform)[:2]
    else:
        parts = niche_sentences(rng, voice)
        tags = pick_hashtags(rng, voice, platform)
    if sponsor and not sponsor.disclosed:
        line = fill(rng.choice(STEALTH_LINES[locale.code]), rng, voice, brand=sponsor.shown)
        tags = [t for t in tags if t.lower() not in _DISCLOSURE_TAGS]
        parts = CaptionParts(parts.lead, parts.opener, (*parts.extra, line), parts.closer)
    elif sponsor:
        line = fill(rng.choice(locale.sponsor_lines), rng, voice, brand=sponsor.shown)
        disclosure = rng.choice(locale.disclosures)
        tags = [t for t in tags if t != disclosure]
        tags = [disclosure, *tags] if rng.random() < 0.5 else [*tags, disclosure]
        parts = CaptionParts(parts.lead, parts.opener, (*parts.extra, line), parts.closer)
    elif friend:
        parts = CaptionParts(parts.lead, parts.opener, (*parts.extra, f"With @{friend} {rng.choice(voice.emojis)}"), parts.closer)
    if person.signature_tag:
        tags.append(person.signature_tag)
    text = format_post(rng, voice, platform, parts, tags, place)
    if person.signature_line:
        text += "\n" + person.signature_line
    return text, tags


def make_account(rng: random.Random, person: Person, platform: str, seed: int) -> tuple[dict[str, Any], DemoLabel]:
    niche, voice, locale = person.niche, person.voice, person.locale
    plan = plan_problems(rng)

    # --- audience size and engagement ---------------------------------------------------
    real_tier = sample_tier(rng, platform)
    real_followers = sample_followers(rng, platform, real_tier)
    bought = plan_bought(rng, real_followers) if plan.bought_followers else None
    followers = int(real_followers * bought.factor) if bought else real_followers
    tier = tier_for(platform, followers) or real_tier
    per_view = platform in PER_VIEW_PLATFORMS
    eng = Engagement(
        platform=platform, tier=real_tier, real_followers=real_followers,
        er=sample_creator_er(rng, platform, real_tier),
        bot_view_factor=bought.bot_view_factor if bought and per_view else 1.0,
        pod=plan.engagement_pod,
    )

    # --- which posts carry what ------------------------------------------------------------
    cadence = sample_cadence(rng, platform, tier)
    n = rng.randint(*POSTS_PER_CREATOR)
    times = post_times(rng, n, cadence, plan.inactive)
    sponsored_idx = set(rng.sample(range(n), _sponsored_count(rng, plan, tier, n)))
    undisclosed_idx: set[int] = set()
    if plan.undisclosed_ads:
        ordered = sorted(sponsored_idx)
        count = len(ordered) if rng.random() < 0.4 else rng.randint(1, len(ordered))
        undisclosed_idx = set(rng.sample(ordered, count))
    safety_posts: dict[int, str] = {}
    safety_comments: dict[int, str] = {}
    if plan.safety:
        m = max(len(plan.safety), rng.randint(1, 3))
        for j, i in enumerate(rng.sample(range(n), m)):
            (safety_comments if plan.safety_in_comments else safety_posts)[i] = plan.safety[j % len(plan.safety)]
    pod: Pod | None = None
    pod_idx: set[int] = set()
    if plan.engagement_pod:
        pod = plan_pod(rng, lambda r: commenter_handle(r, _ALL_NAMES))
        pod_idx = set(rng.sample(range(n), max(3, round(n * rng.uniform(0.7, 1.0)))))

    # --- posts ---------------------------------------------------------------------------------
    code = PLATFORM_CODE[platform]
    posts: list[dict[str, Any]] = []
    brands: list[str] = []
    seen_texts: set[str] = set()
    for i, created in enumerate(times):
        post_id = f"{code}-{person.handle}-{i + 1}"
        fmt = weighted_choice(rng, FORMATS[platform])
        category = safety_posts.get(i)
        sponsored = i in sponsored_idx
        sponsor: _Sponsor | None = None
        friend: str | None = None
        if sponsored:
            brand = _choose_brand(rng, niche, category)
            shown = f"@{brand_handle(brand)}" if rng.random() < 0.5 else brand
            sponsor = _Sponsor(brand, shown, disclosed=i not in undisclosed_idx)
            brands.append(brand)
        elif rng.random() < 0.08:
            friend = _commenter(rng, locale.code)
        place = rng.choice(voice.places) if rng.random() < LOCATION_RATE.get(platform, 0.08) else None
        # Retry on the (rare) repeat of one of this creator's own captions.
        for _ in range(8):
            text, tags = _compose(rng, person, platform, category, sponsor, friend, place)
            if text not in seen_texts:
                break
        seen_texts.add(text)
        sponsors = [sponsor.brand] if sponsor else []
        mentions = [brand_handle(sponsor.brand)] if sponsor else [friend] if friend else []

        k = rng.randint(3, 6)
        comments: list[str] = []
        if pod is not None and i in pod_idx:
            comments = pod_comments(rng, pod, max(2, k - rng.randint(0, 1)))
        while len(comments) < k:
            comments.append(_comment(_commenter(rng, locale.code), organic_comment(rng, voice, GENERIC_COMMENTS)))
        comment_category = safety_comments.get(i) or (category if category and rng.random() < 0.3 else None)
        if comment_category:
            for pos in rng.sample(range(len(comments)), k=rng.randint(1, 2)):
                comments[pos] = _comment(_commenter(rng, locale.code), rng.choice(SAFETY_CONTENT[comment_category].comments))

        post: dict[str, Any] = {
            "id": post_id,
            "url": f"https://demo.castlist.invalid/{platform}/{person.handle}/{i + 1}",
            "created_at": iso(created),
            "format": fmt,
            "text": text,
            "hashtags": tags,
            "mentions": mentions,
        }
        post.update(post_numbers(rng, eng, fmt, sponsored, len(comments)))
        post["sponsored"] = sponsored
        post["sponsors"] = sponsors
        if place:
            post["location"] = {"country": person.place_country[place], "city": place}
        post["comments_sample"] = comments
        posts.append(post)

    # --- the account --------------------------------------------------------------------------------
    following = bought.following if bought and bought.following else sample_following(rng, tier)
    years = rng.uniform(0.8, 9.0)
    row: dict[str, Any] = {
        "platform": platform,
        "handle": person.handle,
        "display_name": person.display_name,
        "bio": person.bio + (" " + rng.choice(INJECTIONS).format(handle=person.handle) if plan.injection else ""),
        "followers": followers,
        "following": following,
        "posts_count": max(n, int(cadence * 52 * years * rng.uniform(0.5, 1.0))),
        "verified": rng.random() < VERIFIED_RATE[tier],
        "country": person.country,
        "city": person.city,
        "languages": list(person.languages),
    }
    if rng.random() < 0.8:
        row["categories"] = [niche.category]
    audience = _audience(rng, person, platform, bought.factor if bought else 1.0)
    if audience:
        row["audience"] = audience
    if rng.random() < RATE_CARD_SHARE:
        row["rate_card"] = sample_rate_card(rng, platform, tier, tier_position(platform, tier, followers),
                                            person.country, EURO_COUNTRIES)
    row["follower_history"] = follower_history(
        rng, followers, MONTHLY_GROWTH[real_tier], snapshots=rng.randint(4, 8), inactive=plan.inactive,
        spike_gain=followers - real_followers,
    )
    row["posts"] = posts
    row["source"] = {"dataset": DATASET, "seed": seed}

    safety = sorted(set(plan.safety) | set(niche.inherent_safety))
    if niche.inherent_safety:
        safety_ids = [p["id"] for p in posts]
    else:
        safety_ids = [posts[i]["id"] for i in sorted({*safety_posts, *safety_comments})]
    label = DemoLabel(
        platform=platform, handle=person.handle, person_id=person.id, niche=niche.id,
        subtopic=person.subtopics[0].id, subtopics=[s.id for s in person.subtopics],
        related_niches=list(niche.related), language=locale.code, country=person.country, tier=tier,
        fraud=[f for f, on in (("bought_followers", plan.bought_followers), ("engagement_pod", plan.engagement_pod)) if on],
        safety=safety, safety_in_comments_only=plan.safety_in_comments and not niche.inherent_safety,
        safety_post_ids=safety_ids, over_sponsored=plan.over_sponsored, undisclosed_ads=bool(undisclosed_idx),
        undisclosed_post_ids=[posts[i]["id"] for i in sorted(undisclosed_idx)], inactive=plan.inactive,
        injection=plan.injection, brands=sorted(set(brands)),
    )
    return row, label


def _audience(rng: random.Random, person: Person, platform: str, bought_factor: float) -> dict[str, Any] | None:
    """Full demographics for most, countries only for some, none for a few (unknown
    stays unknown). Bought followers dilute the home market with bot-farm countries."""
    x = rng.random()
    if x >= 0.92:
        return None
    neighbours = AUDIENCE_NEIGHBOURS.get(person.country, ("US", "GB"))
    countries = sample_audience_countries(rng, person.country, neighbours, person.locale.code != "en")
    if bought_factor > 1.0:
        real_share = 1.0 / bought_factor
        countries = {c: math.floor(s * real_share * 1000) / 1000 for c, s in countries.items()}
        farms = [c for c in rng.sample(BOT_FARM_COUNTRIES, k=2) if c not in countries]
        fake = (1.0 - real_share) * rng.uniform(0.5, 0.8)
        for c, share in zip(farms, (0.65, 0.35)):
            countries[c] = math.floor(fake * share * 1000) / 1000
    audience: dict[str, Any] = {"countries": {c: s for c, s in countries.items() if s > 0}}
    if x < 0.82:
        audience["ages"] = sample_ages(rng, person.niche.age_profile, platform)
        audience["genders"] = sample_genders(rng, person.niche.female_share)
    return audience
