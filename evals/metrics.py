"""Eval metrics: pure, typed functions with no I/O.

Ranking metrics follow the usual IR definitions (as in trec_eval / BEIR): graded gains,
a log2 rank discount, the ideal ranking taken from the qrels. Rates that are pooled over
many cases (leakage, violations, faithfulness) are returned as `Ratio`s so callers sum
numerators and denominators instead of averaging per-case averages.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from agents.criteria import CampaignCriteria
from agents.evidence import post_text
from agents.shortlist import ShortlistedCreator
from agents.topicality import facet_of, shows_word
from evals.labels import CreatorLabel
from evals.numbers import CitedNumber, cited_numbers, strip_quotes
from retrieval.cities import brief_city_keys, home_city_keys
from retrieval.schema import Creator, Money

Qrels = Mapping[str, int]


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.hits + other.hits, self.total + other.total)


def pooled(ratios: Iterable[Ratio]) -> Ratio:
    total = Ratio(0, 0)
    for r in ratios:
        total = total + r
    return total


# --------------------------------------------------------------------------- ranking


def _dedupe(ranked: Sequence[str]) -> list[str]:
    # A system that lists one person twice must not collect their gain twice.
    return list(dict.fromkeys(ranked))


def dcg(gains: Sequence[float]) -> float:
    """Sum of gain_i / log2(i + 1) for ranks i = 1..n."""
    return sum(g / math.log2(i + 1) for i, g in enumerate(gains, 1))


def ndcg_at_k(ranked: Sequence[str], qrels: Qrels, k: int) -> float:
    """nDCG@k with linear graded gains; 0.0 when the qrels hold no positive grade."""
    top = _dedupe(ranked)[:k]
    ideal = dcg(sorted((g for g in qrels.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([max(qrels.get(key, 0), 0) for key in top]) / ideal


def precision_at_k(ranked: Sequence[str], qrels: Qrels, k: int, min_grade: int = 1) -> float:
    """Relevant items in the top k over k; returning fewer than k items costs precision."""
    top = _dedupe(ranked)[:k]
    return sum(1 for key in top if qrels.get(key, 0) >= min_grade) / k


def recall_at_k(ranked: Sequence[str], qrels: Qrels, k: int, min_grade: int = 1) -> float:
    relevant = {key for key, g in qrels.items() if g >= min_grade}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_dedupe(ranked)[:k])) / len(relevant)


# --------------------------------------------------------------------------- parsing

MONEY_REL_TOL = 0.01  # "15k" vs 15,000.00: 1 % absorbs rounding in currency parsing
RATE_ABS_TOL = 0.0005  # 0.05 percentage points

_LIST_FIELDS = {
    "platforms", "tiers", "topics", "creator_countries", "audience_countries", "languages",
    "formats", "exclude_topics", "exclude_brands", "exclude_handles", "exclude_keywords", "exclude_countries",
    "creator_cities",
}
_MONEY_FIELDS = {"budget", "max_price_per_post"}
_RATE_FIELDS = {"min_engagement_rate"}


def _norm_item(field_name: str, item: Any) -> str:
    text = str(item).strip().lower()
    return text.lstrip("@") if field_name == "exclude_handles" else text


def _norm_set(field_name: str, items: Iterable[Any]) -> set[str]:
    return {_norm_item(field_name, i) for i in items}


def actual_value(criteria: CampaignCriteria, field_name: str) -> Any:
    if field_name == "has_conflict":
        return bool(criteria.conflicts)
    value = getattr(criteria, field_name)
    return value.model_dump() if isinstance(value, Money) else value


def _money_equal(expected: Mapping[str, Any], actual: Any) -> bool:
    if not isinstance(actual, Mapping):
        return False
    if str(expected.get("currency", "USD")).upper() != str(actual.get("currency", "")).upper():
        return False
    want, got = float(expected["amount"]), float(actual["amount"])
    return abs(want - got) <= MONEY_REL_TOL * max(abs(want), 1.0)


def field_matches(field_name: str, expected: Any, actual: Any) -> bool:
    """Compare one parsed field with its expectation.

    Expectations are plain values, or a spec for briefs that leave some latitude:
    `{"any_of": [v, ...]}`, `{"in_range": [lo, hi]}` for numbers, and
    `{"includes": [...], "within": [...]}` for lists (e.g. "LATAM": the main markets
    must be there and nothing outside Latin America may be).
    """
    if isinstance(expected, Mapping) and "any_of" in expected:
        return any(field_matches(field_name, option, actual) for option in expected["any_of"])
    if isinstance(expected, Mapping) and "in_range" in expected:
        lo, hi = expected["in_range"]
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and lo <= actual <= hi
    if isinstance(expected, Mapping) and ("includes" in expected or "within" in expected):
        got = _norm_set(field_name, actual or [])
        includes = _norm_set(field_name, expected.get("includes", []))
        within = expected.get("within")
        return includes <= got and (within is None or got <= _norm_set(field_name, within))
    if expected is None:
        return actual is None or actual == []
    if field_name in _LIST_FIELDS:
        return isinstance(actual, list) and _norm_set(field_name, expected) == _norm_set(field_name, actual)
    if field_name in _MONEY_FIELDS:
        return _money_equal(expected, actual)
    if field_name in _RATE_FIELDS:
        return actual is not None and abs(float(expected) - float(actual)) <= RATE_ABS_TOL
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().lower() == actual.strip().lower()
    return expected == actual


def parse_field_scores(expected: Mapping[str, Any], criteria: CampaignCriteria) -> dict[str, bool]:
    """Per expected field: did the parser get it right?"""
    return {name: field_matches(name, want, actual_value(criteria, name)) for name, want in expected.items()}


@dataclass(frozen=True)
class ParseAccuracy:
    overall: float  # correct fields / expected fields, pooled over all cases
    per_field: dict[str, float]
    exact_cases: float  # share of cases with every expected field right
    fields: int
    cases: int


def parse_accuracy(case_scores: Sequence[Mapping[str, bool]]) -> ParseAccuracy:
    per: dict[str, list[bool]] = {}
    for scores in case_scores:
        for name, ok in scores.items():
            per.setdefault(name, []).append(ok)
    all_fields = [ok for oks in per.values() for ok in oks]
    return ParseAccuracy(
        overall=sum(all_fields) / len(all_fields) if all_fields else 0.0,
        per_field={name: sum(oks) / len(oks) for name, oks in sorted(per.items())},
        exact_cases=sum(all(s.values()) for s in case_scores) / len(case_scores) if case_scores else 0.0,
        fields=len(all_fields),
        cases=len(case_scores),
    )


# --------------------------------------------------------------------------- constraints

# Approximate USD value of one unit, only to compare a budget or price cap with a price
# written in another currency. Deliberately coarse: a violation is only called when the
# gap exceeds FX_SLACK, so rate drift never decides a verdict.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "SEK": 0.095, "NOK": 0.093, "DKK": 0.145,
    "PLN": 0.25, "CAD": 0.73, "AUD": 0.66, "NZD": 0.60, "JPY": 0.0067, "CNY": 0.14, "INR": 0.012,
    "BRL": 0.18, "MXN": 0.055, "KRW": 0.00073, "SGD": 0.74, "AED": 0.27, "VND": 0.00004,
}
FX_SLACK = 0.05


def to_usd(amount: float, currency: str) -> float | None:
    rate = USD_PER_UNIT.get(currency.upper())
    return amount * rate if rate is not None else None


def _exceeds(price: float, price_ccy: str, cap: Money) -> bool | None:
    """True/False when comparable; None when a currency is unknown."""
    if price_ccy.upper() == cap.currency.upper():
        return price > cap.amount
    p, c = to_usd(price, price_ccy), to_usd(cap.amount, cap.currency)
    if p is None or c is None:
        return None
    return p > c * (1 + FX_SLACK)


def _majority_gender(creator: Creator) -> str | None:
    genders = creator.audience.genders if creator.audience else None
    if not genders:
        return None
    return max(genders.items(), key=lambda kv: kv[1])[0]


def promoted_brands(creator: Creator) -> set[str]:
    """Brands a creator has visibly promoted: sponsors, and mentions in sponsored posts."""
    brands: set[str] = set()
    for post in creator.posts:
        brands.update(s.lower() for s in post.sponsors)
        if post.sponsored:
            brands.update(m.lower() for m in post.mentions)
    return brands


def constraint_violations(creator: Creator, criteria: CampaignCriteria, price_low: Money | None = None) -> list[str]:
    """Hard constraints this creator's stored data breaks (every set field counts as hard).

    Unknown data fails a required value ("based in DE" with no stored country): a hard
    constraint must be shown to hold, the same rule the index filters apply. Price is
    checked against the stored rate card, else against the system's own low estimate.
    """
    out: list[str] = []
    if criteria.platforms and creator.platform not in criteria.platforms:
        out.append(f"platform {creator.platform} not in {criteria.platforms}")
    if criteria.followers_min is not None and creator.followers < criteria.followers_min:
        out.append(f"followers {creator.followers} < {criteria.followers_min}")
    if criteria.followers_max is not None and creator.followers > criteria.followers_max:
        out.append(f"followers {creator.followers} > {criteria.followers_max}")
    if criteria.creator_countries and creator.country not in criteria.creator_countries:
        out.append(f"country {creator.country} not in {criteria.creator_countries}")
    if criteria.exclude_countries and creator.country in criteria.exclude_countries:
        out.append(f"country {creator.country} is excluded")
    if criteria.creator_cities:
        wanted = brief_city_keys(criteria.creator_cities, criteria.creator_countries)
        if not set(wanted) & set(home_city_keys(creator.city, creator.country)):
            out.append(f"city {creator.city} not in {criteria.creator_cities}")
    if criteria.languages and not set(creator.languages) & set(criteria.languages):
        out.append(f"languages {creator.languages} miss {criteria.languages}")
    if criteria.audience_gender and _majority_gender(creator) != criteria.audience_gender:
        out.append(f"audience majority {_majority_gender(creator)} is not {criteria.audience_gender}")
    if criteria.exclude_handles and creator.handle.lower() in criteria.exclude_handles:
        out.append(f"handle {creator.handle} is excluded")
    if criteria.exclude_brands:
        hit = promoted_brands(creator) & {b.lower() for b in criteria.exclude_brands}
        if hit:
            out.append(f"promoted excluded brand(s) {sorted(hit)}")
    if criteria.max_price_per_post is not None:
        card = creator.rate_card
        price = (card.amount, card.currency) if card else ((price_low.amount, price_low.currency) if price_low else None)
        if price is not None and _exceeds(price[0], price[1], criteria.max_price_per_post):
            out.append(f"price {price[0]:g} {price[1]} above cap {criteria.max_price_per_post.amount:g} {criteria.max_price_per_post.currency}")
    return out


def shortlist_violations(prices_low: Sequence[Money | None], criteria: CampaignCriteria) -> list[str]:
    """Constraints on the list as a whole: the requested count and the total budget.

    The budget check sums each creator's lowest price estimate, so it only flags lists
    that cannot fit the budget even at the cheapest end.
    """
    out: list[str] = []
    if criteria.creators_count is not None and len(prices_low) > criteria.creators_count:
        out.append(f"{len(prices_low)} creators listed, {criteria.creators_count} asked for")
    if criteria.budget is not None:
        known = [p for p in prices_low if p is not None]
        same = [p.amount for p in known if p.currency.upper() == criteria.budget.currency.upper()]
        if len(same) == len(known):
            total, over = sum(same), sum(same) > criteria.budget.amount
        else:
            usd = [to_usd(p.amount, p.currency) for p in known]
            cap = to_usd(criteria.budget.amount, criteria.budget.currency)
            if cap is None or any(u is None for u in usd):
                return out
            total = sum(u for u in usd if u is not None)
            over = total > cap * (1 + FX_SLACK)
        if over:
            out.append(f"lowest prices total {total:,.0f} over budget {criteria.budget.amount:,.0f} {criteria.budget.currency}")
    return out


def violation_ratio(per_creator: Sequence[Sequence[str]]) -> Ratio:
    """Listed creators with at least one violation, over listed creators."""
    return Ratio(sum(1 for v in per_creator if v), len(per_creator))


def repeated_people(listed: Sequence[str], labels: Mapping[str, CreatorLabel]) -> list[str]:
    """Keys listing a person already listed under another platform (DESIGN 2: one person once)."""
    seen: dict[int, str] = {}
    out: list[str] = []
    for key in _dedupe(listed):
        pid = labels[key].person_id if key in labels else None
        if pid is None:
            continue
        if pid in seen:
            out.append(f"{key} is the same person as {seen[pid]}")
        else:
            seen[pid] = key
    return out


# --------------------------------------------------------------------------- leakage


def fraud_leakage(listed: Sequence[str], labels: Mapping[str, CreatorLabel]) -> Ratio:
    """Listed creators labelled fraudulent (bought followers, engagement pods)."""
    keys = _dedupe(listed)
    return Ratio(sum(1 for k in keys if k in labels and labels[k].is_fraud), len(keys))


def safety_leakage(listed: Sequence[str], labels: Mapping[str, CreatorLabel], exclude_topics: Sequence[str]) -> Ratio:
    """Listed creators labelled with a brand-safety category the brief excluded."""
    excluded = {t.lower() for t in exclude_topics}
    if not excluded:
        return Ratio(0, 0)
    keys = _dedupe(listed)
    return Ratio(sum(1 for k in keys if k in labels and labels[k].safety_categories & excluded), len(keys))


# --------------------------------------------------------------------------- faithfulness


def _engagement_rates(creator: Creator) -> list[float]:
    """Per-post ERs by both published methods (DESIGN 6), whichever the data supports."""
    rates: list[float] = []
    by_followers, by_views = [], []
    for p in creator.posts:
        if p.likes is None:
            continue
        inter = p.likes + (p.comments or 0)
        if creator.followers:
            by_followers.append(inter / creator.followers)
        if p.views:
            by_views.append((inter + (p.shares or 0)) / p.views)
            by_views.append(inter / p.views)
    for series in (by_followers, by_views):
        if series:
            rates.extend(series)
            rates.extend([statistics.median(series), statistics.fmean(series)])
    return rates


def stored_facts(creator: Creator) -> list[float]:
    """Numbers an explanation may cite: stored fields and simple aggregates of them.

    Aggregates are the obvious ones (medians, means, totals, shares, ratios, growth) so
    that a correct summary of the data is never called unfaithful; anything cleverer
    reaches the checker through `extra_facts` (e.g. computed features).
    """
    facts: list[float] = [float(creator.followers)]
    for v in (creator.following, creator.posts_count):
        if v is not None:
            facts.append(float(v))
    if creator.following is not None and creator.followers:
        facts.append(creator.following / creator.followers)
    if creator.rate_card:
        facts.append(creator.rate_card.amount)
    if creator.audience:
        for shares in (creator.audience.countries, creator.audience.ages, creator.audience.genders):
            facts.extend((shares or {}).values())
    posts = creator.posts
    facts.append(float(len(posts)))
    for attr in ("views", "likes", "comments", "shares", "saves"):
        values = [float(getattr(p, attr)) for p in posts if getattr(p, attr) is not None]
        facts.extend(values)
        if values:
            facts.extend([statistics.median(values), statistics.fmean(values), sum(values)])
    ratios = [p.likes / p.comments for p in posts if p.likes is not None and p.comments]
    if ratios:
        facts.extend([statistics.median(ratios), statistics.fmean(ratios)])
    sponsored = [p for p in posts if p.sponsored]
    facts.append(float(len(sponsored)))
    if posts:
        facts.append(len(sponsored) / len(posts))
    facts.extend(_engagement_rates(creator))
    history = sorted(creator.follower_history, key=lambda s: s.date)
    for snap in history:
        facts.append(float(snap.followers))
        facts.append(float(creator.followers - snap.followers))
        if snap.followers:
            facts.append((creator.followers - snap.followers) / snap.followers)
    for a, b in zip(history, history[1:]):
        days = (b.date - a.date).days
        facts.append(float(b.followers - a.followers))
        if days > 0:
            facts.append((b.followers - a.followers) / days)
    return facts


# Published reference figures (DESIGN 6) an explanation may cite to put a creator's
# numbers in context ("above the 2.0%-3.5% Instagram micro band"). They count only in a
# sentence (or evidence item) framed as a benchmark, so that an invented "25k followers"
# is not excused by happening to equal a tier boundary.
REFERENCE_FACTS: tuple[float, ...] = (
    # tier thresholds (followers), incl. per-platform micro ranges
    1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 500_000, 1_000_000,
    # engagement benchmarks: Instagram micro 3.86 %, macro 1.21 %; TikTok micro 8.5 %; YouTube micro 3.6 %
    0.0386, 0.0121, 0.085, 0.036,
    # untapper bands, Instagram: nano 3-5 %, micro 2-3.5 %, mid 1.5-2.5 %, macro 1-1.8 %, mega 0.7-1.2 %
    0.03, 0.05, 0.02, 0.035, 0.015, 0.025, 0.01, 0.018, 0.007, 0.012,
    # TikTok per view: nano 6-10 %, micro 4-7 %, mid 3-5 %, macro 2-3.5 %, mega 1-2 %
    0.06, 0.10, 0.04, 0.07,
    # cadence of micro creators, posts/week: YouTube 3, Instagram 1.2, TikTok 1
    3.0, 1.2, 1.0,
    # price per post, USD: Instagram, TikTok, YouTube bands; video premium 40-50 %
    10, 100, 500, 5_000, 20, 200, 125, 1_250, 20_000, 0.4, 0.5,
    # fraud signals: 5k followers/day, following > 1,500, credibility < 75 %, < 50 % real, 22-36 % show fraud
    1_500, 0.75, 0.22, 0.36,
    # sponsored saturation bands: micro 5-15 %, mid 10-20 %, macro 15-25 %, mega 20-35 %; 1 in 8-10
    0.15, 0.20, 0.25, 0.35, 8, 10,
    # alcohol: >= 71.6 % of the engaged audience aged 21+
    0.716, 21,
)


_BENCHMARK_WORDS = re.compile(r"\b(benchmark|band|typical|tier|peers?|norm|industry|median for|average for|range for|threshold|published)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def _criteria_facts(criteria: CampaignCriteria | None) -> list[float]:
    if criteria is None:
        return []
    out = [float(v) for v in (criteria.followers_min, criteria.followers_max, criteria.creators_count,
                              criteria.audience_age_min, criteria.audience_age_max, criteria.min_engagement_rate)
           if v is not None]
    out.extend(m.amount for m in (criteria.budget, criteria.max_price_per_post) if m is not None)
    return out


def _own_facts(sc: ShortlistedCreator) -> list[float]:
    # The system's own computed outputs (score, components, price range, rank) may be
    # restated in prose; restating them is consistent, not invented.
    out = [float(sc.rank), sc.score, *sc.scores.values()]
    if sc.price_estimate:
        out.extend([sc.price_estimate.low, sc.price_estimate.high])
    return out


_WS = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _norm_text(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


def is_verbatim_excerpt(excerpt: str, source: str) -> bool:
    """True when every ellipsis-separated fragment of `excerpt` appears in `source`.

    Whitespace and case are normalised (line breaks in captions become spaces in
    excerpts); every other character must match exactly.
    """
    src = _norm_text(source)
    fragments = [f for f in (_norm_text(x) for x in _ELLIPSIS.split(excerpt)) if f]
    return bool(fragments) and all(f in src for f in fragments)


@dataclass
class Faithfulness:
    checked: int = 0
    unsupported: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.checked - len(self.unsupported), self.checked)


def _number_supported(n: CitedNumber, facts: Sequence[float]) -> bool:
    return any(n.supported_by(f) for f in facts)


def _written_precision(value: float) -> CitedNumber:
    """A float as written in JSON: 0.54 was rounded to 2 decimals, so it stands for
    anything that rounds (or truncates) to 0.54."""
    text = repr(float(value))
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    if text.endswith(".0"):
        decimals = 0
    return CitedNumber(text=text, value=float(value), step=10.0 ** -decimals)


def _value_supported(value: float, facts: Sequence[float]) -> bool:
    # Evidence values are machine-written floats: within the rounding of their written
    # precision, or within 0.5 % relative / 5e-4 absolute (an ER kept to three decimals).
    written = _written_precision(value)
    return any(written.supported_by(f) or abs(value - f) <= max(5e-4, 0.005 * abs(f)) for f in facts)


def explanation_faithfulness(
    sc: ShortlistedCreator,
    creator: Creator,
    criteria: CampaignCriteria | None = None,
    extra_facts: Sequence[float] = (),
    brief: str | None = None,
) -> Faithfulness:
    """Check every cited number, quote and evidence item of one shortlisted creator.

    Claims: the creator's followers and engagement rate fields; each number in the
    explanation and reasons (risks are excluded: they describe doubts, not claims); each
    quoted passage of 8+ characters in that prose; each evidence item (post id, url and
    excerpt; or metric value). A quote may come from the creator's posts or bio, or
    restate the brief or the parsed topics ("matches “sourdough loaves”").
    """
    result = Faithfulness()
    facts = [*stored_facts(creator), *extra_facts]
    context = [*facts, *_criteria_facts(criteria), *_own_facts(sc)]
    with_reference = [*context, *REFERENCE_FACTS]
    posts = {p.id: p for p in creator.posts if p.id}
    texts = [p.text or "" for p in creator.posts] + [creator.bio or ""]
    quotable = [*texts, brief or ""]
    if criteria is not None and criteria.topics:
        quotable.extend([*criteria.topics, " ".join(criteria.topics), ", ".join(criteria.topics)])

    def check(ok: bool, what: str) -> None:
        result.checked += 1
        if not ok:
            result.unsupported.append(what)

    check(sc.followers == creator.followers, f"followers field {sc.followers} != stored {creator.followers}")
    if sc.engagement_rate is not None:
        check(_value_supported(sc.engagement_rate, facts), f"engagement_rate field {sc.engagement_rate:.4f} matches no stored rate")
    for where, text in [("explanation", sc.explanation), *(("reason", r) for r in sc.reasons)]:
        prose, quotes = strip_quotes(text)
        for q in quotes:
            check(any(is_verbatim_excerpt(q, t) for t in quotable), f"{where}: quote “{q[:60]}” is in no post or brief")
        for sentence in _SENTENCE.split(prose):
            allowed = with_reference if _BENCHMARK_WORDS.search(sentence) else context
            for n in cited_numbers(sentence):
                check(_number_supported(n, allowed), f"{where}: '{n.text}' matches no stored number")
    for ev in sc.evidence:
        if ev.kind == "post":
            post = posts.get(ev.post_id) if ev.post_id else None
            if ev.post_id is not None and post is None:
                check(False, f"evidence post {ev.post_id} does not exist")
                continue
            if ev.url and post is not None and post.url:
                check(ev.url == post.url, f"evidence post {ev.post_id} url differs from stored")
            if ev.text:
                sources = [post.text or ""] if post is not None else texts
                check(any(is_verbatim_excerpt(ev.text, s) for s in sources), f"evidence text of {ev.post_id} is not verbatim")
            elif ev.post_id is not None:
                check(True, "evidence post id exists")
        elif ev.value is not None:
            framed = _BENCHMARK_WORDS.search(f"{ev.metric or ''} {ev.method or ''}".replace("_", " "))
            check(_value_supported(ev.value, with_reference if framed else context),
                  f"evidence metric {ev.metric}={ev.value:g} matches no stored number")
    return result


# --------------------------------------------------------------------------- latency


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]."""
    if not values:
        return math.nan
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def latency_summary(ms: Sequence[float]) -> dict[str, float]:
    return {
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "mean": statistics.fmean(ms) if ms else math.nan,
        "max": max(ms) if ms else math.nan,
    }


# --------------------------------------------------------------------------- topic labels

_ON_TOPIC_CLAIMS = ("Posts on “", "A post close in meaning to “")


def unsupported_topic_label(sc: ShortlistedCreator, creator: Any) -> str | None:
    """Why this card's topical label is not backed by a quoted post of the creator, or None.

    A card that says the creator posts on the topic ("Posts on …", "A post close in
    meaning to …") must name the post (`topic_post_id`), that post must be the creator's,
    and what the reason shows of it (a quote, or its hashtags) must be verbatim from it;
    "Posts on" must show the topic's distinguishing word. A profile-only match must say
    it is a near miss."""
    claim = next((r for r in sc.reasons if r.startswith(_ON_TOPIC_CLAIMS)), None)
    if sc.topic_match in (None, "profile"):
        return f"labelled on topic with topic_match={sc.topic_match}" if claim else None
    if claim is None:
        return "on-topic match without its reason"
    post = {p.id: p for p in getattr(creator, "posts", [])}.get(sc.topic_post_id or "")
    if post is None:
        return f"topic post {sc.topic_post_id!r} is not the creator's"
    facet, _, rest = claim.partition("“")[2].partition("”")
    opened, closed = rest.find("“"), rest.rfind("”")
    shown = [rest[opened + 1:closed]] if 0 <= opened < closed else []
    tags = [] if shown else re.findall(r"#[^\s#]+", rest.partition("tagged")[2])
    if not shown and not tags:
        return "nothing of the post is shown"
    source = post_text(post)
    if not all(is_verbatim_excerpt(q, source) for q in shown + tags):
        return "the shown post text is not in the post"
    ff = facet_of(facet)
    if claim.startswith("Posts on") and ff is not None and not shows_word(" ".join(shown + tags), ff.distinguishing):
        return f"the shown post text does not show “{ff.distinguishing}”"
    return None
