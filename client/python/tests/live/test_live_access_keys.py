"""Key lifecycle: create -> list without secret -> call with it -> delete -> UNAUTHENTICATED."""

import datetime

import pytest

from identity_client import IdentityClient, NotFoundError, UnauthenticatedError, User


def test_key_lifecycle(admin, endpoint, org_with_tenant, unique):
    _, tenant_id = org_with_tenant
    user_id = f"hank@{unique}.com"
    admin.users.create_user(User(id=user_id, tenant_id=tenant_id, roles=["api-user"]))

    created = admin.access_keys.create_access_key("ci", description="CI pipeline",
                                                  user_id=user_id)
    listed = list(admin.access_keys.iter_access_keys(user_id=user_id))

    # Compared into a bool first: a failing assert must not print the secret.
    secret_has_prefix = bool(created.key_prefix) and created.access_key.startswith(
        created.key_prefix)
    assert secret_has_prefix
    assert [(k.name, k.description, k.access_key) for k in listed] == [("ci", "CI pipeline", "")]
    assert listed[0].key_prefix == created.key_prefix

    with IdentityClient(endpoint, created.access_key) as hank:
        info = hank.users.get_user_info()
        assert (info.id, info.tenant_id, info.impersonator_id) == (user_id, tenant_id, "")
        assert "usage:api" in info.permissions and "write:user" not in info.permissions

        hank.access_keys.delete_access_key(["ci"])

        with pytest.raises(UnauthenticatedError):
            hank.users.get_user_info()
    assert list(admin.access_keys.iter_access_keys(user_id=user_id)) == []


def test_deleting_an_unknown_key_deletes_nothing(admin, make_user_client, unique):
    user_id = f"kim@{unique}.com"
    make_user_client(user_id, ["api-user"])

    with pytest.raises(NotFoundError):
        admin.access_keys.delete_access_key(["test", "no-such-key"], user_id=user_id)
    assert [k.name for k in admin.access_keys.iter_access_keys(user_id=user_id)] == ["test"]


def test_a_wrong_key_is_unauthenticated(endpoint):
    with IdentityClient(endpoint, "not-a-key") as stranger:
        with pytest.raises(UnauthenticatedError) as raised:
            stranger.users.get_user_info()
    assert raised.value.code.name == "UNAUTHENTICATED"


def test_rotation_keeps_the_old_secret_for_the_grace_period(admin, endpoint, org_with_tenant,
                                                             unique):
    _, tenant_id = org_with_tenant
    user_id = f"rita@{unique}.com"
    admin.users.create_user(User(id=user_id, tenant_id=tenant_id, roles=["api-user"]))
    created = admin.access_keys.create_access_key("ci", user_id=user_id)

    rotated = admin.access_keys.rotate_access_key(
        "ci", user_id=user_id, grace_period=datetime.timedelta(hours=1))

    # Compared into bools first: a failing assert must not print a secret.
    new_secret_differs = bool(rotated.access_key) and rotated.access_key != created.access_key
    assert new_secret_differs
    assert rotated.previous_key_prefix == created.key_prefix
    assert rotated.HasField("previous_expire_time")
    for secret in (created.access_key, rotated.access_key):
        with IdentityClient(endpoint, secret) as rita:
            assert rita.users.get_user_info().id == user_id

    newest = admin.access_keys.rotate_access_key(
        "ci", user_id=user_id, grace_period=datetime.timedelta(0))
    with IdentityClient(endpoint, rotated.access_key) as stale:
        with pytest.raises(UnauthenticatedError):
            stale.users.get_user_info()
    with IdentityClient(endpoint, newest.access_key) as rita:
        assert rita.users.get_user_info().id == user_id

    admin.access_keys.delete_access_key("ci", user_id=user_id)
    with pytest.raises(NotFoundError):
        admin.access_keys.rotate_access_key("ci", user_id=user_id)
