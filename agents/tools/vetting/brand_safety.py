"""Brand safety against the brief's `exclude_topics` (DESIGN 5.3 categories).

Hits come from the ingest scan (`retrieval.signals.safety_scan`): the lexicon over
captions, hashtags and sampled comments, and the offensive / hate classifiers over captions
(their evidence quotes the sentence the model scores highest and gives its probability).
A word or hashtag hit in an excluded category in the creator's own caption fails; hits that are only emoji in captions (🥂 at a wedding) or
only in other people's comments warn (weaker evidence, or not the creator's words).
Hits in categories the brief did not exclude are reported as information with a pass.
No posts means insufficient data.

Severity decides how hard profanity counts: slurs and strong profanity fail; when every
profanity hit is mild ("damn", "wtf", "crap") it only warns, unless the brief also
excludes adult content (what a "family-friendly" brief is parsed to), where mild
profanity fails too. Hate that only a classifier read (no slur, listed term or named
group next to a derogation word) warns instead of failing: its hate readings of real
captions were mostly false, so the marketer judges the quoted sentence
(`retrieval.features.review_only`; such creators are not excluded in the index either).
Each piece of evidence names the category, the severity, the matched term (the lexicon
word an obfuscated spelling stands for) and quotes the post.
"""

from __future__ import annotations

from agents.shortlist import Evidence, VettingResult
from agents.tools.vetting.base import VettingInput, post_evidence, posts_by_id, result
from retrieval.features import review_only
from retrieval.signals.safety_lexicon import SEVERITIES, Hit, excerpt, scan_text
from retrieval.signals.safety_model import CLASSIFIER_TERM, worst_sentence
from retrieval.signals.safety_scan import post_hits

TOOL = "brand_safety"
MAX_EVIDENCE = 5


def _comment_with(comments: list[str], term: str) -> str:
    """The first sampled comment in which the lexicon finds `term`."""
    for comment in comments:
        if any(t == term for _, t in scan_text(comment)):
            return comment
    return comments[0] if comments else ""


def _quote_and_method(post, category: str, h: Hit) -> tuple[str, str]:
    """The quoted text and the evidence method of one hit."""
    if h.term == CLASSIFIER_TERM:
        head = "hate" if category == "hate" else "offensive"
        return (worst_sentence(post.text or "", head)[:240],
                f"{category} ({h.severity}): classifier p={h.score:.2f} in {h.field}")
    if h.field == "comments":
        text = excerpt(_comment_with(post.comments_sample, h.term), h.term)
    elif h.field == "hashtags":
        text = "#" + h.term
    elif h.field == "emoji":
        text = excerpt(post.text or "", h.term, width=60)
    else:
        text = excerpt(post.text or "", h.term)
    return text, f"{category} ({h.severity}): '{h.term}' in {h.field}"


def _hits_of(pid: str, post, features) -> list[Hit]:
    """The post's hits as ingest stored them; scanned again only for features stored before that."""
    stored = (features.safety_post_hits or {}).get(pid)
    if stored is None:
        return post_hits(post)
    return [Hit(h.category, h.term, h.field, h.severity, h.score) for h in stored]


def check_brand_safety(inp: VettingInput) -> VettingResult:
    creator, features = inp.creator, inp.features
    if not creator.posts:
        return result(TOOL, "insufficient_data", 0.2, "No posts stored, so brand safety cannot be checked.")
    excluded = set(inp.criteria.exclude_topics)
    by_id = posts_by_id(creator)

    own: dict[str, list[str]] = {}       # category -> posts with a caption/hashtag hit
    weak: dict[str, list[str]] = {}      # category -> posts with only emoji/comment hits
    worst: dict[str, int] = {}           # category -> highest severity seen in the creator's own posts
    evidence: list[Evidence] = []
    for category, post_ids in sorted(features.safety_hits.items()):
        for pid in post_ids:
            post = by_id.get(pid)
            if post is None:
                continue
            hits = [h for h in _hits_of(pid, post, features) if h.category == category]
            mine = [h for h in hits if h.field in ("text", "hashtags")]
            (own if mine else weak).setdefault(category, []).append(pid)
            if mine:
                worst[category] = max(worst.get(category, 0), *(SEVERITIES.index(h.severity) for h in mine))
            if category in excluded and len(evidence) < MAX_EVIDENCE and hits:
                # the most severe hit; a listed word before the classifier at equal severity (it names the word)
                h = max(mine or hits, key=lambda x: (SEVERITIES.index(x.severity), x.term != CLASSIFIER_TERM))
                text, method = _quote_and_method(post, category, h)
                evidence.append(post_evidence(post, text=text, method=method))

    n_posts = len(creator.posts)
    bad_own = {c: ids for c, ids in own.items() if c in excluded}
    mild_only = "profanity" in bad_own and worst.get("profanity", 0) <= SEVERITIES.index("mild")
    if mild_only and "adult" not in excluded:
        weak.setdefault("profanity", []).extend(bad_own.pop("profanity"))  # mild swearing warns
    for category in [c for c in bad_own if review_only(features, c)]:
        weak.setdefault(category, []).extend(bad_own.pop(category))  # a classifier's hate reading warns
    bad_weak = {c: ids for c, ids in weak.items() if c in excluded and c not in bad_own}
    if bad_own:
        parts = ", ".join(f"{c} in {len(ids)}" for c, ids in bad_own.items())
        return result(TOOL, "fail", 0.85, f"Excluded topic(s) in the creator's own posts ({parts} of {n_posts} posts).", evidence)
    if bad_weak:
        parts = ", ".join(f"{c} on {len(ids)}" for c, ids in bad_weak.items())
        why = "mild profanity, emoji or sampled comments" if mild_only else "emoji or sampled comments"
        if any(review_only(features, c) for c in bad_weak):
            why = "a classifier's reading of a caption (check the quote), emoji or sampled comments"
        return result(TOOL, "warn", 0.6, f"Excluded topic(s) only in {why} ({parts} of {n_posts} posts).", evidence)
    other = sorted(set(own) | set(weak))
    if other:
        info = ", ".join(f"{c} ({len(own.get(c, [])) + len(weak.get(c, []))})" for c in other)
        return result(TOOL, "pass", 0.75,
                      f"No excluded topic in {n_posts} posts; other categories seen, for information: {info}.")
    return result(TOOL, "pass", 0.8, f"No brand-safety hits in {n_posts} posts.")
