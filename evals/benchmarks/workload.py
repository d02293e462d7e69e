"""The benchmark's queries: briefs with realistic hard filters."""

from __future__ import annotations

from retrieval.index.base import IndexFilter

QUERIES: list[tuple[str, IndexFilter]] = [
    ("vegan plant-based recipes", IndexFilter(platforms=["instagram", "tiktok"], followers_min=10_000, followers_max=80_000)),
    ("sourdough bread baking", IndexFilter(followers_min=5_000, followers_max=100_000)),
    ("clean beauty skincare routine", IndexFilter(platforms=["instagram"], exclude_safety=["alcohol", "profanity"])),
    ("mechanical keyboard builds", IndexFilter(platforms=["youtube", "tiktok"])),
    ("budget backpacking travel tips", IndexFilter(followers_max=50_000, exclude_safety=["alcohol"])),
    ("home workout for beginners", IndexFilter(countries=["US", "GB", "CA"])),
    ("personal finance investing for millennials", IndexFilter(platforms=["youtube", "instagram", "tiktok"], followers_min=20_000)),
    ("developer tools and coding tutorials", IndexFilter(languages=["en"])),
    ("zero waste sustainable living", IndexFilter(countries=["DE", "AT", "CH"], followers_min=1_000)),
    ("vintage watch collecting", IndexFilter(followers_min=10_000, followers_max=500_000)),
    ("dog training and pet care", IndexFilter(exclude_safety=["profanity", "politics"])),
    ("luxury hotels and travel", IndexFilter(followers_min=100_000)),
    ("yoga and mindfulness", IndexFilter(platforms=["instagram"], followers_min=5_000, followers_max=50_000)),
    ("gaming streams and esports", IndexFilter(platforms=["twitch", "youtube"])),
    ("cottagecore aesthetic slow living", IndexFilter()),
    ("b2b saas marketing growth", IndexFilter(platforms=["linkedin", "x"])),
]

BRIEFS: list[str] = [
    "30 vegan food micro-influencers on TikTok and Instagram in Germany, 10k–80k followers, $15k, no alcohol",
    "10 sourdough and baking creators on Instagram, under 100k followers, budget €5,000",
    "clean beauty skincare creators, women 25-34 audience, no profanity, 15 creators",
    "mechanical keyboard reviewers on YouTube with at least 20k subscribers",
    "budget travel creators, 5-15 creators, max $300 per post",
    "home workout and fitness creators in the US, at least 3% engagement",
    "personal finance creators for Gen Z on TikTok",
    "dog and cat creators, no politics, 20 creators, $8k budget",
]
