import pytest

from retrieval.schema import Post
from retrieval.signals.sponsorship import disclosure_tags, is_disclosed, is_sponsored, sponsorship


@pytest.mark.parametrize("post", [
    Post(hashtags=["ad"]), Post(hashtags=["Werbung"]), Post(hashtags=["ANZEIGE"]),
    Post(text="Neue Jacke #Anzeige"), Post(text="My routine #Sponsored."), Post(hashtags=["publi"]),
    Post(hashtags=["collaborationcommerciale"]), Post(hashtags=["publicidade"]), Post(hashtags=["広告"]),
    Post(text="新しいリップを試しました #PR"), Post(text="Paid partnership with @glow"),
    Post(text="Bezahlte Partnerschaft mit @glow"),
])
def test_disclosed(post):
    assert is_disclosed(post) and disclosure_tags(post)
    assert is_sponsored(post)


@pytest.mark.parametrize("post", [
    Post(hashtags=["adidas"]), Post(text="#ad_campaign shoot"), Post(text="unbezahlte Werbung"),
    Post(text="new deadlift #PR today"), Post(hashtags=["pr"], text="squat day"),
    Post(text="my partner and I"), Post(text="partnering with friends"),
])
def test_not_disclosed(post):
    assert not is_disclosed(post) and disclosure_tags(post) == []


def test_sponsorship_summary():
    s = sponsorship([Post(id="a", sponsored=True), Post(id="b", hashtags=["ad"]), Post(id="c")])
    assert (s.sponsored_posts, s.undisclosed_ids) == (2, ["a"])
    assert s.sponsored_share == pytest.approx(2 / 3) and s.disclosure_rate == pytest.approx(0.5)
    assert sponsorship([]).sponsored_share is None
