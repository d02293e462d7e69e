"""Languages of the demo corpus: where their creators live, their names and small
per-language template sets for captions, bios and comments.

About 12 % of creators write in a language other than English (the brief asks for
~12 %): German, Spanish, French, Portuguese, Japanese and Chinese. A creator's
`languages` and `country` always agree (de -> DE/AT/CH, pt -> BR/PT, ...).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Locale:
    code: str
    share: float                                   # share of creators writing in it
    countries: tuple[tuple[str, float], ...]       # creator country weights
    names: tuple[tuple[str, str], ...]             # (ascii handle name, display name)
    openers: tuple[str, ...]
    bodies: tuple[str, ...]                        # generic caption sentences with {p} / {q}
    closers: tuple[str, ...]
    bios: tuple[str, ...]                          # with {p} {q} {city} {e}
    contacts: tuple[str, ...]
    comments: tuple[str, ...]                      # on-topic organic comments with {p}
    disclosures: tuple[str, ...]                   # disclosure hashtags, without '#'
    sponsor_lines: tuple[str, ...]                 # with {brand} and {p}
    weekdays: tuple[str, ...]


# Every language offers exactly this many names: the handle allocator maps a number
# in [0, NAME_SLOTS) to a name bijectively, whatever the language.
NAME_SLOTS = 40


def _names(text: str) -> tuple[tuple[str, str], ...]:
    """'ascii' or 'ascii=display' items, space separated."""
    out = []
    for item in text.split():
        ascii_name, _, display = item.partition("=")
        out.append((ascii_name, display or ascii_name.capitalize()))
    return tuple(out)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split("|") if s.strip())


def _weights(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((k, float(v)) for k, v in (pair.split(":") for pair in text.split()))


LOCALES: tuple[Locale, ...] = (
    Locale(
        code="en", share=0.875,
        countries=_weights("US:0.46 GB:0.16 CA:0.08 AU:0.07 IN:0.07 IE:0.02 NZ:0.02 SG:0.02 ZA:0.02 PH:0.02 NG:0.02 NL:0.02 SE:0.02"),
        names=_names("emma olivia ava chloe grace lily zoe hannah ruby megan jess tyler jack liam noah "
                     "ethan mason logan ryan dylan caleb owen nate ben sam alex jordan casey riley morgan "
                     "taylor jamie drew blake quinn harper maddie kayla brooke paige"),
        openers=_lines("Okay, confession time.|New post!|Can we talk about this for a second?|Little update from {place}.|"
                       "Finally!|This took way longer than I'd like to admit.|A quick one today.|PSA:|Story time:|"
                       "You asked, so here it is.|Round {n}!|Not gonna lie, I'm proud of this one.|{day} energy.|Hear me out."),
        bodies=_lines("Trying {p} for the first time and I have thoughts.|Honest take on {p} after {n} weeks.|"
                      "Three things nobody tells you about {p}.|If {p} is on your list, read this first.|"
                      "{P} is the thing I keep coming back to.|Spent the whole {day} on {p}, zero regrets.|"
                      "Here's my {p} routine, step by step.|Rating {p} out of 10: {n}.|Small {p} win today.|"
                      "{P}, but make it simple.|Everyone asked about the {p}, so here's the full story.|"
                      "Comparing {p} and {q} so you don't have to."),
        closers=_lines("Would you try this?|Tell me yours in the comments 👇|Save it for later 📌|Questions? Drop them below.|"
                       "More in my stories.|Full details in bio.|Which one are you?|Send this to someone who needs it.|"
                       "See you {day}!|Thoughts?"),
        bios=_lines("{line} · 📍{city}|{line} {e}|{e} {line} • {city}|{line}. Based in {city}.|{city} · {line}"),
        contacts=_lines("collabs: DM|📩 business inquiries via link|new videos every {day}|hello at my website|"
                        "PR & collabs via email in link|she/her|he/him|they/them"),
        comments=_lines("this {p} looks amazing|ok I need to try the {p}|how long did the {p} take you?|you make {p} look easy|"
                        "saving this for later|love your content!|where can I find more about the {p}?|this is exactly what I needed today"),
        disclosures=("ad", "sponsored", "partner", "paidpartnership"),
        sponsor_lines=_lines("Thanks to {brand} for making this possible.|Teamed up with {brand} on this one.|"
                             "{brand} sent me their latest and it fits right into my {p}.|"
                             "Partnering with {brand}: use my code for 15% off.|Big thanks to {brand} for supporting my {p}."),
        weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ),
    Locale(
        code="de", share=0.035,
        countries=_weights("DE:0.75 AT:0.14 CH:0.11"),
        names=_names("lena jonas leonie finn hannes greta lukas marlene felix anke jannik frieda moritz katrin "
                     "tobias wiebke sven ulrike matthis johanna henrik svenja lars birgit kai sabine florian "
                     "mareike dirk jule nils heike timo lotte ole till annika ronja merle torben"),
        openers=_lines("Kurzes Update aus {place}.|Endlich!|Ich muss euch was erzählen.|Neuer Post!|Hand aufs Herz:|"
                       "Das hat länger gedauert als gedacht.|Ihr habt gefragt, hier ist es.|{day}-Stimmung.|Runde {n}!"),
        bodies=_lines("Heute zum ersten Mal {p} ausprobiert und ich habe Gedanken.|Ehrliche Meinung zu {p} nach {n} Wochen.|"
                      "Drei Dinge, die euch keiner über {p} sagt.|{P} ist einfach mein Ding geworden.|"
                      "Den ganzen {day} mit {p} verbracht, null Reue.|Meine {p}-Routine, Schritt für Schritt.|"
                      "{P} oder {q}? Ich habe beides getestet.|Kleiner {p}-Erfolg heute."),
        closers=_lines("Würdet ihr das probieren?|Schreibt mir in die Kommentare 👇|Speichern für später 📌|Mehr in meiner Story.|"
                       "Fragen? Ab in die Kommentare.|Bis {day}!"),
        bios=_lines("{line} · 📍{city}|{e} {line} • {city}|{line}. Aus {city}."),
        contacts=_lines("Kooperationen per DM|📩 Anfragen über den Link|neue Videos jeden {day}"),
        comments=_lines("Mehr Details zu {p} bitte! 🙏|Wie lange hat das mit {p} gedauert?|Sieht mega aus!|"
                        "Danke für die ehrliche Meinung zu {p}|Muss ich am Wochenende ausprobieren|Richtig schön geworden"),
        disclosures=("Werbung", "Anzeige", "werbung", "anzeige"),
        sponsor_lines=_lines("In Kooperation mit {brand}.|Danke an {brand} für die Unterstützung.|"
                             "{brand} passt perfekt zu meiner {p}-Routine.|Mit meinem Code bei {brand} spart ihr 15 %."),
        weekdays=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ),
    Locale(
        code="es", share=0.03,
        countries=_weights("ES:0.38 MX:0.30 AR:0.12 CO:0.10 CL:0.10"),
        names=_names("lucia mateo valentina diego camila javier paula sergio carmen andres marisol pablo "
                     "ximena rodrigo guadalupe raul nerea alvaro itziar gonzalo rocio ignacio pilar santiago "
                     "julieta martin florencia esteban daniela fernando maite alonso jimena hector lorena "
                     "emilio agustina tomas belen ruben"),
        openers=_lines("¡Por fin!|Pequeña actualización desde {place}.|Tengo que contaros algo.|¡Nuevo post!|"
                       "Esto me llevó más de lo que pensaba.|Me lo pedisteis, aquí está.|Modo {day}.|¡Ronda {n}!"),
        bodies=_lines("Probé {p} por primera vez y tengo opiniones.|Mi opinión sincera sobre {p} después de {n} semanas.|"
                      "Tres cosas que nadie te cuenta sobre {p}.|{P} se ha convertido en mi favorito.|"
                      "Pasé todo el {day} con {p} y cero arrepentimientos.|Mi rutina de {p}, paso a paso.|"
                      "¿{P} o {q}? Probé los dos.|Pequeña victoria con {p} hoy."),
        closers=_lines("¿Lo probarías?|Cuéntame en comentarios 👇|Guárdalo para después 📌|Más en mis historias.|¡Nos vemos el {day}!"),
        bios=_lines("{line} · 📍{city}|{e} {line} • {city}|{line}. Desde {city}."),
        contacts=_lines("colaboraciones por DM|📩 contacto en el link|vídeo nuevo cada {day}"),
        comments=_lines("¡Necesito probar {p}!|¿Cuánto tardaste con {p}?|Qué maravilla 😍|Gracias por ser honesta con {p}|"
                        "Lo guardo para el finde|Me encanta tu contenido"),
        disclosures=("publi", "publicidad", "ad", "colaboración"),
        sponsor_lines=_lines("En colaboración con {brand}.|Gracias a {brand} por el apoyo.|"
                             "{brand} encaja perfecto con mi rutina de {p}.|Con mi código en {brand} tenéis 15 % de descuento."),
        weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ),
    Locale(
        code="fr", share=0.02,
        countries=_weights("FR:0.72 BE:0.12 CA:0.08 CH:0.08"),
        names=_names("camille louis manon juliette hugo amelie clement elise mathis oceane baptiste margaux "
                     "antoine gaspard solene jules capucine remi anais florent maelle quentin apolline "
                     "arnaud berenice corentin delphine etienne faustine gael heloise jerome lison marius "
                     "noemie pierrick romane sylvain thibault victoire"),
        openers=_lines("Enfin !|Petite mise à jour depuis {place}.|Il faut que je vous raconte.|Nouveau post !|"
                       "Ça m'a pris plus longtemps que prévu.|Vous l'avez demandé, le voici.|Ambiance {day}.|Round {n} !"),
        bodies=_lines("J'ai testé {p} pour la première fois et j'ai un avis.|Mon avis honnête sur {p} après {n} semaines.|"
                      "Trois choses qu'on ne vous dit pas sur {p}.|{P}, c'est devenu mon truc.|"
                      "Tout le {day} passé sur {p}, aucun regret.|Ma routine {p}, étape par étape.|"
                      "{P} ou {q} ? J'ai testé les deux.|Petite victoire {p} aujourd'hui."),
        closers=_lines("Vous testeriez ?|Dites-moi tout en commentaire 👇|À enregistrer pour plus tard 📌|Plus en story.|À {day} !"),
        bios=_lines("{line} · 📍{city}|{e} {line} • {city}|{line}. Basée à {city}."),
        contacts=_lines("collabs en DM|📩 contact via le lien|nouvelle vidéo chaque {day}"),
        comments=_lines("Il me faut {p} !|Combien de temps pour {p} ?|Trop beau 😍|Merci pour ton avis sur {p}|"
                        "J'enregistre pour ce week-end|J'adore ton contenu"),
        disclosures=("partenariat", "sponsorisé", "ad", "collaborationcommerciale"),
        sponsor_lines=_lines("En partenariat avec {brand}.|Merci à {brand} pour le soutien.|"
                             "{brand} s'intègre parfaitement à ma routine {p}.|Avec mon code chez {brand}, -15 %."),
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    ),
    Locale(
        code="pt", share=0.015,
        countries=_weights("BR:0.78 PT:0.22"),
        names=_names("joao beatriz thiago larissa gabriel fernanda rafael juliana leticia gustavo bruna caio "
                     "mariana vinicius renata matheus aline diogo tatiane leandro priscila rogerio vanessa "
                     "otavio carolina heitor luana murilo raquel wagner yasmin edson giovana lucas isadora "
                     "fabio natalia samuel talita anderson"),
        openers=_lines("Finalmente!|Atualização rápida de {place}.|Preciso contar uma coisa.|Post novo!|"
                       "Demorou mais do que eu imaginava.|Vocês pediram, aqui está.|Clima de {day}.|Rodada {n}!"),
        bodies=_lines("Testei {p} pela primeira vez e tenho opiniões.|Minha opinião sincera sobre {p} depois de {n} semanas.|"
                      "Três coisas que ninguém conta sobre {p}.|{P} virou meu favorito.|"
                      "Passei a {day} inteira com {p}, zero arrependimento.|Minha rotina de {p}, passo a passo.|"
                      "{P} ou {q}? Testei os dois.|Pequena vitória com {p} hoje."),
        closers=_lines("Vocês testariam?|Me conta nos comentários 👇|Salva pra depois 📌|Mais nos stories.|Até {day}!"),
        bios=_lines("{line} · 📍{city}|{e} {line} • {city}|{line}. Direto de {city}."),
        contacts=_lines("parcerias por DM|📩 contato no link|vídeo novo toda {day}"),
        comments=_lines("Preciso testar {p}!|Quanto tempo levou {p}?|Que lindo 😍|Obrigada pela sinceridade sobre {p}|"
                        "Salvei pro fim de semana|Amo seu conteúdo"),
        disclosures=("publi", "publicidade", "ad", "parceria"),
        sponsor_lines=_lines("Em parceria com {brand}.|Obrigada à {brand} pelo apoio.|"
                             "{brand} combina com minha rotina de {p}.|Com meu cupom na {brand} vocês ganham 15 % off."),
        weekdays=("segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"),
    ),
    Locale(
        code="ja", share=0.01,
        countries=_weights("JP:1.0"),
        names=_names("yuki=ゆき haruto=はると sakura=さくら ren=れん aoi=あおい hina=ひな sota=そうた mei=めい riku=りく "
                     "yui=ゆい kaito=かいと mio=みお takumi=たくみ akari=あかり daiki=だいき nanami=ななみ kenta=けんた "
                     "misaki=みさき shota=しょうた ayaka=あやか yuto=ゆうと haruka=はるか kazuki=かずき moe=もえ "
                     "ryo=りょう saki=さき naoki=なおき emi=えみ taichi=たいち rina=りな hiroshi=ひろし kana=かな "
                     "yusuke=ゆうすけ chihiro=ちひろ tomoya=ともや natsuki=なつき koharu=こはる miyu=みゆ genki=げんき "
                     "shiori=しおり"),
        openers=_lines("やっと完成！|{place}からちょっと報告。|聞いてください。|新しい投稿です！|思ったより時間がかかった…|"
                       "リクエストにお応えして。|{day}の気分。|第{n}弾！"),
        bodies=_lines("初めて{p}に挑戦してみました。|{n}週間使ってみた{p}の正直レビュー。|{p}について誰も教えてくれない3つのこと。|"
                      "最近は{p}にハマってます。|{day}はずっと{p}、後悔なし。|私の{p}ルーティンを紹介します。|"
                      "{p}と{q}、両方試してみた。|今日は小さな{p}の成功。"),
        closers=_lines("やってみたい人はコメントで👇|保存して後で見てね📌|詳しくはストーリーで。|また{day}に！|みんなはどう思う？"),
        bios=_lines("{line}・📍{city}|{e} {line}｜{city}|{city}在住・{line}"),
        contacts=_lines("お仕事の依頼はDMへ|📩 お問い合わせはリンクから|毎週{day}更新"),
        comments=_lines("{p}やってみたい！|{p}どのくらい時間かかりましたか？|素敵すぎる😍|{p}の正直な感想ありがとうございます|"
                        "保存しました！|いつも参考にしてます"),
        disclosures=("PR", "提供", "タイアップ", "ad"),
        sponsor_lines=_lines("{brand}さんとのタイアップ投稿です。|{brand}さんにご提供いただきました。|"
                             "{brand}は私の{p}にぴったり。|{brand}のクーポンコードで15%オフ。"),
        weekdays=("月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜"),
    ),
    Locale(
        code="zh", share=0.015,
        countries=_weights("CN:0.72 TW:0.18 SG:0.10"),
        names=_names("xiaomei=小美 weiwei=薇薇 haoran=浩然 yuxuan=雨萱 zihan=子涵 jiayi=佳怡 tingting=婷婷 mingyu=明宇 "
                     "xinyi=欣怡 junjie=俊杰 siqi=思琪 yichen=奕辰 lanlan=岚岚 xiaoyu=小雨 zhiwei=志伟 mengmeng=萌萌 "
                     "kaixin=开心 ruoxi=若曦 haoyu=浩宇 shanshan=珊珊 wenjing=文静 yifan=一凡 lele=乐乐 xiaolong=小龙 "
                     "jingjing=晶晶 tianyi=天翼 qianqian=倩倩 zixuan=梓萱 bowen=博文 yuting=雨婷 chenxi=晨曦 "
                     "xiaofei=小飞 anqi=安琪 jiahao=家豪 meiling=美玲 dandan=丹丹 huanhuan=欢欢 xiaobai=小白 "
                     "yueyue=悦悦 zhenzhen=真真"),
        openers=_lines("终于做好了！|来自{place}的小更新。|姐妹们听我说。|新笔记！|比想象中花了更久。|应大家要求来了。|{day}的心情。|第{n}期！"),
        bodies=_lines("第一次尝试{p}，有话要说。|用了{n}周的{p}真实测评。|关于{p}没人告诉你的三件事。|最近真的爱上了{p}。|"
                      "整个{day}都在弄{p}，不后悔。|我的{p}日常，一步一步。|{p}还是{q}？我都试了。|今天的{p}小成就。"),
        closers=_lines("你们会试试吗？评论区告诉我👇|先收藏📌|更多在动态里。|{day}见！|大家怎么看？"),
        bios=_lines("{line}·📍{city}|{e} {line}｜{city}|坐标{city}·{line}"),
        contacts=_lines("合作请私信|📩 商务合作见链接|每{day}更新"),
        comments=_lines("好想试试{p}！|{p}要多久呀？|太美了😍|谢谢分享{p}的真实感受|已收藏！|一直在看你的笔记"),
        disclosures=("广告", "合作", "ad", "赞助"),
        sponsor_lines=_lines("本篇与{brand}合作。|感谢{brand}的支持。|{brand}很适合我的{p}日常。|用我的口令在{brand}下单享85折。"),
        weekdays=("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    ),
)

LOCALE_BY_CODE: dict[str, Locale] = {loc.code: loc for loc in LOCALES}

# Cities per country: post locations and profile city.
CITIES: dict[str, tuple[str, ...]] = {
    "US": ("New York", "Los Angeles", "Chicago", "Austin", "Seattle", "Denver", "Portland", "Miami", "Atlanta", "Nashville", "San Diego", "Boston"),
    "GB": ("London", "Manchester", "Bristol", "Edinburgh", "Leeds", "Glasgow", "Brighton", "Liverpool"),
    "CA": ("Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa"),
    "AU": ("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"),
    "IN": ("Mumbai", "Bengaluru", "Delhi", "Pune", "Hyderabad"),
    "IE": ("Dublin", "Cork", "Galway"),
    "NZ": ("Auckland", "Wellington", "Christchurch"),
    "SG": ("Singapore",),
    "ZA": ("Cape Town", "Johannesburg", "Durban"),
    "PH": ("Manila", "Cebu", "Davao"),
    "NG": ("Lagos", "Abuja"),
    "NL": ("Amsterdam", "Rotterdam", "Utrecht"),
    "SE": ("Stockholm", "Gothenburg", "Malmö"),
    "DE": ("Berlin", "Hamburg", "München", "Köln", "Leipzig", "Frankfurt", "Stuttgart", "Freiburg"),
    "AT": ("Wien", "Graz", "Salzburg", "Innsbruck"),
    "CH": ("Zürich", "Bern", "Basel", "Genève", "Lausanne"),
    "ES": ("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Málaga"),
    "MX": ("Ciudad de México", "Guadalajara", "Monterrey", "Oaxaca", "Puebla"),
    "AR": ("Buenos Aires", "Córdoba", "Rosario", "Mendoza"),
    "CO": ("Bogotá", "Medellín", "Cali"),
    "CL": ("Santiago", "Valparaíso"),
    "FR": ("Paris", "Lyon", "Marseille", "Bordeaux", "Nantes", "Lille", "Toulouse"),
    "BE": ("Bruxelles", "Liège", "Namur"),
    "BR": ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre", "Recife"),
    "PT": ("Lisboa", "Porto", "Braga", "Coimbra"),
    "JP": ("東京", "大阪", "京都", "福岡", "札幌", "横浜"),
    "CN": ("上海", "北京", "成都", "杭州", "广州", "深圳"),
    "TW": ("台北", "台中", "高雄"),
}

# Cities Quebec-based French creators live in (CA is shared with English creators).
FRENCH_CANADA_CITIES: tuple[str, ...] = ("Montréal", "Québec")

# A second profile language some English-writing creators list (Dutch, Swedish, ...).
SECOND_LANGUAGE: dict[str, str] = {"NL": "nl", "SE": "sv", "IN": "hi", "PH": "tl", "SG": "zh", "CH": "fr", "CA": "fr"}

# Neighbouring/related audience markets, used to spread a creator's audience.
AUDIENCE_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "US": ("CA", "GB", "AU", "MX", "IN"), "GB": ("US", "IE", "AU", "CA"), "CA": ("US", "GB", "FR"),
    "AU": ("NZ", "US", "GB"), "IN": ("US", "GB", "AE", "SG"), "IE": ("GB", "US"), "NZ": ("AU", "US", "GB"),
    "SG": ("MY", "US", "AU", "ID"), "ZA": ("GB", "US", "NG"), "PH": ("US", "SG", "AE"), "NG": ("GB", "US", "GH"),
    "NL": ("BE", "DE", "GB"), "SE": ("NO", "DK", "FI"), "DE": ("AT", "CH", "NL"), "AT": ("DE", "CH"),
    "CH": ("DE", "AT", "FR", "IT"), "ES": ("MX", "AR", "FR", "IT"), "MX": ("US", "ES", "CO"),
    "AR": ("UY", "ES", "CL"), "CO": ("MX", "ES", "VE"), "CL": ("AR", "PE", "ES"), "FR": ("BE", "CH", "CA"),
    "BE": ("FR", "NL"), "BR": ("PT", "US", "AR"), "PT": ("BR", "ES", "FR"), "JP": ("TW", "KR", "US"),
    "CN": ("TW", "HK", "SG"), "TW": ("HK", "CN", "JP"),
}

# Local currency of a rate card: EUR in the euro area, GBP in the UK (the brief asks
# for USD or local EUR/GBP); every other country is quoted in USD.
EURO_COUNTRIES: frozenset[str] = frozenset({"DE", "AT", "ES", "FR", "BE", "PT", "IE", "NL"})


def _check_locales() -> None:
    seen: set[str] = set()
    total = 0.0
    for loc in LOCALES:
        ascii_names = [a for a, _ in loc.names]
        if len(ascii_names) < NAME_SLOTS or len(set(ascii_names)) != len(ascii_names):
            raise ValueError(f"locale {loc.code}: needs {NAME_SLOTS}+ distinct names, has {len(set(ascii_names))}")
        if not all(a.isalpha() and a.isascii() and a.islower() for a in ascii_names):
            raise ValueError(f"locale {loc.code}: handle names must be lower-case ascii letters")
        clash = seen & set(ascii_names[:NAME_SLOTS])
        if clash:
            raise ValueError(f"locale {loc.code}: names shared with another language: {sorted(clash)}")
        seen |= set(ascii_names[:NAME_SLOTS])
        if not all("{line}" in b for b in loc.bios):
            raise ValueError(f"locale {loc.code}: every bio template needs {{line}}")
        if not all(c in CITIES for c, _ in loc.countries):
            raise ValueError(f"locale {loc.code}: a country has no cities")
        total += loc.share
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"locale shares sum to {total}, not 1")


_check_locales()
