"""Regenerate retrieval/signals/lexicon/surge_en.tsv from Surge AI's profanity list.

Source: https://github.com/surge-ai/profanity (MIT), file profanity_en.csv, with a
category and a severity (Mild / Strong / Severe) per entry. Usage:

    python scripts/build_safety_lexicon.py path/to/profanity_en.csv

Mapping: racial / ethnic slurs, severe sexual-orientation / gender terms, slurs for
disability and "china virus" go to `hate`; everything else to `profanity`. Severity:
Mild -> mild, Strong -> strong, Severe -> severe; every hate term is at least strong.
Entries that are everyday words in captions (a bird, a rooster, a cat breed, a
Vietnamese or Spanish word, a measure in bartending, a fitness move ...) are dropped:
they would flag clean creators (DESIGN: false positives on real captions <= 1 %).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from retrieval.signals.obfuscation import LEET

OUT = Path(__file__).resolve().parents[1] / "retrieval" / "signals" / "lexicon" / "surge_en.tsv"

# Everyday or other-language words in the list, ambiguous in captions.
DROP = set(
    "69 crow crows swine caca cack sheet shet sperm spunk finger forked suck sack peter knob muff wang dong "
    "dipstick booty breasts crotch bondage spanking diddle puss pusses octopussy weenie weiner nobs bates bbc "
    "bwc vag hustler tart dolt cooties scut nonce ramrod snatch cumming shat tramp slit slag bender flamer "
    "flamers homo homos sissy transvestite mong gyp spook spooks coon coons jigger mongrel nuggets buttermilk "
    "abbie greaser aboe negro cholo knickers kkk bj prick pricks cock pecker dix hooters tits jap nig peen "
    "bastinado gowl doosh jerk rectum anus vulva anal klitoris tadger hoar geebag boner bugger cooter twink "
    "bite pede tard faget dogstyle bater douche xxx mong injun nip".split()
) | {"pussy cat", "go to hell", "mushroom tip", "palm jockey", "man meat", "nut butter", "man seed",
     "baby batter", "wise ass", "b to the inch", "loose woman", "jim crow", "zip in the wire", "trouser snake",
     "girly bits", "dog's bollocks", "coot coot", "s&m", "sixty-nine"}
HATE_MARKERS = ("fag", "gay", "lesb", "queer", "lady", "shemal", "she-mal", "sh3mal", "tranny", "dyke",
                "carpet", "fudge", "pillow", "bandit", "pirate", "ladiboy", "ladyb", "l@dyb", "feg", "phag")
SEVERITY = {"Mild": "mild", "Strong": "strong", "Severe": "severe"}


def category_of(row: dict[str, str]) -> str:
    cat, sev, text = row["category_1"], row["severity_description"], row["text"].lower()
    if cat in ("racial / ethnic slurs", "political", "physical disability"):
        return "hate"
    if cat == "mental disability" and sev == "Severe":
        return "hate"
    if cat == "sexual orientation / gender" and (sev == "Severe" or any(m in text for m in HATE_MARKERS)):
        return "hate"
    return "profanity"


def main(src: str) -> None:
    rows = []
    with open(src, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            term = " ".join(row["text"].lower().split())
            if not term or term in DROP or term.translate(LEET) in DROP or row["canonical_form_1"].lower() in {"cock", "prick", "tit"} and " " not in term:
                continue
            if row["category_1"] == "racial / ethnic slurs" and row["severity_description"] == "Mild":
                continue  # mild entries here are everyday words ("buttermilk", "nuggets")
            cat = category_of(row)
            sev = SEVERITY[row["severity_description"]]
            if cat == "hate" and sev == "mild":
                sev = "strong"
            rows.append((term, cat, sev, "en", "surge-ai/profanity"))
    rows = sorted(set(rows))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("term\tcategory\tseverity\tlang\tsource\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} terms to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
