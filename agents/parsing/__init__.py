"""Offline brief parser (DESIGN 2, "Parse"): rules and gazetteers, no network, no model.

    from agents.parsing import parse_offline
    result = parse_offline("20 vegan food micro-influencers on TikTok in Germany, budget €10k")
"""

from agents.parsing.offline import parse_offline

__all__ = ["parse_offline"]
