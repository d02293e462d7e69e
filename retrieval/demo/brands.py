"""Sponsor brands of the demo corpus.

Sponsors are invented names from the niche catalog (`Niche.sponsors`), so the corpus
does not make claims about real companies. The one exception is this short list of
well-known brands that some sponsored posts name, so that competitor-exclusion briefs
("no creators who promoted Nike") have something real to find.
"""

from __future__ import annotations

import unicodedata

# Well-known brands that marketers exclude as competitors (the brief's list and a few
# more). Heineken appears only on alcohol content (see safety.py).
COMPETITOR_BRANDS: tuple[str, ...] = (
    "Shein", "Temu", "Red Bull", "Nike", "Adidas", "Sephora", "Heineken", "L'Oréal", "Zara",
    "H&M", "Gymshark", "Samsung", "Razer", "HelloFresh", "Airbnb", "Puma", "Monster Energy", "Starbucks",
)

# Which competitors plausibly sponsor a niche; niches not listed never name one.
COMPETITORS_BY_NICHE: dict[str, tuple[str, ...]] = {
    "vegan_food": ("HelloFresh",), "baking": ("HelloFresh",), "healthy_eating": ("HelloFresh", "Gymshark"),
    "local_food": ("Starbucks",), "coffee": ("Starbucks",), "wine_cocktails": ("Heineken",),
    "clean_beauty": ("Sephora", "L'Oréal"), "k_beauty": ("Sephora",), "makeup": ("Sephora", "L'Oréal"),
    "fashion": ("Shein", "Zara", "H&M", "Temu"), "streetwear": ("Nike", "Adidas", "Puma", "Shein"),
    "crossfit": ("Nike", "Gymshark", "Red Bull"), "yoga": ("Adidas",), "running": ("Nike", "Adidas", "Puma"),
    "home_workouts": ("Gymshark", "Nike"), "cycling": ("Red Bull",), "outdoor_hiking": ("Adidas", "Red Bull"),
    "gardening": ("Temu",), "cottagecore": ("Temu",), "diy_crafts": ("Temu",), "home_decor": ("Temu", "H&M", "Shein"),
    "parenting": ("Temu", "H&M"), "pets": ("Temu",), "budget_travel": ("Airbnb",), "luxury_travel": ("Airbnb",),
    "gaming": ("Red Bull", "Razer", "Monster Energy", "Samsung"), "tech_reviews": ("Samsung", "Razer", "Temu"),
    "mechanical_keyboards": ("Razer",), "photography_gear": ("Samsung",), "cars": ("Red Bull",),
    "study_languages": ("Samsung",),
}

COMPETITOR_SHARE = 0.12  # share of a niche's sponsored posts that name a competitor (assumed)


def brand_handle(brand: str) -> str:
    """The @mention form of a brand: ascii letters and digits, lower case."""
    ascii_text = unicodedata.normalize("NFKD", brand).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())
