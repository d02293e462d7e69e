"""Content formats: reels, shorts, stories, lives, carousels, long-form video, images, posts, text.

Values follow DESIGN 5.3: reel, short, video, story, live, image, carousel, text (plus
"post" for a generic feed post). Words that are formats only in context ("shorts" the
clothing, "stories" as storytelling) need a platform or another format next to them.
A format that exists on one platform only also yields a "platform_hint" finding.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding

# (pattern, format, platform hint). Order matters: longer phrases first.
_FORMATS: tuple[tuple[str, str, str | None], ...] = (
    (r"long[\s-]?form(?:\s+(?:videos?|content|youtube\s+videos?))?|long\s+videos?|dedicated\s+videos?|"
     r"(?:youtube\s+)?integrations?|vlogs?|video\s+reviews?", "video", None),
    (r"short[\s-]?form(?:\s+(?:videos?|content))?|short\s+videos?", "short", None),
    (r"(?:youtube|yt)\s+shorts", "short", "youtube"),
    (r"Shorts", "short", "youtube"),
    (r"(?:instagram\s+|ig\s+|insta\s+)?reels?", "reel", None),
    (r"(?:instagram|ig|insta|facebook|fb|snapchat)\s+stor(?:y|ies)|story\s+(?:posts?|frames?|sets?)", "story", None),
    (r"Stories", "story", None),
    (r"live[\s-]?stream(?:s|ing|ers?)?|live\s+shopping|live\s+sessions?|live\s+videos?|going\s+live|"
     r"(?:instagram|ig|tiktok|youtube|twitch)\s+lives?|livestreams?", "live", None),
    (r"Lives|LIVEs?", "live", None),
    (r"carousels?(?:\s+posts?)?", "carousel", None),
    (r"static\s+(?:images?|posts?|photos?)|statics|(?:photo|image)\s+posts?|photos|images|pictures", "image", None),
    (r"tweets?(?:\s*/\s*threads)?|(?:twitter|x)\s+threads|threads(?=\s*(?:/|and|or)\s*tweets)|text\s+posts?|blog\s+posts?|articles",
     "text", None),
    (r"(?:in-?feed|feed|sponsored)\s+posts?|(?<!\d\s)(?<!\d)posts(?!\s+(?:about|on|per|each|from|with|in|of)\b)",
     "post", None),
    (r"(?:tiktok|youtube)\s+videos?|videos?", "video", None),
)
_FORMAT = re.compile(
    r"(?<![\w@#-])(?:" + "|".join(f"(?P<f{i}>{p if p[0].isupper() else f'(?i:{p})'})" for i, (p, _, _) in enumerate(_FORMATS))
    + r")(?![\w-])"
)
# Ambiguous bare words accepted when next to another format: "reels, shorts and stories".
_BARE = re.compile(r"(?<![\w@#-])(?i:(?P<short>shorts)|(?P<story>stories)|(?P<live>lives))(?![\w-])")
_PLATFORM_LEAD = re.compile(r"(?i:instagram|insta|ig|tiktok|youtube|yt|twitch|facebook|fb|snapchat|twitter|x)\s+")
_TWEETS = re.compile(r"(?i:tweets?.*)")
_NEG_LEFT = re.compile(r"(?:\bno|\bnot|\bwithout|\bexcept|\bexcluding|\bavoid)\s+$", re.IGNORECASE)


def extract_formats(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    for m in _FORMAT.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        if _NEG_LEFT.search(brief.left(m.start(), 15)):
            continue
        _, fmt, hint = _FORMATS[int((m.lastgroup or "f0")[1:])]
        word = m.group(0)
        # Keep the platform word for the platform extractor: consume the format words only.
        lead = _PLATFORM_LEAD.match(word)
        start = m.start() + (lead.end() if lead else 0)
        brief.consume(start, m.end())
        found.append(Finding("formats", fmt, start, m.end()))
        if fmt == "text" and _TWEETS.fullmatch(word):
            hint = "x"
        if hint:
            found.append(Finding("platform_hint", hint, start, m.end(), inferred=True,
                                 note=f"'{word}' implies {hint}"))
    if found:
        for m in _BARE.finditer(brief.text):
            if not brief.is_free(*m.span()):
                continue
            near = any(abs(f.start - m.end()) < 15 or abs(m.start() - f.end) < 15 for f in found
                       if f.field == "formats")
            if near and not _NEG_LEFT.search(brief.left(m.start(), 15)):
                fmt = "short" if m["short"] else "story" if m["story"] else "live"
                brief.consume(*m.span())
                found.append(Finding("formats", fmt, m.start(), m.end()))
    return found
