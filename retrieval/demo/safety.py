"""Brand-safety content planted in the demo corpus, per category (agents.criteria
SAFETY_CATEGORIES), as observable text only: captions, hashtags and comments.

Kept deliberately mild: adult content is only "18+ link" style promotion and hate is
hostile, exclusionary phrasing without slurs. Captions exist in English for every
category and in the other corpus languages for the common ones (alcohol, gambling,
politics, profanity); other categories fall back to English, as bilingual creators do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SafetyContent:
    captions: tuple[str, ...]              # English sentences with {n} {place} {day}
    hashtags: tuple[str, ...]
    comments: tuple[str, ...]              # audience comments in the category
    local: dict[str, tuple[str, ...]]      # language -> caption sentences


def _l(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split("|") if s.strip())


SAFETY_CONTENT: dict[str, SafetyContent] = {
    "alcohol": SafetyContent(
        captions=_l("Wine tasting night with {n} bottles open 🍷|Friday cocktails: a smoky mezcal negroni and zero regrets|"
                    "Craft beer flight at a brewery in {place} 🍺|Bottomless mimosa brunch, we went a bit too hard|"
                    "Tequila shots at the bar after the shoot 🥃|Rosé all day on this {day}, cheers 🥂"),
        hashtags=_l("winetasting|cocktails|craftbeer|happyhour|drinks|wine|beer|cheers"),
        comments=_l("cheers! 🍻|what wine was that?|need a drink after this week 🍷|save me a beer 🍺"),
        local={
            "de": _l("Weinprobe mit {n} offenen Flaschen 🍷|Feierabendbier in {place} 🍺|Gin Tonic zum Wochenende, prost 🥂"),
            "es": _l("Cata de vinos con {n} botellas abiertas 🍷|Cervezas artesanas en {place} 🍺|Chupitos de tequila para celebrar 🥃"),
            "fr": _l("Dégustation de vin avec {n} bouteilles 🍷|Apéro bières artisanales à {place} 🍺|Cocktails au mezcal pour le week-end 🥂"),
            "pt": _l("Degustação de vinhos com {n} garrafas 🍷|Cerveja artesanal em {place} 🍺|Caipirinha pra comemorar 🥃"),
            "ja": _l("ワインを{n}本開けて飲み比べ🍷|{place}でクラフトビール🍺|週末は日本酒で乾杯🍶"),
            "zh": _l("开了{n}瓶红酒品鉴🍷|在{place}喝精酿啤酒🍺|周末调一杯鸡尾酒微醺🥂"),
        },
    ),
    "gambling": SafetyContent(
        captions=_l("Put {n}0 on tonight's game, the betting odds looked too good|Casino night in {place} 🎰, up {n}00 at blackjack|"
                    "My weekly parlay picks are live, link in bio|Poker night, {n} hours and one huge pot ♠️|"
                    "Spinning the slots on my new favourite online casino 🎰"),
        hashtags=_l("sportsbetting|casino|poker|parlay|bettingtips|slots|gambling"),
        comments=_l("what site do you bet on?|free spins link? 🎰|🎰 win big, casino bonus link in my bio|which odds did you get?"),
        local={
            "de": _l("Heute {n}0 Euro auf das Spiel gesetzt, die Wettquoten waren zu gut|Casino-Abend in {place} 🎰"),
            "es": _l("Aposté {n}0 al partido de hoy, las cuotas eran buenísimas|Noche de casino en {place} 🎰"),
            "fr": _l("{n}0 euros misés sur le match, les cotes étaient trop belles|Soirée casino à {place} 🎰"),
            "pt": _l("Apostei {n}0 no jogo de hoje, as odds estavam boas demais|Noite de cassino em {place} 🎰"),
            "ja": _l("今日の試合に{n}千円賭けた⚽|{place}のカジノナイト🎰"),
            "zh": _l("今晚的比赛押了{n}百块🎰|在{place}的赌场玩了一晚"),
        },
    ),
    "tobacco": SafetyContent(
        captions=_l("Cigar and a quiet terrace, perfect {day}|New vape flavour review: mango ice 💨|Hookah lounge night in {place}|"
                    "Rolling a cigarette before the walk, don't judge"),
        hashtags=_l("vape|vapelife|cigar|hookah|shisha|smoke"),
        comments=_l("what vape is that?|cigar brand?|shisha flavour? 💨"),
        local={},
    ),
    "drugs": SafetyContent(
        captions=_l("Edibles kicked in halfway through the movie 😵‍💫|Happy 4/20, rolling one up 🌿|Weed and snacks kind of {day}|"
                    "Microdosing shrooms diary, week {n}"),
        hashtags=_l("420|weed|cannabis|stoner|edibles|highlife"),
        comments=_l("where do you get your edibles?|puff puff pass 🌿|420 friendly 😂"),
        local={},
    ),
    "adult": SafetyContent(
        captions=_l("NSFW 18+ version of this shoot is on my other page 🔞|Spicy content, link in bio, 18+ only|"
                    "Too hot for this app, the uncensored set is on my private page 🔞"),
        hashtags=_l("nsfw|18plus|spicy|adultcontent"),
        comments=_l("🔞 check my profile for spicy pics|18+ content in my bio 😘|NSFW link in bio 🔞"),
        local={},
    ),
    "violence": SafetyContent(
        captions=_l("Caught a street fight outside the club last night, absolutely wild|Knocked him out cold in sparring, blood everywhere|"
                    "This road rage brawl in {place} got out of hand"),
        hashtags=_l("streetfight|brawl|knockout|fightvideo"),
        comments=_l("he deserved that beating|someone should have hit him harder|fight fight fight 👊"),
        local={},
    ),
    "weapons": SafetyContent(
        captions=_l("Range day with my new pistol 🔫|Hunting rifle zeroed in before the season opens|"
                    "Unboxing a tactical knife and testing how sharp it is|Finally finished my rifle build, {n} months of work"),
        hashtags=_l("guns|gunrange|hunting|tacticalgear|firearms|2a"),
        comments=_l("what caliber is that?|nice rifle|which holster do you use?"),
        local={},
    ),
    "politics": SafetyContent(
        captions=_l("Vote on election day, our party needs every one of you|At the campaign rally in {place} today, this election is everything|"
                    "Why I'm backing this candidate in the election|Marched with thousands against the government today"),
        hashtags=_l("election|vote|politics|rally|protest|campaign"),
        comments=_l("this candidate will ruin the country|finally someone talking politics|vote them out!|keep politics out of this"),
        local={
            "de": _l("Geht wählen! Unsere Partei braucht jede Stimme bei der Wahl|Heute auf der Wahlkampf-Kundgebung in {place}"),
            "es": _l("¡A votar! Nuestro partido necesita cada voto en las elecciones|Hoy en el mitin de campaña en {place}"),
            "fr": _l("Allez voter ! Notre parti a besoin de chaque voix à l'élection|Au meeting de campagne à {place} aujourd'hui"),
            "pt": _l("Vote na eleição, nosso partido precisa de cada voto|Hoje no comício da campanha em {place}"),
            "ja": _l("選挙には必ず行こう、この党を応援してます|{place}の選挙演説に行ってきた"),
            "zh": _l("今天去了{place}的竞选集会|这次选举一定要去投票"),
        },
    ),
    "profanity": SafetyContent(
        captions=_l("Holy shit, this actually worked|What the fuck was I thinking with this one 😂|Damn, this is fucking good|"
                    "Screw it, posting the bloopers, this shit was hard"),
        hashtags=_l("wtf|nofilter|realtalk"),
        comments=_l("this is fucking amazing|holy shit 😂|wtf lol|damn that's good shit"),
        local={
            "de": _l("Scheiße, das hat tatsächlich funktioniert|Verdammt, ist das geil geworden"),
            "es": _l("Joder, esto funcionó de verdad|Qué puta pasada, de verdad"),
            "fr": _l("Putain, ça a vraiment marché|Merde, c'est trop bon"),
            "pt": _l("Caralho, isso funcionou mesmo|Porra, ficou bom demais"),
            "ja": _l("マジでクソうまい|クソみたいな一日だったけどこれで救われた"),
            "zh": _l("我靠，居然成功了|他妈的太好吃了"),
        },
    ),
    "hate": SafetyContent(
        captions=_l("Sick of those people taking over our neighbourhood, they don't belong here|"
                    "Some groups just shouldn't be allowed in this country, sorry not sorry|"
                    "Our culture is being replaced and nobody is allowed to say it"),
        hashtags=_l("sendthemback|saveourculture|theydontbelong"),
        comments=_l("send them all back|they don't belong here|people like that should stay out of our country"),
        local={},
    ),
}

# Planted category mix (assumed: alcohol and profanity are by far the most common
# brand-safety hits on lifestyle creators; hate and adult are rare).
CATEGORY_WEIGHTS: dict[str, float] = {
    "alcohol": 0.25, "profanity": 0.20, "politics": 0.12, "gambling": 0.10, "tobacco": 0.08,
    "drugs": 0.07, "violence": 0.06, "weapons": 0.06, "adult": 0.03, "hate": 0.03,
}
# Categories whose problem may sit in the comments only (spam, heated replies).
COMMENT_ONLY_OK: frozenset[str] = frozenset({"profanity", "hate", "politics", "gambling", "adult", "drugs"})

# Alcohol posts are sometimes sponsored by a drinks brand (one real competitor brand).
ALCOHOL_SPONSORS: tuple[str, ...] = ("Heineken", "Barrelhouse Spirits", "Vinterra Estates")


def caption_for(category: str, language: str) -> tuple[str, ...]:
    content = SAFETY_CONTENT[category]
    return content.local.get(language) or content.captions
