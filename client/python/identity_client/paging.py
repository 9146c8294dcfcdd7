"""Iterating over every item of a paginated list call."""

from __future__ import annotations

from typing import Any, Callable, Iterator


def iterate_pages(fetch_page: Callable[[str], Any], items_field: str) -> Iterator[Any]:
    """Yields the items of every page, fetching the next page only when needed.

    fetch_page(page_token) returns one list response; items_field names its
    repeated field. Stops after the page whose next_page_token is empty.
    """
    page_token = ""
    while True:
        page = fetch_page(page_token)
        yield from getattr(page, items_field)
        page_token = page.next_page_token
        if not page_token:
            return
