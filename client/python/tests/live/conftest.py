"""Fixtures of the live suite: a running identityd named by the environment.

    IDENTITY_TEST_ENDPOINT   host:port of identityd
    IDENTITY_TEST_ADMIN_KEY  the key of its bootstrap super admin
tests/clients/run.sh starts the server and sets both (and
IDENTITY_TEST_REQUIRE_LIVE=1, so a missing variable fails instead of skipping).
"""

import os
import secrets

import pytest

from identity_client import IdentityClient, Org, Tenant, User


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        message = f"{name} is not set: the live suite needs a running identityd"
        if os.environ.get("IDENTITY_TEST_REQUIRE_LIVE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return value


@pytest.fixture(scope="session")
def endpoint() -> str:
    return _required("IDENTITY_TEST_ENDPOINT")


@pytest.fixture(scope="session")
def admin_key() -> str:
    return _required("IDENTITY_TEST_ADMIN_KEY")


@pytest.fixture(scope="session")
def admin(endpoint, admin_key):
    with IdentityClient(endpoint, admin_key) as client:
        yield client


@pytest.fixture
def unique():
    """A fresh id suffix: every test works in orgs of its own."""
    return f"py-{secrets.token_hex(4)}"


@pytest.fixture
def org_with_tenant(admin, unique):
    """(org id, tenant id), created by the super admin."""
    org_id, tenant_id = f"{unique}-org", f"{unique}-tenant"
    admin.orgs.create_org(Org(id=org_id, name="Test Org"))
    admin.tenants.create_tenant(Tenant(id=tenant_id, name="Test Tenant", org_id=org_id))
    return org_id, tenant_id


@pytest.fixture
def make_user_client(admin, endpoint, org_with_tenant):
    """make(user_id, roles) -> an IdentityClient holding a fresh key of that new user."""
    opened = []
    _, tenant_id = org_with_tenant

    def make(user_id: str, roles):
        admin.users.create_user(User(id=user_id, name=user_id, tenant_id=tenant_id,
                                     roles=list(roles)))
        key = admin.access_keys.create_access_key("test", user_id=user_id)
        client = IdentityClient(endpoint, key.access_key)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()
