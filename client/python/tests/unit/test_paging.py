"""iterate_pages follows next_page_token until it is empty."""

from types import SimpleNamespace

from identity_client.paging import iterate_pages


def test_follows_tokens_and_stops_on_the_last_page():
    pages = {"": (["a", "b"], "t1"), "t1": (["c"], "t2"), "t2": ([], "")}
    requested = []

    def fetch(token):
        requested.append(token)
        items, next_token = pages[token]
        return SimpleNamespace(users=items, next_page_token=next_token)

    assert list(iterate_pages(fetch, "users")) == ["a", "b", "c"]
    assert requested == ["", "t1", "t2"]


def test_fetches_lazily():
    requested = []

    def fetch(token):
        requested.append(token)
        return SimpleNamespace(orgs=["x"], next_page_token="more")

    items = iterate_pages(fetch, "orgs")
    assert requested == []
    assert next(items) == "x"
    assert requested == [""]
