"""Peer bands the vetting tools compare against (DESIGN 6 published figures).

- Engagement (untapper bands): Instagram per follower nano 3–5 %, micro 2–3.5 %, mid
  1.5–2.5 %, macro 1–1.8 %, mega 0.7–1.2 %; TikTok per view nano 6–10 %, micro 4–7 %,
  mid 3–5 %, macro 2–3.5 %, mega 1–2 %. YouTube has one published figure, micro ≈ 3.6 %
  per view (seed articles); we use 0.5x–1.5x of it as the nano/micro band and publish
  no band for other YouTube tiers or other platforms.
- Sponsored saturation over 3 months: micro 5–15 %, mid 10–20 %, macro 15–25 %, mega
  20–35 %; nano uses the micro band.
- Likes per comment: DESIGN 6 says only "out of line with peers"; the bands below are
  the 2nd–98th percentiles measured on the real data sets in shared/data/real
  (Instagram ≈ 2019: p5 5.8, p50 34, p95 221; TikTok VN 2025: p5 15, p50 91, p95 380),
  widened to round numbers.
"""

from __future__ import annotations

from retrieval.signals.engagement import PER_FOLLOWER, PER_VIEW

Band = tuple[float, float]

ER_BANDS: dict[tuple[str, str], dict[str, Band]] = {
    ("instagram", PER_FOLLOWER): {
        "nano": (0.03, 0.05), "micro": (0.02, 0.035), "mid": (0.015, 0.025),
        "macro": (0.01, 0.018), "mega": (0.007, 0.012),
    },
    ("tiktok", PER_VIEW): {
        "nano": (0.06, 0.10), "micro": (0.04, 0.07), "mid": (0.03, 0.05),
        "macro": (0.02, 0.035), "mega": (0.01, 0.02),
    },
    ("youtube", PER_VIEW): {"nano": (0.018, 0.054), "micro": (0.018, 0.054)},
}

LIKES_PER_COMMENT_BANDS: dict[str, Band] = {
    "instagram": (4.0, 300.0),
    "tiktok": (10.0, 600.0),
}

SATURATION_BANDS: dict[str, Band] = {
    "nano": (0.05, 0.15), "micro": (0.05, 0.15), "mid": (0.10, 0.20),
    "macro": (0.15, 0.25), "mega": (0.20, 0.35),
}


def er_band(platform: str, method: str | None, tier: str | None) -> tuple[Band | None, str]:
    """(band, which tier was used) for this platform/method/tier; below-1k accounts use nano."""
    use = tier or "nano"
    bands = ER_BANDS.get((platform, method or ""))
    if not bands or use not in bands:
        return None, use
    return bands[use], use
