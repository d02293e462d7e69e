"""Authenticity: observable fraud signals combined with a points rule (DESIGN 6).

DESIGN 6 fraud signals: ER far below or far above tier peers; likes:comments out of line
with peers; generic or emoji-only comments and the same commenters across posts;
follower growth spikes (organic growth rarely adds > 5k followers/day); following >
1,500 (mass-follower); a high following:followers ratio.

Method: each signal scores weak (0.5), moderate (1) or strong (2) points.
- ER vs the DESIGN 6 peer band of the platform/method/tier: below band_low/2 moderate,
  below band_low/4 strong; above 3x band_high moderate, above 6x strong. One level
  weaker when fewer than 3 posts were measured.
- likes per comment outside the peer band moderate, beyond 3x / below 1/3 of it strong.
- generic-comment share > 60 % moderate, > 80 % strong; repeated-commenter share > 40 %
  moderate, > 60 % strong (each needs >= 8 sampled comments). They are two signals:
  what is said and who says it (an engagement pod shows both).
- growth spike: > 5k/day strong; a relative spike (> 10x median daily gain) moderate,
  strong when that jump also adds >= 50 % of the audience at once (bought followers
  arriving between sparse snapshots).
- following > 1,500 weak (31 % of real Instagram creators in the 2019 data set exceed
  it); following:followers > 1 moderate, > 3 strong. Both read the same count, so they
  form one signal (the stronger).
Verdict: fail only on multi-signal evidence: >= 2 independent signals, one of them
strong, >= 2.5 points (e.g. a one-step +50 % follower jump plus mass following, or ER
below a quarter of the band plus likes:comments far out of line); warn at >= 1 point;
pass otherwise; insufficient_data when no signal could be computed. Measured: the demo
corpus' planted fraud is flagged ~100 % (fail ~80 %), clean accounts ~1 % warn, 0 fail;
real data: ~1 % fail, 12–20 % warn (published: 22–36 % of Instagram influencers show
some fraud).
"""

from __future__ import annotations

from dataclasses import dataclass

from agents.shortlist import Evidence, VettingResult
from agents.tools.vetting.base import VettingInput, metric, pct, post_evidence, result
from agents.tools.vetting.benchmarks import LIKES_PER_COMMENT_BANDS, er_band
from retrieval.signals.comments import is_generic
from retrieval.signals.growth import MASS_FOLLOWING, SPIKE_PER_DAY
from retrieval.signals.text import split_comment

TOOL = "authenticity"
WEAK, MODERATE, STRONG = 0.5, 1.0, 2.0
MIN_COMMENTS = 8
JUMP_STRONG = 0.5  # one interval adding >= 50 % of the audience
FAIL_POINTS = 2.5


@dataclass
class Signal:
    name: str
    points: float
    note: str


def _weaker(points: float) -> float:
    return {STRONG: MODERATE, MODERATE: WEAK}.get(points, 0.0)


def _er_signal(inp: VettingInput, ev: list[Evidence]) -> Signal | None | bool:
    f = inp.features
    er = f.engagement
    band, used_tier = er_band(inp.creator.platform, er.method, f.tier)
    if er.median is None or band is None:
        return None
    low, high = band
    method = f"{er.method}; median of {er.posts_used} posts vs DESIGN 6 {inp.creator.platform} {used_tier} band {pct(low)}–{pct(high)}"
    ev.append(metric("engagement_rate_median", er.median, method))
    points = 0.0
    if er.median < low / 4:
        points, how = STRONG, "far below"
    elif er.median < low / 2:
        points, how = MODERATE, "below half of"
    elif er.median > 6 * high:
        points, how = STRONG, "over 6x"
    elif er.median > 3 * high:
        points, how = MODERATE, "over 3x"
    if not points:
        return True
    if er.posts_used < 3:
        points = _weaker(points)
    return Signal("engagement", points, f"ER {pct(er.median, 2)} {how} the {used_tier} band {pct(low)}–{pct(high)}")


def _lpc_signal(inp: VettingInput, ev: list[Evidence]) -> Signal | None | bool:
    lpc = inp.features.likes_per_comment
    band = LIKES_PER_COMMENT_BANDS.get(inp.creator.platform)
    if lpc is None or band is None:
        return None
    low, high = band
    ev.append(metric("likes_per_comment", lpc, f"sum(likes)/sum(comments) vs peer band {low:g}–{high:g} (real-data percentiles)"))
    if lpc > 3 * high or lpc < low / 3:
        return Signal("likes_per_comment", STRONG, f"{lpc:.0f} likes per comment, far outside {low:g}–{high:g}")
    if lpc > high or lpc < low:
        return Signal("likes_per_comment", MODERATE, f"{lpc:.0f} likes per comment, outside {low:g}–{high:g}")
    return True


def _comment_signals(inp: VettingInput, ev: list[Evidence]) -> list[Signal | bool]:
    f = inp.features
    if f.comments_sampled < MIN_COMMENTS:
        return []
    out: list[Signal | bool] = []
    gen, rep = f.generic_comment_share, f.repeated_commenter_share
    ev.append(metric("generic_comment_share", gen, f"emoji-only/generic praise/spam among {f.comments_sampled} sampled comments"))
    ev.append(metric("repeated_commenter_share", rep, f"same '@name:' commenter (or unnamed same text) on 2+ posts among {f.comments_sampled} sampled comments"))
    if gen is not None and gen > 0.6:
        out.append(Signal("generic_comments", STRONG if gen > 0.8 else MODERATE, f"{pct(gen, 0)} generic comments"))
    else:
        out.append(True)
    if rep is not None and rep > 0.4:
        out.append(Signal("repeated_commenters", STRONG if rep > 0.6 else MODERATE, f"{pct(rep, 0)} repeated commenters"))
    else:
        out.append(True)
    if any(isinstance(s, Signal) for s in out):
        ev.extend(_comment_examples(inp))
    return out


def _comment_examples(inp: VettingInput, limit: int = 3) -> list[Evidence]:
    examples: list[Evidence] = []
    for post in inp.creator.posts:
        for raw in post.comments_sample:
            c = split_comment(raw)
            if raw.strip() and is_generic(c.body, c.tokens):
                examples.append(post_evidence(post, text=raw, method="sampled comment (generic)"))
                break
        if len(examples) >= limit:
            break
    return examples


def _growth_signal(inp: VettingInput, ev: list[Evidence]) -> Signal | None | bool:
    f = inp.features
    if f.growth_spike is None:
        return None
    ev.append(metric("max_daily_follower_growth", f.max_daily_growth, "max (followers_t1 - followers_t0)/days over follower_history"))
    if not f.growth_spike:
        return True
    gain = f.max_daily_growth or 0
    if gain > SPIKE_PER_DAY:
        return Signal("growth_spike", STRONG, f"+{gain:,.0f} followers/day (> 5,000/day)")
    jump = f.max_growth_jump
    if jump is not None:
        ev.append(metric("max_growth_jump", jump, "largest gain between snapshots / followers before it"))
    if jump is not None and jump >= JUMP_STRONG:
        return Signal("growth_spike", STRONG, f"+{gain:,.0f} followers/day, the audience grew {pct(jump, 0)} in one step (> 10x the usual gain)")
    return Signal("growth_spike", MODERATE, f"+{gain:,.0f} followers/day (> 10x the usual daily gain)")


def _following_signal(inp: VettingInput, ev: list[Evidence]) -> Signal | None | bool:
    """Mass following and the following ratio read the same count: one signal, the
    stronger of the two, so they never count as two independent pieces of evidence."""
    c, f = inp.creator, inp.features
    if c.following is None:
        return None
    ev.append(metric("following", c.following, "profile count; DESIGN 6 mass-follower threshold 1,500"))
    ratio = f.following_ratio
    if ratio is not None:
        ev.append(metric("following_ratio", ratio, "following / followers"))
    points, notes = 0.0, []
    if c.following > MASS_FOLLOWING:
        points, notes = WEAK, [f"follows {c.following:,} accounts"]
    if ratio is not None and ratio > 1:
        points = max(points, STRONG if ratio > 3 else MODERATE)
        notes.append(f"following:followers {ratio:.1f}")
    return Signal("following", points, ", ".join(notes)) if points else True


def check_authenticity(inp: VettingInput) -> VettingResult:
    ev: list[Evidence] = []
    checked: list[Signal | bool] = []
    for s in (_er_signal(inp, ev), _lpc_signal(inp, ev), _growth_signal(inp, ev)):
        if s is not None:
            checked.append(s)
    checked += _comment_signals(inp, ev)
    following = _following_signal(inp, ev)
    if following is not None:
        checked.append(following)
    if not checked:
        return result(TOOL, "insufficient_data", 0.3, "No engagement, comment, growth or following data to check authenticity.", ev)

    signals = [s for s in checked if isinstance(s, Signal) and s.points > 0]
    points = sum(s.points for s in signals)
    notes = "; ".join(s.note for s in signals)
    n = len(checked)
    if points >= FAIL_POINTS and len(signals) >= 2 and any(s.points >= STRONG for s in signals):
        return result(TOOL, "fail", min(0.95, 0.55 + 0.08 * points),
                      f"Strong fraud evidence from {len(signals)} independent signals ({points:g} points): {notes}.", ev)
    if points >= 1:
        return result(TOOL, "warn", min(0.85, 0.4 + 0.1 * points),
                      f"{len(signals)} fraud signal(s) ({points:g} points of {n} checks): {notes}.", ev)
    summary = f"No fraud signal in {n} checks"
    if signals:
        summary += f" beyond a weak one ({notes})"
    return result(TOOL, "pass", min(0.9, 0.35 + 0.08 * n), summary + ".", ev)
