"""A question about the last list ("why is the third one there?"): answered from the list's
own reasons, never read as an edit of the criteria."""

from __future__ import annotations

import re

from agents.followup.vocabulary import ORDINALS
from agents.shortlist import Shortlist

_WHY = re.compile(
    r"^\W*(?:why|how\s+come|what\s+makes|warum|wieso|por\s*qu[ée]|pourquoi)\b.*?"
    r"(?:#\s*(?P<hash>\d{1,3})|(?:number|nr\.?|no\.?|n°|nº|número|numéro)\s*(?P<num>\d{1,3})|"
    rf"\b(?P<word>{'|'.join(ORDINALS)})\b|\b(?P<nth>\d{{1,3}})(?:st|nd|rd|th)\b|@(?P<handle>[\w.\-]+))",
    re.IGNORECASE | re.DOTALL,
)


def asked_about(message: str) -> str | None:
    """'#3' or '@handle' when the message asks why a listed creator is there, else None."""
    m = _WHY.match(message)
    if m is None:
        return None
    if m.group("handle"):
        return f"@{m.group('handle').lower().rstrip('.')}"
    if m.group("word"):
        return f"#{ORDINALS.index(m.group('word').lower()) + 1}"
    return f"#{int(m.group('hash') or m.group('num') or m.group('nth'))}"


def answer(ref: str, shortlist: Shortlist | None) -> str:
    """The listed creator's own reasons and risks, as the card shows them."""
    creators = shortlist.creators if shortlist is not None else []
    found = next((c for c in creators if (ref.startswith("#") and c.rank == int(ref[1:]))
                  or (ref.startswith("@") and c.handle.lower() == ref[1:])), None)
    if found is None:
        return f"There is no {ref} in the last list ({len(creators)} creator{'' if len(creators) == 1 else 's'})."
    said = "; ".join(r.rstrip(". ") for r in found.reasons) or found.explanation.rstrip(". ")
    risks = f" Watch: {'; '.join(found.risks)}." if found.risks else ""
    return f"#{found.rank} @{found.handle} is listed because: {said}.{risks}"
