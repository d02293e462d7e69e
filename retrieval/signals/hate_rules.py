"""Hate speech without slurs: a protected group named next to dehumanising or hostile words.

Much hate names its target plainly ("immigrants are vermin", "Frauen sind Abschaum",
"los gays dan asco") and no slur list catches it. The rule: an identity word and a
derogation word within `WINDOW` tokens of each other in the same text. Hand-written
from general vocabulary in English, German, Spanish, French, Portuguese and Vietnamese
(not derived from any labelled set). Vietnamese
hate is left to the lexicon (its group words are multi-syllable phrases); identities follow the protected groups of
HateCheck (Röttger et al., ACL 2021): women, trans people, gay people, Black people,
disabled people, Muslims, immigrants, plus Jews, refugees, Roma and regional groups.
"""

from __future__ import annotations

WINDOW = 8

# Words that are colours, adjectives, articles or slang praise in captions ("black dress",
# "die Frauen" in German, "sick!"), so they cannot anchor the rule on their own.
AMBIGUOUS_IDENTITY = set("black chinese trans gay indians jewish muslim arab woman islam migrant immigrant refugee "
                         "negros negras noirs noires".split())
# An ambiguous group word counts when a determiner comes before it ("los negros", "les
# trans", "all blacks") or a people-noun after it ("black people", "gay men").
GROUP_WORDS: frozenset[str] = frozenset(AMBIGUOUS_IDENTITY | set(
    "blacks homos indigenous indígenas indigenas schwulen asian asians mexican jewish".split()))
DETERMINERS: frozenset[str] = frozenset(
    "the all these those los las les des os as die alle diese todos todas tous toutes estos estas ces esses essas".split())
PEOPLE_NOUNS: frozenset[str] = frozenset(
    "people person men women folks persons kids guys personas gente personnes gens pessoas menschen leute".split())
AMBIGUOUS_DEROGATION = set("sick dumb stupid dead die dirty evil kill killed shoot hang burn gas wipe freak freaks "
                           "krank sales malades doentes eliminate eliminar éliminer a".split())

IDENTITY: frozenset[str] = frozenset(set("""
women woman females feminists gays gay lesbians lesbian homosexuals homosexual queers trans transgender
transgenders blacks black negroes immigrants immigrant migrants migrant refugees refugee muslims muslim
islam jews jew jewish arabs arab mexicans asians chinese gypsies roma disabled cripples foreigners africans
latinos hispanics indians pakistanis
frauen weiber schwule schwuler lesben transmenschen ausländer flüchtlinge migranten muslime moslems juden
schwarze behinderte araber türken zigeuner
mujeres gays lesbianas trans inmigrantes migrantes refugiados musulmanes judíos judios negros negras
discapacitados gitanos moros sudacas
femmes lesbiennes immigrés immigres migrants réfugiés refugies musulmans juifs noirs noires handicapés
handicapes arabes roms
mulheres lésbicas lesbicas imigrantes refugiados muçulmanos muculmanos judeus negros negras deficientes
nordestinos ciganos
""".split()) - AMBIGUOUS_IDENTITY)

DEROGATION: frozenset[str] = frozenset(set("""
scum vermin rats rat parasites parasite cockroaches cockroach animals savages savage filth filthy trash garbage
disgusting disgust subhuman inferior worthless pests pest plague disease diseased useless vile
hate hates hated hating hatred disdain contempt despise despicable loathe detest disgusted repulsive
revolting pathetic scumbags subhumans infest infesting infestation virus menace brainless idiots morons imbeciles stupidest dumbest lowlifes deport deported exterminate exterminated eradicate eliminate wipe kill killed
die dead shoot gas hang burn lesser evil criminals rapists terrorists pedophiles pedos freaks freak
abominations abomination sick degenerate degenerates dirty stupid dumb retarded primitive apes monkeys
abschaum ungeziefer ratten parasiten tiere dreck dreckig widerlich ekelhaft minderwertig wertlos pest
hasse hassen verachte ausstehen abschieben ausrotten vernichten töten sterben vergasen kriminell kriminelle
vergewaltiger terroristen dumm krank verabscheue verabscheuen kotzen angewidert verachtung hass abscheu
widern schlimmsten abstoßend verachtenswert abscheulich widerwärtig niederträchtig erbärmlich unzivilisiert dümmsten blöd
blöde blödesten hirnlos schmutz müll abfall schmarotzer plage virus platzverschwendung ekel lügner
escoria basura parásitos parasitos ratas cucarachas animales asco asquerosos asquerosas inferiores odio
odio a desprecio deportar exterminar eliminar matar mueran morir criminales violadores terroristas
enfermos sucios sucias plaga soporto aguanto detesto aborrezco asqueado desdén repulsivos despreciables
repugnantes viles patéticos salvajes estúpidos tontos descerebrados mugre inmundos desechos desperdicio cáncer
infrahumanos infrahumanas infestando asesinar
racaille ordures déchets parasites rats cafards animaux dégoûtants dégoutants inférieurs hais déteste
déporter exterminer éliminer tuer crever criminels violeurs terroristes malades sales fléau vermine pourritures pourriture supporter méprise mépris haine dégoût répugnants abjects
pathétiques sauvages stupides idiots débiles sous-hommes infestent
supporte
escória escoria lixo parasitas suporto aguento detesto nojo repugnantes patéticos selvagens estúpidos
idiotas imundos sub-humanos vírus câncer ratos baratas animais nojentos nojentas inferiores odeio desprezo deportar
exterminar eliminar matar morram morrer criminosos estupradores terroristas doentes sujos sujas praga
""".split()) - AMBIGUOUS_DEROGATION)
