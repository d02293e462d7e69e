"""Niche vocabulary in the corpus's other languages.

Non-English creators mix these local phrases and hashtags with some of the English
(global) hashtags of their niche, as real creators do (#veganfood is used in Berlin
too). Each entry: "phrase|phrase|... ; hashtag|hashtag|...".
"""

from __future__ import annotations

from retrieval.demo.niches import NICHE_BY_ID

_RAW: dict[str, str] = {
    "vegan_food": """
de: Tofu-Rührei|vegane Bowl|Linsen-Bolognese|Kichererbsen-Curry|Hafermilch-Latte ; veganerezepte|pflanzlich|vegandeutschland|veganessen
es: tofu revuelto|bowl vegano|boloñesa de lentejas|curry de garbanzos|leche de avena ; comidavegana|recetasveganas|veganoespaña|sincarne
fr: brouillade de tofu|bowl végétal|bolognaise de lentilles|curry de pois chiches ; cuisinevegan|recettevegan|vegetalien|sansviande
pt: tofu mexido|bowl vegano|bolonhesa de lentilha|curry de grão-de-bico ; comidavegana|receitasveganas|veganobrasil|semcarne
ja: 豆腐スクランブル|ヴィーガンカレー|プラントベースの朝ごはん|大豆ミート ; ヴィーガン|プラントベース|ヴィーガンレシピ
zh: 素食便当|植物基料理|豆腐炒蛋风味|无奶甜品 ; 素食|植物基|纯素食谱""",
    "baking": """
de: Sauerteigbrot|Zimtschnecken|Käsekuchen|Roggenbrot|Butterkekse ; backen|sauerteig|brotbacken|backenmitliebe
es: pan de masa madre|rollos de canela|tarta de queso|galletas caseras ; masamadre|reposteria|pancasero|horneando
fr: pain au levain|brioche maison|tarte aux pommes|croissants maison ; patisserie|levain|painmaison|faitmaison
pt: pão de fermentação natural|bolo de cenoura|rolinhos de canela|biscoitos caseiros ; fermentacaonatural|confeitaria|paocaseiro|bolocaseiro
ja: 天然酵母パン|手作りケーキ|シナモンロール|クッキー ; 手作りパン|おうちカフェ|パン作り
zh: 酸种面包|戚风蛋糕|肉桂卷|手工饼干 ; 烘焙|自制面包|烘焙日记""",
    "healthy_eating": """
de: proteinreiches Frühstück|Meal Prep|Overnight Oats|Darmgesundheit ; gesundessen|mealprep|proteinreich|ernährung
es: desayuno proteico|meal prep|avena nocturna|salud intestinal ; comidasaludable|nutricion|altoenproteina|mealprep
fr: petit-déjeuner protéiné|meal prep|porridge de nuit|santé intestinale ; mangersain|nutrition|proteine|mealprep
pt: café da manhã proteico|marmitas fit|overnight oats|saúde intestinal ; alimentacaosaudavel|nutricao|marmitafit|proteina
ja: 高たんぱく朝ごはん|作り置き|オーバーナイトオーツ|腸活 ; 腸活|作り置き|ヘルシーごはん
zh: 高蛋白早餐|减脂便当|隔夜燕麦|肠道健康 ; 健康饮食|减脂餐|营养""",
    "local_food": """
de: Streetfood-Markt|Dönerladen|Geheimtipp-Restaurant|Currywurst-Bude ; foodguide|streetfood|geheimtipp|essengehen
es: tacos de barrio|mercado gastronómico|restaurante escondido|churrería ; streetfood|comidacallejera|dondecomer|foodie
fr: marché de rue|bistrot de quartier|adresse secrète|boulangerie du coin ; bonneadresse|streetfood|oumanger|foodie
pt: feira gastronômica|boteco raiz|pastel de feira|restaurante escondido ; ondecomer|comidaderua|foodie|botecoraiz
ja: 屋台グルメ|老舗食堂|隠れ家レストラン|ラーメン屋巡り ; 食べ歩き|グルメ|ご当地グルメ
zh: 街头小吃|苍蝇馆子|宝藏餐厅|夜市美食 ; 探店|美食推荐|街头美食""",
    "coffee": """
de: Siebträger-Espresso|Filterkaffee|Latte Art|Röstereibesuch ; kaffee|siebträger|kaffeeliebe|specialtycoffee
es: espresso en casa|café de filtro|arte latte|tostador local ; cafe|cafedeespecialidad|baristaencasa|latteart
fr: espresso maison|café filtre|latte art|torréfacteur ; cafe|cafedespecialite|baristamaison|latteart
pt: espresso em casa|café coado|latte art|torrefação local ; cafe|cafeespecial|baristaemcasa|latteart
ja: おうちエスプレッソ|ハンドドリップ|ラテアート|自家焙煎 ; コーヒー|ハンドドリップ|カフェ巡り
zh: 手冲咖啡|意式浓缩|拉花|精品咖啡豆 ; 咖啡|手冲|探店咖啡""",
    "wine_cocktails": """
de: Weinprobe|Gin Tonic|Craft-Bier-Verkostung|Aperitif ; wein|weinprobe|cocktails|craftbeer
es: cata de vinos|cóctel casero|cerveza artesanal|vermut ; vino|catadevinos|cocteles|cervezaartesanal
fr: dégustation de vin|cocktail maison|bière artisanale|apéro ; vin|degustation|cocktail|apero
pt: degustação de vinhos|drink autoral|cerveja artesanal|caipirinha ; vinho|drinks|cervejaartesanal|happyhour
ja: ワインテイスティング|自家製カクテル|クラフトビール|日本酒 ; ワイン|カクテル|クラフトビール
zh: 品酒|调酒|精酿啤酒|微醺 ; 葡萄酒|鸡尾酒|精酿""",
    "clean_beauty": """
de: Naturkosmetik|Hautpflege-Routine|Feuchtigkeitscreme ohne Duftstoffe|festes Shampoo ; naturkosmetik|cleanbeauty|hautpflege|nachhaltigebeauty
es: cosmética natural|rutina facial|crema sin perfume|champú sólido ; cosmeticanatural|cuidadodelapiel|cleanbeauty|skincare
fr: cosmétique naturelle|routine soin|crème sans parfum|shampoing solide ; cosmetiquebio|soinvisage|cleanbeauty|skincare
pt: cosmética natural|rotina de skincare|hidratante sem perfume|shampoo sólido ; cosmeticanatural|skincare|belezalimpa|cuidadoscomapele
ja: オーガニックコスメ|スキンケアルーティン|無香料クリーム|固形シャンプー ; スキンケア|オーガニックコスメ|敏感肌
zh: 纯净美妆|护肤流程|无香精面霜|固体洗发皂 ; 护肤|敏感肌|成分党""",
    "k_beauty": """
de: koreanische Hautpflege|Doppelreinigung|Glass Skin|Tuchmaske ; kbeauty|koreanischehautpflege|glassskin
es: rutina coreana|doble limpieza|piel de cristal|mascarilla de tela ; kbeauty|rutinacoreana|skincarecoreano
fr: routine coréenne|double nettoyage|peau de verre|masque en tissu ; kbeauty|skincarecoreen|glassskin
pt: skincare coreano|dupla limpeza|pele de vidro|máscara de tecido ; kbeauty|skincarecoreano|peledevidro
ja: 韓国コスメ|ダブル洗顔|水光肌|シートマスク ; 韓国コスメ|水光肌|韓国スキンケア
zh: 韩系护肤|双重清洁|水光肌|面膜 ; 韩妆|水光肌|韩国护肤""",
    "makeup": """
de: Smokey Eyes|Alltags-Make-up|Lidstrich|Drogerie-Make-up ; makeup|schminken|makeuptutorial|drogerie
es: maquillaje natural|ojos ahumados|delineado gráfico|maquillaje de farmacia ; maquillaje|makeup|tutorialmaquillaje
fr: maquillage naturel|smoky eye|eye-liner graphique|maquillage petit prix ; maquillage|makeup|tutomakeup
pt: maquiagem natural|olho esfumado|delineado gráfico|maquiagem barata ; maquiagem|make|tutorialdemaquiagem
ja: ナチュラルメイク|スモーキーアイ|アイライン|プチプラコスメ ; メイク|プチプラコスメ|メイク動画
zh: 日常妆容|烟熏妆|眼线教程|平价彩妆 ; 彩妆|化妆教程|平价好物""",
    "sustainable_fashion": """
de: Secondhand-Fund|Capsule Wardrobe|Flohmarkt-Haul|faire Mode ; fairfashion|secondhand|nachhaltigemode|slowfashion
es: ropa de segunda mano|armario cápsula|moda sostenible|mercadillo ; modasostenible|segundamano|slowfashion
fr: friperie|garde-robe capsule|mode éthique|vide-grenier ; modeethique|seconde main|friperie|slowfashion
pt: brechó|guarda-roupa cápsula|moda sustentável|garimpo ; brecho|modasustentavel|slowfashion
ja: 古着|カプセルワードローブ|サステナブルファッション|リメイク ; 古着|サステナブル|古着コーデ
zh: 古着|胶囊衣橱|可持续时尚|二手好物 ; 古着|可持续时尚|二手""",
    "fashion": """
de: Herbst-Outfit|Business-Look|Hochzeitsgast-Outfit|Try-on-Haul ; outfit|mode|outfitinspo|ootd
es: look de otoño|outfit de oficina|look de invitada|haul de ropa ; moda|outfit|lookdeldia|ootd
fr: tenue d'automne|look de bureau|tenue d'invitée|haul mode ; mode|tenuedujour|lookdujour|ootd
pt: look de outono|look de trabalho|look madrinha|provador ; moda|lookdodia|look|ootd
ja: 秋コーデ|オフィスカジュアル|結婚式コーデ|購入品紹介 ; コーデ|今日のコーデ|プチプラコーデ
zh: 秋季穿搭|通勤穿搭|婚礼穿搭|试穿分享 ; 穿搭|每日穿搭|ootd""",
    "streetwear": """
de: Sneaker-Rotation|Oversize-Hoodie|Cargohose|Release-Tag ; sneaker|streetwear|sneakerhead|fitcheck
es: rotación de zapatillas|sudadera oversize|pantalón cargo|día de lanzamiento ; zapatillas|streetwear|sneakers
fr: rotation de sneakers|sweat oversize|pantalon cargo|jour de drop ; sneakers|streetwear|tenuestreet
pt: rotação de tênis|moletom oversized|calça cargo|dia de drop ; tenis|streetwear|sneakers
ja: スニーカーコーデ|オーバーサイズパーカー|カーゴパンツ|発売日 ; スニーカー|ストリートファッション|古着MIX
zh: 球鞋上脚|oversize卫衣|工装裤|发售日 ; 球鞋|街头潮流|潮牌""",
    "zero_waste": """
de: Unverpackt-Laden|Bienenwachstücher|Kompost|plastikfreie Alternativen ; zerowaste|plastikfrei|unverpackt|nachhaltigleben
es: tienda a granel|envoltorios de cera|compost|alternativas sin plástico ; residuocero|sinplastico|agranel|vidasostenible
fr: épicerie vrac|bee wraps|compost|alternatives sans plastique ; zerodechet|vrac|sansplastique|ecolo
pt: loja a granel|embalagem de cera|composteira|trocas sem plástico ; lixozero|semplastico|agranel|sustentabilidade
ja: 量り売り|みつろうラップ|コンポスト|脱プラ ; ゼロウェイスト|脱プラ|エコ生活
zh: 散装商店|蜂蜡布|厨余堆肥|减塑生活 ; 零浪费|减塑|环保生活""",
    "crossfit": """
de: WOD|Olympisches Gewichtheben|Box-Training|AMRAP ; crossfit|wod|functionaltraining|gewichtheben
es: WOD|halterofilia|entreno en el box|AMRAP ; crossfit|wod|entrenamientofuncional|halterofilia
fr: WOD|haltérophilie|séance à la box|AMRAP ; crossfit|wod|haltero|trainingfonctionnel
pt: WOD|levantamento olímpico|treino no box|AMRAP ; crossfit|wod|treinofuncional|lpo
ja: WOD|ウエイトリフティング|クロスフィットボックス|AMRAP ; クロスフィット|筋トレ|ファンクショナルトレーニング
zh: WOD|举重训练|功能性训练|AMRAP ; crossfit|功能性训练|举重""",
    "yoga": """
de: Morgen-Yoga|Sonnengruß|Atemübung|Yin Yoga ; yoga|yogapraxis|achtsamkeit|meditation
es: yoga por la mañana|saludo al sol|respiración consciente|yoga restaurativo ; yoga|meditacion|mindfulness|yogaencasa
fr: yoga du matin|salutation au soleil|respiration|yin yoga ; yoga|meditation|pleineconscience|yogaalamaison
pt: yoga matinal|saudação ao sol|respiração|yoga restaurativa ; yoga|meditacao|atencaoplena|yogaemcasa
ja: 朝ヨガ|太陽礼拝|呼吸法|陰ヨガ ; ヨガ|瞑想|マインドフルネス
zh: 晨间瑜伽|拜日式|呼吸练习|阴瑜伽 ; 瑜伽|冥想|正念""",
    "running": """
de: Marathon-Training|langer Lauf|Intervalle|Trailrun ; laufen|marathon|laufcommunity|trailrunning
es: entrenamiento de maratón|tirada larga|series|trail ; running|correr|maraton|trailrunning
fr: prépa marathon|sortie longue|fractionné|trail ; course|running|marathon|trail
pt: treino de maratona|longão|tiros|trail run ; corrida|running|maratona|corredores
ja: マラソン練習|ロング走|インターバル走|トレイルラン ; ランニング|マラソン|ラン好きな人と繋がりたい
zh: 马拉松训练|长距离跑|间歇跑|越野跑 ; 跑步|马拉松|越野跑""",
    "home_workouts": """
de: Workout ohne Geräte|HIIT im Wohnzimmer|Pilates auf der Matte|Bauchtraining ; homeworkout|fitnesszuhause|hiit|pilates
es: rutina sin material|HIIT en casa|pilates en casa|abdominales ; entrenoencasa|hiit|pilates|fitness
fr: séance sans matériel|HIIT à la maison|pilates au sol|gainage ; sportalamaison|hiit|pilates|fitness
pt: treino sem equipamento|HIIT em casa|pilates em casa|abdominal ; treinoemcasa|hiit|pilates|fitness
ja: 自宅トレーニング|HIIT|宅トレピラティス|体幹トレーニング ; 宅トレ|ダイエット|ピラティス
zh: 居家健身|HIIT燃脂|垫上普拉提|核心训练 ; 居家健身|减脂|普拉提""",
    "cycling": """
de: Gravel-Runde|Rennrad-Ausfahrt|Bikepacking-Tour|Radpendeln ; radfahren|gravel|rennrad|bikepacking
es: ruta gravel|salida en bici de carretera|bikepacking|ir en bici al trabajo ; ciclismo|gravel|bici|bikepacking
fr: sortie gravel|sortie vélo de route|bikepacking|vélotaf ; velo|cyclisme|gravel|velotaf
pt: pedal gravel|pedal de estrada|bikepacking|ir de bike pro trabalho ; ciclismo|pedal|bike|gravel
ja: グラベルライド|ロードバイク|バイクパッキング|自転車通勤 ; ロードバイク|自転車|サイクリング
zh: 砾石骑行|公路车骑行|骑行旅行|骑车通勤 ; 骑行|公路车|单车""",
    "outdoor_hiking": """
de: Bergwanderung|Hüttentour|Gipfelblick|Wildcampen ; wandern|berge|outdoor|wanderlust
es: ruta de montaña|senderismo|cumbre|acampada ; senderismo|montaña|outdoor|naturaleza
fr: randonnée en montagne|bivouac|sommet|refuge ; randonnee|montagne|bivouac|nature
pt: trilha na serra|acampamento|cume|cachoeira ; trilha|montanha|natureza|aventura
ja: 登山|テント泊|山頂からの景色|ハイキング ; 登山|山登り|キャンプ
zh: 徒步路线|露营|登顶|户外 ; 徒步|户外|露营""",
    "gardening": """
de: Gemüsebeet|Tomatenernte|Zimmerpflanzen|Schrebergarten ; garten|gemüsegarten|zimmerpflanzen|urbangardening
es: huerto urbano|cosecha de tomates|plantas de interior|bancal ; huerto|jardineria|plantasdeinterior
fr: potager|récolte de tomates|plantes d'intérieur|jardin partagé ; potager|jardinage|plantesdinterieur
pt: horta em casa|colheita de tomate|plantas de interior|canteiro ; horta|jardinagem|plantas
ja: 家庭菜園|トマト収穫|観葉植物|ベランダガーデン ; 家庭菜園|観葉植物|ガーデニング
zh: 阳台种菜|番茄丰收|室内绿植|小花园 ; 种菜|绿植|园艺""",
    "cottagecore": """
de: Landleben|Wildblumen|Marmelade einkochen|Holunderblütensirup ; landleben|slowliving|cottagecore|einkochen
es: vida en el campo|flores silvestres|mermelada casera|vida lenta ; vidaslow|cottagecore|vidaenelcampo
fr: vie à la campagne|fleurs sauvages|confiture maison|slow life ; slowlife|cottagecore|viealacampagne
pt: vida no campo|flores do campo|geleia caseira|vida lenta ; vidanocampo|cottagecore|slowliving
ja: 田舎暮らし|野の花|手作りジャム|丁寧な暮らし ; 丁寧な暮らし|田舎暮らし|コテージコア
zh: 田园生活|野花|自制果酱|慢生活 ; 田园|慢生活|治愈系""",
    "diy_crafts": """
de: Häkeln|Stricken|Töpfern|Holzlöffel schnitzen ; häkeln|stricken|diy|handmade
es: ganchillo|tejer|cerámica|tallar madera ; ganchillo|tejer|hechoamano|diy
fr: crochet|tricot|poterie|sculpture sur bois ; crochet|tricot|faitmain|diy
pt: crochê|tricô|cerâmica|marcenaria ; croche|trico|feitoamao|diy
ja: かぎ針編み|棒針編み|陶芸|木工 ; ハンドメイド|編み物|陶芸
zh: 钩针|编织|陶艺|木工 ; 手工|钩针|手作""",
    "home_decor": """
de: Wohnzimmer-Makeover|Mietwohnung verschönern|Altbau|Skandi-Stil ; wohnen|einrichtung|interior|wohninspiration
es: cambio de salón|piso de alquiler|decoración nórdica|antes y después ; decoracion|interiorismo|hogar|deco
fr: relooking du salon|appartement en location|déco scandinave|avant après ; deco|decointerieur|maison|homedecor
pt: transformação da sala|apartamento alugado|decoração escandinava|antes e depois ; decoracao|casa|decor|homedecor
ja: リビングの模様替え|賃貸インテリア|北欧インテリア|ビフォーアフター ; インテリア|賃貸インテリア|模様替え
zh: 客厅改造|出租屋改造|北欧风|前后对比 ; 家居|出租屋改造|装修""",
    "parenting": """
de: Kleinkind-Alltag|Schlafroutine|Brotdose|Familienausflug ; mamaleben|elternsein|familienleben|kleinkind
es: rutina de sueño|vida con niños pequeños|fiambrera escolar|plan en familia ; maternidad|crianza|familia|mamá
fr: routine du coucher|vie avec un tout-petit|boîte à goûter|sortie en famille ; maman|parentalite|famille|enfant
pt: rotina do sono|vida com bebê|lancheira|passeio em família ; maternidade|maedemenino|familia|bebe
ja: 寝かしつけ|育児日記|お弁当|家族でおでかけ ; 育児|ママ|子育て
zh: 哄睡|育儿日常|儿童便当|亲子出游 ; 育儿|宝妈|亲子""",
    "pets": """
de: Welpentraining|Hundespaziergang|Katzenalltag|Tierheimhund ; hund|hundeleben|katze|tierliebe
es: adiestramiento de cachorro|paseo con el perro|vida gatuna|perro adoptado ; perros|gatos|mascotas|adopta
fr: éducation du chiot|balade avec le chien|vie de chat|chien adopté ; chien|chat|animaux|adoption
pt: adestramento de filhote|passeio com o cachorro|rotina do gato|cão adotado ; cachorro|gato|pet|adote
ja: 子犬のしつけ|犬の散歩|猫のいる暮らし|保護犬 ; 犬のいる暮らし|猫|保護猫
zh: 幼犬训练|遛狗|猫咪日常|领养代替购买 ; 狗狗|猫咪|萌宠""",
    "budget_travel": """
de: Backpacking-Route|günstige Flüge|Hostel|Interrail ; reisen|backpacking|günstigreisen|interrail
es: mochilero|vuelos baratos|hostal|viajar barato ; viajes|mochilero|viajarbarato|escapada
fr: sac à dos|vols pas chers|auberge de jeunesse|voyage petit budget ; voyage|backpacking|petitbudget|escapade
pt: mochilão|passagens baratas|hostel|viagem barata ; viagem|mochilao|viajarbarato|dicasdeviagem
ja: バックパッカー|格安航空券|ゲストハウス|節約旅行 ; 旅行|一人旅|格安旅行
zh: 穷游|特价机票|青旅|自由行攻略 ; 旅行|穷游|攻略""",
    "luxury_travel": """
de: Luxushotel|Suite mit Meerblick|Business Class|Villa mit Pool ; luxusreisen|hotel|urlaub|reisen
es: hotel de lujo|suite con vistas al mar|clase business|villa con piscina ; viajesdelujo|hotel|luxurytravel
fr: hôtel de luxe|suite vue mer|classe affaires|villa avec piscine ; voyagedeluxe|hotel|luxurytravel
pt: hotel de luxo|suíte com vista para o mar|classe executiva|vila com piscina ; viagemdeluxo|hotel|luxurytravel
ja: ラグジュアリーホテル|オーシャンビュースイート|ビジネスクラス|プールヴィラ ; ホテル|ラグジュアリーホテル|旅行
zh: 奢华酒店|海景套房|商务舱|泳池别墅 ; 酒店|高端旅行|度假""",
    "gaming": """
de: Ranked-Grind|Stream-Highlight|Cozy Games|Retro-Konsole ; gaming|zocken|twitch|gamer
es: partidas clasificatorias|directo en twitch|juegos cozy|consola retro ; gaming|videojuegos|gamer|twitch
fr: parties classées|live twitch|jeux cosy|console rétro ; gaming|jeuxvideo|gamer|twitch
pt: ranqueada|live na twitch|jogos cozy|console retrô ; games|gamer|jogos|twitch
ja: ランクマッチ|配信ハイライト|癒し系ゲーム|レトロゲーム ; ゲーム|ゲーム実況|レトロゲーム
zh: 排位赛|直播高光|治愈系游戏|复古游戏机 ; 游戏|电竞|游戏推荐""",
    "tech_reviews": """
de: Smartphone-Test|Laptop-Review|Kopfhörer-Vergleich|Smart Home ; technik|techreview|gadgets|smarthome
es: análisis de móvil|review de portátil|comparativa de auriculares|casa inteligente ; tecnologia|review|gadgets
fr: test smartphone|test d'ordinateur portable|comparatif casques|maison connectée ; tech|test|hightech|gadgets
pt: review de celular|review de notebook|comparativo de fones|casa inteligente ; tecnologia|review|gadgets
ja: スマホレビュー|ノートPCレビュー|イヤホン比較|スマートホーム ; ガジェット|レビュー|スマホ
zh: 手机测评|笔记本测评|耳机对比|智能家居 ; 数码|测评|科技""",
    "mechanical_keyboards": """
de: Custom-Tastatur|Switch-Test|Keycaps|Sound-Test ; mechanischetastatur|customkeyboard|keycaps
es: teclado personalizado|prueba de switches|keycaps|sound test ; tecladomecanico|customkeyboard|keycaps
fr: clavier custom|test de switches|keycaps|test de son ; claviermecanique|customkeyboard|keycaps
pt: teclado customizado|teste de switches|keycaps|teste de som ; tecladomecanico|customkeyboard|keycaps
ja: 自作キーボード|スイッチ比較|キーキャップ|打鍵音 ; 自作キーボード|メカニカルキーボード|キーキャップ
zh: 客制化键盘|轴体对比|键帽|打字音 ; 客制化键盘|机械键盘|键帽""",
    "photography_gear": """
de: Kameratest|Festbrennweite|Analogfotografie|Objektivvergleich ; fotografie|kamera|analog|objektiv
es: review de cámara|objetivo fijo|fotografía analógica|comparativa de lentes ; fotografia|camara|analogico
fr: test d'appareil photo|focale fixe|photo argentique|comparatif d'objectifs ; photographie|argentique|appareilphoto
pt: review de câmera|lente fixa|fotografia analógica|comparativo de lentes ; fotografia|camera|analogica
ja: カメラレビュー|単焦点レンズ|フィルムカメラ|レンズ比較 ; カメラ|フィルムカメラ|写真好きな人と繋がりたい
zh: 相机测评|定焦镜头|胶片摄影|镜头对比 ; 摄影|胶片|相机""",
    "vintage_watches": """
de: Vintage-Chronograph|Patina-Zifferblatt|Uhrenservice|Lederarmband ; vintageuhren|uhren|uhrensammler
es: cronógrafo vintage|esfera con pátina|servicio de reloj|correa de cuero ; relojesvintage|relojes|coleccionista
fr: chronographe vintage|cadran patiné|révision de montre|bracelet cuir ; montresvintage|horlogerie|montres
pt: cronógrafo vintage|mostrador com pátina|revisão de relógio|pulseira de couro ; relogiosvintage|relogios|colecionador
ja: ヴィンテージクロノグラフ|トロピカルダイヤル|オーバーホール|革ベルト ; アンティーク時計|腕時計|時計好き
zh: 古董计时表|热带表盘|腕表保养|皮表带 ; 古董表|腕表|钟表""",
    "cars": """
de: Elektroauto-Test|Reichweitentest|Trackday|Tuning-Projekt ; auto|elektroauto|tuning|carspotting
es: prueba de coche eléctrico|autonomía en invierno|tanda en circuito|proyecto de restauración ; coches|cocheselectricos|motor
fr: essai voiture électrique|test d'autonomie|journée circuit|projet de préparation ; voiture|voitureelectrique|automobile
pt: teste de carro elétrico|autonomia|track day|projeto de carro ; carros|carroeletrico|automobilismo
ja: EV試乗|航続距離テスト|サーキット走行|カスタム ; 車好き|EV|カスタムカー
zh: 电车试驾|冬季续航测试|赛道日|改装 ; 汽车|新能源|改装车""",
    "personal_finance": """
de: ETF-Sparplan|Haushaltsbuch|Notgroschen|Schulden abbauen ; finanzen|etf|sparen|geldanlage
es: fondos indexados|presupuesto mensual|fondo de emergencia|salir de deudas ; finanzaspersonales|inversion|ahorro
fr: ETF|budget mensuel|épargne de précaution|rembourser ses dettes ; financespersonnelles|investir|epargne
pt: fundos de índice|planilha de gastos|reserva de emergência|sair das dívidas ; financaspessoais|investimentos|economia
ja: インデックス投資|家計簿|生活防衛資金|新NISA ; 資産運用|家計簿|節約
zh: 指数基金定投|记账|应急储蓄|还清负债 ; 理财|存钱|记账""",
    "b2b_saas_marketing": """
de: Leadgenerierung|B2B-Content|SaaS-Wachstum|Churn senken ; b2bmarketing|saas|marketing|startup
es: generación de leads|contenido B2B|crecimiento SaaS|reducir churn ; marketingb2b|saas|marketingdigital
fr: génération de leads|contenu B2B|croissance SaaS|réduire le churn ; marketingb2b|saas|growth
pt: geração de leads|conteúdo B2B|crescimento SaaS|reduzir churn ; marketingb2b|saas|marketingdigital
ja: リード獲得|BtoBマーケティング|SaaSの成長|解約率改善 ; SaaS|BtoB|マーケティング
zh: 获客|B2B内容营销|SaaS增长|降低流失率 ; SaaS|B2B营销|增长""",
    "developer_tools": """
de: Terminal-Setup|CI-Pipeline|Open-Source-Projekt|Code-Review ; programmieren|entwickler|opensource|devops
es: configuración de terminal|pipeline de CI|proyecto open source|revisión de código ; programacion|desarrollo|opensource
fr: config du terminal|pipeline CI|projet open source|revue de code ; developpeur|programmation|opensource
pt: setup do terminal|pipeline de CI|projeto open source|code review ; programacao|dev|opensource
ja: ターミナル環境|CIパイプライン|OSS|コードレビュー ; プログラミング|エンジニア|OSS
zh: 终端配置|CI流水线|开源项目|代码评审 ; 编程|程序员|开源""",
    "book_reviews": """
de: Buchempfehlung|Fantasy-Reihe|Lesemonat|Buchclub ; buchempfehlung|lesen|bookstagramde|bücher
es: recomendación de libro|saga de fantasía|lecturas del mes|club de lectura ; libros|lectura|booktokespañol
fr: recommandation de livre|saga fantasy|bilan de lecture|club de lecture ; livres|lecture|booktokfrance
pt: indicação de livro|saga de fantasia|leituras do mês|clube do livro ; livros|leitura|booktokbrasil
ja: 読書記録|ファンタジー小説|今月読んだ本|読書会 ; 読書|本好き|読書記録
zh: 书单推荐|奇幻小说|月度阅读|读书会 ; 读书|书单|阅读""",
    "music_production": """
de: Beat bauen|Synthesizer-Patch|Mixing-Tipps|Homestudio ; musikproduktion|beats|homestudio|producer
es: hacer un beat|patch de sintetizador|consejos de mezcla|home studio ; produccionmusical|beats|productor
fr: faire un beat|patch de synthé|conseils de mixage|home studio ; musique|beatmaker|productionmusicale
pt: fazer um beat|patch de sintetizador|dicas de mixagem|home studio ; producaomusical|beatmaker|produtor
ja: ビートメイク|シンセの音作り|ミックスのコツ|宅録 ; DTM|ビートメイク|作曲
zh: 编曲|合成器音色|混音技巧|家庭录音室 ; 编曲|音乐制作|混音""",
    "study_languages": """
de: Lernroutine|Prüfungsvorbereitung|Karteikarten|Sprachtandem ; lernen|studium|sprachenlernen|studygram
es: rutina de estudio|preparar exámenes|tarjetas de memoria|intercambio de idiomas ; estudiar|idiomas|studygram
fr: routine de révision|préparer les examens|fiches de révision|échange linguistique ; etudes|revisions|langues
pt: rotina de estudos|preparação para provas|flashcards|intercâmbio de idiomas ; estudos|concurso|idiomas
ja: 勉強ルーティン|試験勉強|単語カード|語学学習 ; 勉強垢|勉強記録|語学
zh: 学习打卡|备考|单词卡|语言交换 ; 学习|考研|语言学习""",
}


def _parse() -> dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    out: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for niche_id, block in _RAW.items():
        if niche_id not in NICHE_BY_ID:
            raise ValueError(f"localized terms for unknown niche {niche_id}")
        per_lang: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for line in block.strip().splitlines():
            lang, _, rest = line.partition(":")
            phrases, _, tags = rest.partition(";")
            per_lang[lang.strip()] = (
                tuple(p.strip() for p in phrases.split("|") if p.strip()),
                tuple(t.strip().replace(" ", "") for t in tags.split("|") if t.strip()),
            )
        out[niche_id] = per_lang
    return out


LOCAL_TERMS = _parse()


def local_terms(niche_id: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(phrases, hashtags) of a niche in `lang`; empty for English or a missing entry."""
    return LOCAL_TERMS.get(niche_id, {}).get(lang, ((), ()))
