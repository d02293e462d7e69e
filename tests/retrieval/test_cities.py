"""City keys (retrieval/cities.py): a brief's English city name meets a creator's local one."""

from retrieval.cities import city_keys, fold


def _meet(brief: list[str], creator: list[str]) -> bool:
    return bool(set(brief) & set(creator))


def test_english_and_local_names_of_a_city_meet():
    for english, local, country in [("Munich", "München", "DE"), ("Vienna", "Wien", "AT"), ("Tokyo", "東京", "JP"),
                                    ("Lisbon", "Lisboa", "PT"), ("Mexico City", "Ciudad de México", "MX")]:
        assert _meet(city_keys(english, [country]), city_keys(local, [country], within=True)), english


def test_a_country_narrows_a_name_several_cities_share():
    geo = [k for k in city_keys("Vienna", ["AT"]) if k.startswith("geo:")]
    assert len(geo) == 1 and geo[0] in city_keys("Wien", ["AT"], within=True)
    assert geo[0] not in city_keys("Vienna", ["US"], within=True)  # Vienna, Virginia
    # Without a country the brief's name keeps every city of that name.
    assert len([k for k in city_keys("Portland") if k.startswith("geo:")]) > 1


def test_different_cities_do_not_meet():
    assert not _meet(city_keys("Berlin", ["DE"]), city_keys("Hamburg", ["DE"], within=True))
    assert not _meet(city_keys("Paris", ["FR"]), city_keys("Lyon", ["FR"], within=True))


def test_places_geonames_does_not_list_still_match_by_name():
    keys = city_keys("Tiny Hamlet-on-Sea", ["GB"], within=True)
    assert keys == ["name:tiny hamlet on sea"]
    assert _meet(city_keys("tiny hamlet on sea"), keys)


def test_fold_and_blank_names():
    assert fold("  São  Paulo ") == "sao paulo" and fold("Zürich") == "zurich"
    assert city_keys("  ") == []
