"""Impersonation through the client, allowed and refused (PERMISSION_DENIED)."""

import threading

import pytest

from identity_client import PermissionDeniedError


def test_org_admin_impersonates_a_user_of_its_org(make_user_client, unique):
    olga = make_user_client(f"olga@{unique}.com", ["org-admin-user"])
    hank_id = f"hank@{unique}.com"
    make_user_client(hank_id, ["api-user"])

    with olga.impersonate_user(hank_id):
        info = olga.users.get_user_info()
        config = olga.users.update_config(updated={"lang": "en"})
    mine = olga.users.get_user_info()

    assert (info.id, info.impersonator_id) == (hank_id, f"olga@{unique}.com")
    assert "usage:impersonation" not in info.permissions
    assert config == {"lang": "en"}
    assert (mine.id, mine.impersonator_id) == (f"olga@{unique}.com", "")


def test_set_and_clear_impersonation(make_user_client, unique):
    olga = make_user_client(f"olga@{unique}.com", ["org-admin-user"])
    make_user_client(f"hank@{unique}.com", ["api-user"])

    olga.set_impersonate_user(f"hank@{unique}.com")
    try:
        as_hank = olga.users.get_user_info().id
    finally:
        olga.clear_impersonation()

    assert as_hank == f"hank@{unique}.com"
    assert olga.users.get_user_info().id == f"olga@{unique}.com"


def test_scope_in_one_thread_does_not_leak_into_calls_of_another(make_user_client, unique):
    olga = make_user_client(f"olga@{unique}.com", ["org-admin-user"])
    make_user_client(f"hank@{unique}.com", ["api-user"])
    inside = threading.Event()
    done = threading.Event()
    seen = {}

    def impersonating():
        with olga.impersonate_user(f"hank@{unique}.com"):
            inside.set()
            done.wait(10)
            seen["scoped"] = olga.users.get_user_info().id

    thread = threading.Thread(target=impersonating)
    thread.start()
    inside.wait(10)
    seen["other"] = olga.users.get_user_info().id
    done.set()
    thread.join()

    assert seen == {"scoped": f"hank@{unique}.com", "other": f"olga@{unique}.com"}


@pytest.mark.parametrize("target", ["admin", "nobody", "stronger"])
def test_refused_whether_or_not_the_target_exists(make_user_client, unique, target):
    olga = make_user_client(f"olga@{unique}.com", ["org-admin-user"])
    make_user_client(f"stronger@{unique}.com", ["super-admin-user"])
    target_id = {"admin": "admin", "nobody": f"nobody@{unique}.com",
                 "stronger": f"stronger@{unique}.com"}[target]

    with olga.impersonate_user(target_id):
        with pytest.raises(PermissionDeniedError) as raised:
            olga.users.get_user_info()

    assert raised.value.code.name == "PERMISSION_DENIED"
    assert olga.users.get_user_info().id == f"olga@{unique}.com"


def test_refused_without_usage_impersonation(make_user_client, unique):
    hank = make_user_client(f"hank@{unique}.com", ["api-user"])
    make_user_client(f"kim@{unique}.com", ["user"])

    with hank.impersonate_user(f"kim@{unique}.com"):
        with pytest.raises(PermissionDeniedError):
            hank.users.update_config(updated={"x": 1})
    assert hank.users.update_config() == {}
