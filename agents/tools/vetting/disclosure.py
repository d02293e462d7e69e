"""Ad disclosure on sponsored posts (DESIGN 6).

DESIGN 6: `#ad`, `#sponsored`, `#partner`, platform paid-partnership labels; in Germany
`#Werbung` / `#Anzeige`; a sponsored post with no disclosure is a risk.

Verdict: no sponsored posts pass; some undisclosed warn; most (> 50 %) undisclosed,
and at least two, fail; no posts at all is insufficient data. Evidence: each undisclosed post.
"""

from __future__ import annotations

from agents.shortlist import Evidence, VettingResult
from agents.tools.vetting.base import VettingInput, metric, pct, post_evidence, posts_by_id, result
from retrieval.schema import Post
from retrieval.signals.sponsorship import GERMAN_TAGS, disclosure_tags

MIN_UNDISCLOSED_TO_FAIL = 2
TOOL = "disclosure"
MAX_EVIDENCE = 8


def _german_tagged(post: Post) -> bool:
    """A #Werbung / #Anzeige tag (cheap string test first)."""
    if not any(t.lower() in GERMAN_TAGS for t in post.hashtags) and not (
        post.text and ("#werbung" in post.text.lower() or "#anzeige" in post.text.lower())
    ):
        return False
    return bool(GERMAN_TAGS & set(disclosure_tags(post)))


def check_disclosure(inp: VettingInput) -> VettingResult:
    c, f = inp.creator, inp.features
    if not c.posts:
        return result(TOOL, "insufficient_data", 0.2, "No posts stored, so ad disclosure cannot be checked.")
    s = f.sponsored_posts
    if s == 0:
        return result(TOOL, "pass", 0.7, f"No sponsored posts among {len(c.posts)} posts, so nothing needs disclosure.")
    undisclosed = f.undisclosed_sponsored_post_ids
    by_id = posts_by_id(c)
    german = sum(1 for pid in f.sponsored_post_ids if pid in by_id and _german_tagged(by_id[pid]))
    evidence: list[Evidence] = [
        metric("disclosure_rate", f.disclosure_rate, f"sponsored posts with #ad/#sponsored/#partner/#Werbung/#Anzeige/paid-partnership text, of {s}"),
        metric("german_disclosures", german, "sponsored posts tagged #Werbung or #Anzeige"),
    ]
    for pid in undisclosed[:MAX_EVIDENCE]:
        if pid in by_id:
            evidence.append(post_evidence(by_id[pid], method="sponsored (flag or sponsors) without a disclosure"))
    u = len(undisclosed)
    german_note = f"; {german} tagged #Werbung/#Anzeige" if german else ""
    head = f"{u} of {s} sponsored posts carry no disclosure (disclosure rate {pct(f.disclosure_rate, 0)}){german_note}"
    if u == 0:
        return result(TOOL, "pass", 0.85, f"All {s} sponsored posts are disclosed{german_note}.", evidence)
    # A fail rejects the creator, so it needs a pattern, not one slip: at least two
    # undisclosed ads and most of them undisclosed.
    if u >= MIN_UNDISCLOSED_TO_FAIL and u / s > 0.5:
        return result(TOOL, "fail", 0.8, f"Mostly undisclosed ads: {head}.", evidence)
    return result(TOOL, "warn", 0.75, f"Some undisclosed ads: {head}.", evidence)
