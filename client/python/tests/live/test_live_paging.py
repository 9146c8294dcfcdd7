"""Paging over 250 users: every user exactly once, pages of the size asked."""

import pytest

from identity_client import InvalidArgumentError, User

USERS = 250


def test_iter_users_visits_every_user_once(admin, org_with_tenant, unique):
    _, tenant_id = org_with_tenant
    created = {f"u{i:03d}@{unique}" for i in range(USERS)}
    for user_id in created:
        admin.users.create_user(User(id=user_id, tenant_id=tenant_id, roles=["trial-user"]))

    first = admin.users.list_users(lookup_tenant_id=tenant_id, page_size=100)
    listed = [u.id for u in admin.users.iter_users(lookup_tenant_id=tenant_id, page_size=100)]

    assert len(first.users) == 100 and first.next_page_token
    assert len(listed) == USERS and set(listed) == created


def test_negative_page_size_is_invalid_argument(admin):
    with pytest.raises(InvalidArgumentError):
        admin.users.list_users(page_size=-1)
