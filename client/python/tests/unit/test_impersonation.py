"""Impersonation state of a client shared by threads."""

import threading

import pytest

from identity_client import IdentityClient


@pytest.fixture
def client():
    # No server is needed: only the client's own state is under test.
    with IdentityClient("127.0.0.1:9", access_key="unused") as client:
        yield client


def _in_thread(function):
    result = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0]


def test_scope_sets_and_restores(client):
    with client.impersonate_user("u1"):
        assert client.impersonated_user == "u1"
        with client.impersonate_user("u2"):
            assert client.impersonated_user == "u2"
        assert client.impersonated_user == "u1"
    assert client.impersonated_user is None


def test_scope_is_restored_when_the_block_raises(client):
    with pytest.raises(RuntimeError):
        with client.impersonate_user("u1"):
            raise RuntimeError("boom")
    assert client.impersonated_user is None


def test_scope_does_not_leak_into_another_thread(client):
    opened = threading.Event()
    seen_elsewhere = threading.Event()
    observed = []

    def scoped():
        with client.impersonate_user("u1"):
            opened.set()
            seen_elsewhere.wait(5)
            observed.append(("scoped", client.impersonated_user))

    def other():
        opened.wait(5)
        observed.append(("other", client.impersonated_user))
        seen_elsewhere.set()

    threads = [threading.Thread(target=scoped), threading.Thread(target=other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(observed) == [("other", None), ("scoped", "u1")]


def test_setter_applies_to_every_thread_and_clears(client):
    client.set_impersonate_user("u1")
    assert _in_thread(lambda: client.impersonated_user) == "u1"

    client.clear_impersonation()
    assert _in_thread(lambda: client.impersonated_user) is None
    assert client.impersonated_user is None


def test_scope_wins_over_setter_and_gives_it_back(client):
    client.set_impersonate_user("shared")
    with client.impersonate_user("scoped"):
        assert client.impersonated_user == "scoped"
        assert _in_thread(lambda: client.impersonated_user) == "shared"
    assert client.impersonated_user == "shared"


def test_scope_needs_a_user(client):
    with pytest.raises(ValueError):
        with client.impersonate_user(""):
            pass
