"""The words of a follow-up that carry an instruction, in EN/DE/ES/FR.

These are never topics. Each intent is a regex alternation; field nouns say which
criteria field a clause is about when it names no value ("drop the budget").
"""

from __future__ import annotations

import re


def _alt(*words: str) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# "drop X", "no X please", "forget X", "without X": X leaves the criteria.
REMOVE = _alt(
    "drop", "remove", "delete", "forget about", "forget", "get rid of", "take out", "lose", "skip", "without",
    "no more", "not", "no", "exclude", "excluding", "ditch", "don't want", "dont want", "do not want", "avoid", "leave out", "cut", "nix", "neither", "nor",
    "entferne", "entfernen", "streiche", "streichen", "vergiss", "ohne", "keine", "kein", "keinen", "nicht", "weg mit", "raus",
    "schließe", "schliesse", "ausschließen", "ausschliessen", "aus",
    "quita", "quitar", "quitad", "elimina", "eliminar", "olvida", "olvídate de", "olvidate de", "sin", "fuera", "nada de", "tampoco", "ni",
    "excluye", "excluir", "excluyan", "excluid",
    "enlève", "enleve", "enlevez", "retire", "retirez", "supprime", "supprimez", "oublie", "oubliez", "sans", "pas de", "plus de", "non plus", "ni",
    "exclus", "exclure", "excluez", "exclue",
)
# "I don't care about X": X stops being a requirement.
DONT_CARE = _alt(
    "don't care about", "dont care about", "do not care about", "doesn't matter", "does not matter", "don't mind",
    "never mind", "whatever", "regardless of", "ignore",
    "egal", "ist mir egal", "spielt keine rolle", "ignoriere",
    "no importa", "me da igual", "da igual", "ignora",
    "peu importe", "je m'en fiche", "ignore",
)
ADD = _alt(
    "also", "add", "plus", "too", "as well", "include", "and also", "in addition",
    "auch", "außerdem", "ausserdem", "zusätzlich", "zusaetzlich", "füge", "hinzu", "dazu",
    "también", "tambien", "además", "ademas", "añade", "anade", "agrega", "incluye",
    "aussi", "également", "egalement", "ajoute", "ajoutez", "en plus", "inclus",
)
ONLY = _alt("only", "just", "exclusively", "nur", "ausschließlich", "solo", "sólo", "solamente", "únicamente",
            "seulement", "uniquement")
# "swap X for Y", "replace X with Y": the old value comes first (the reverse of "Y instead of X").
SWAP = r"(?:swap(?:\s+out)?|replace|trade|exchange|tausche|ersetze|cambia|sustituye|remplace|échange|echange)"
SWAP_TO = r"(?:for|with|by|gegen|durch|por|par)"
INSTEAD_OF = _alt("instead of", "rather than", "in place of", "statt", "anstatt", "anstelle von", "en lugar de",
                  "en vez de", "au lieu de", "au lieu du", "au lieu des", "plutôt que", "plutot que")
SWITCH = _alt(
    "actually", "instead", "make it", "make that", "change it to", "change to", "switch to", "switch it to",
    "rather", "let's do", "lets do", "go with", "how about", "what about",
    "eigentlich", "stattdessen", "lieber", "doch", "mach daraus", "ändere auf", "wechsle zu",
    "en realidad", "mejor", "en cambio", "cambia a", "cámbialo a", "que sea",
    "en fait", "plutôt", "plutot", "finalement", "change pour", "passe à", "passe a",
)
RAISE = _alt("raise", "increase", "bump", "up", "lift", "erhöhe", "erhöhen", "erhoehe", "hebe", "sube", "aumenta",
             "augmente", "augmentez", "monte")
LOWER = _alt("lower", "decrease", "reduce", "cut", "drop", "senke", "senken", "reduziere", "baja", "reduce", "rebaja",
             "baisse", "baissez", "réduis", "reduis")
SET = _alt("set", "change", "make", "put", "setze", "ändere", "pon", "cambia", "mets", "fixe")
PLEASE = _alt("please", "pls", "thanks", "thank you", "bitte", "danke", "por favor", "gracias", "s'il vous plaît",
              "s'il te plaît", "svp", "stp", "merci")

# Every instruction word, one by one: stripped before a clause's values are read, and
# never allowed into topics.
INSTRUCTION_WORDS: frozenset[str] = frozenset(
    w for alt in (REMOVE, DONT_CARE, ADD, ONLY, INSTEAD_OF, SWITCH, RAISE, LOWER, SET, PLEASE)
    for phrase in alt.split("|") for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", phrase.lower())
) | frozenset("""
    i we it that this those these them me my our us the a an to of for about any anyone anybody who which
    is are be can could would should let's lets let want need like okay ok hmm well yeah yes now again
    care matter mind limit limits requirement requirements constraint constraints filter filters
    ich wir es das die der den dem bitte mal jetzt noch wieder
    yo nosotros lo la el los las que de del al ahora otra vez
    je nous le la les que de du des maintenant encore ça ca
    anymore any more either neither
    except excluding outside außer ausser excepto salvo menos sauf hors
""".split())
# Words a follow-up wraps around a topic ("more plant-based baking folks", "I meant ..."):
# stripped from a topic phrase, which stands if anything is left.
FILLER_WORDS: frozenset[str] = frozenset("""
    folks people guys ones someone somebody see keep stick find get give show meant mean speaks
    undo redo start over reset restart nah nope yep hmm try tried trying looks
""".split())
# "the third one": a rank by its English ordinal word.
ORDINALS: tuple[str, ...] = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# "double the budget": a factor on the amount the thread holds.
SCALE = {"double": 2.0, "triple": 3.0, "halve": 0.5, "half": 0.5, "verdopple": 2.0, "duplica": 2.0, "double le": 2.0}
# "TikTok is ok too": a value allowed beside the others, an addition.
ALLOWED_TOO = r"(?:is|are)\s+(?:fine|ok(?:ay)?|allowed|acceptable)(?:\s+too)?"
# Conversation commands: they move the thread's criteria back, they are never read as edits.
UNDO = re.compile(r"^\W*(?:(?:please\s+)?undo(?:\s+(?:that|it|the\s+last\s+(?:change|one)))?|go\s+back|revert(?:\s+that)?|"
                  r"r[üu]ckg[äa]ngig|deshacer|annuler)\W*$", re.IGNORECASE)
START_OVER = re.compile(r"^\W*(?:start\s+(?:over|again)|reset|restart|back\s+to\s+the\s+(?:original\s+)?brief|"
                        r"von\s+vorne|empezar\s+de\s+nuevo|recommencer)\W*$", re.IGNORECASE)
COMMAND = re.compile(f"(?:{UNDO.pattern})|(?:{START_OVER.pattern})", re.IGNORECASE)

# Field nouns: a clause that names a field but no value edits the whole field.
FIELD_NOUNS: dict[str, str] = {
    "budget": r"budgets?|spend(?:ing)?|money|presupuesto|etat|budgetlimit|geld|dinero",
    "max_price_per_post": r"price\s+(?:cap|limit)|per[\s-]post\s+(?:cap|limit|price)|price\s+per\s+post|rate\s+cap|preis\s+pro\s+post|precio\s+por\s+publicaci[oó]n|prix\s+par\s+post",
    "platforms": r"platforms?|plattform(?:en)?|plataformas?|plateformes?|channels?|networks?",
    "creator_countries": r"countr(?:y|ies)|locations?|geo(?:graphy)?|where\s+they(?:'re|\s+are)\s+based|based|lands?|länder|laender|pa[ií]s(?:es)?|pays|standort|ubicaci[oó]n|lieu",
    "audience_countries": r"audience\s+(?:countr(?:y|ies)|locations?|geo)|where\s+the\s+audience\s+is",
    "languages": r"languages?|sprachen?|idiomas?|langues?|lenguas?",
    "followers": r"followers?|follower\s+(?:range|count|limit)|size|audience\s+size|seguidores|abonn[ée]s|abonnenten|reach",
    "audience_age": r"ages?|age\s+range|alter|edad(?:es)?|[âa]ge",
    "audience_gender": r"genders?|geschlecht|g[ée]nero|genre|sexe",
    "min_engagement_rate": r"engagement(?:\s+rate)?|er|interaktionsrate|tasa\s+de\s+interacci[oó]n|taux\s+d'engagement",
    "formats": r"formats?|formatos?",
    "topics": r"topics?|themes?|niches?|themen?|temas?|sujets?|th[èe]mes?",
    "tiers": r"tiers?",
    "creators_count": r"(?<!follower\s)(?<!followers\s)(?:creator\s+)?count|number\s+of\s+creators|anzahl|cantidad\s+de\s+creadores|nombre\s+de\s+cr[ée]ateurs",
    "exclude_brands": r"brand\s+exclusions?|excluded\s+brands|competitors?",
    "exclude_handles": r"excluded\s+creators|exclusions?\s+of\s+creators",
    "exclude_topics": r"safety\s+(?:filters?|exclusions?)|excluded\s+content",
    "exclude_keywords": r"keyword\s+exclusions?|excluded\s+(?:keywords|words|phrases)",
    "exclude_countries": r"excluded\s+countr(?:y|ies)|country\s+exclusions?",
    "creator_cities": r"cit(?:y|ies)|städte|stadt|ciudad(?:es)?|villes?",
    "creator_gender": r"creator(?:'s|s')?\s+genders?|gender\s+of\s+(?:the\s+)?creators",
}
# A noun field covering two criteria fields.
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "followers": ("followers_min", "followers_max"),
    "audience_age": ("audience_age_min", "audience_age_max"),
}
# "any platform", "anywhere", "any language": the field is cleared.
ANY_FIELD = re.compile(
    r"\b(?:any|all|every|whatever|jede[rsn]?|beliebige?|alle|cualquier|todas?\s+las?|n'importe\s+quel(?:le)?s?|tous\s+les|toutes\s+les)\s+"
    r"(?P<noun>platforms?|plattform(?:en)?|plataformas?|plateformes?|countr(?:y|ies)|locations?|lands?|länder|pa[ií]s(?:es)?|pays|"
    r"languages?|sprachen?|idiomas?|langues?|formats?|sizes?|genders?|ages?|audience\s+genders?|audience\s+ages?|"
    r"creator\s+genders?|cit(?:y|ies)|städte|stadt|ciudad(?:es)?|villes?)\b"
    r"|\b(?P<anywhere>anywhere|worldwide|globally|überall|weltweit|en\s+cualquier\s+lugar|partout|n'importe\s+où)\b",
    re.IGNORECASE,
)
