"""org -> tenant -> user, as the SDK documents it, with exact status codes."""

import pytest

from identity_client import (AbortedError, AlreadyExistsError, FailedPreconditionError,
                             InvalidArgumentError, NotFoundError, Org, Tenant, User, struct)


def test_org_tenant_user(admin, unique):
    org = admin.orgs.create_org(Org(id=f"{unique}-org", name="Acme",
                                    variables=struct({"tier": "gold"})))
    tenant = admin.tenants.create_tenant(Tenant(id=f"{unique}-t", name="Acme US",
                                                org_id=org.id))
    user = admin.users.create_user(User(id=f"jack@{unique}.com", name="Jack",
                                        tenant_id=tenant.id, roles=["user"]))

    assert org.etag and org.variables["tier"] == "gold"
    assert (user.org_id, user.tenant_id, list(user.roles)) == (org.id, tenant.id, ["user"])
    assert admin.users.get_user(user.id).name == "Jack"
    assert [t.id for t in admin.tenants.iter_tenants(lookup_org_id=org.id)] == [tenant.id]
    assert [u.id for u in admin.users.iter_users(lookup_org_id=org.id)] == [user.id]
    assert org.id in {o.id for o in admin.orgs.iter_orgs()}


def test_user_needs_an_existing_tenant(admin, org_with_tenant, unique):
    org_id, _ = org_with_tenant

    with pytest.raises(FailedPreconditionError):
        admin.users.create_user(User(id=f"u@{unique}", tenant_id="no-such-tenant",
                                     org_id=org_id))
    with pytest.raises(NotFoundError):
        admin.users.get_user(f"u@{unique}")


def test_duplicate_org_is_already_exists(admin, org_with_tenant):
    org_id, _ = org_with_tenant

    with pytest.raises(AlreadyExistsError) as raised:
        admin.orgs.create_org(Org(id=org_id, name="again"))

    assert raised.value.code.name == "ALREADY_EXISTS"
    assert admin.orgs.get_org(org_id).name == "Test Org"


def test_update_with_mask_and_stale_etag(admin, org_with_tenant):
    org_id, _ = org_with_tenant
    before = admin.orgs.get_org(org_id)

    after = admin.orgs.update_org(Org(id=org_id, name="Renamed"), update_mask=["name"])

    assert after.name == "Renamed" and after.etag != before.etag
    with pytest.raises(AbortedError):
        admin.orgs.update_org(Org(id=org_id, name="Lost", etag=before.etag), ["name"])
    assert admin.orgs.get_org(org_id).name == "Renamed"


def test_delete_org_refuses_children_unless_forced(admin, org_with_tenant):
    org_id, tenant_id = org_with_tenant

    with pytest.raises(FailedPreconditionError):
        admin.orgs.delete_org(org_id)
    assert admin.tenants.get_tenant(tenant_id).org_id == org_id

    admin.orgs.delete_org(org_id, force=True)
    with pytest.raises(NotFoundError):
        admin.tenants.get_tenant(tenant_id)


def test_bad_id_is_invalid_argument_and_nothing_is_written(admin, org_with_tenant):
    _, tenant_id = org_with_tenant

    with pytest.raises(InvalidArgumentError):
        admin.users.create_user(User(id="not a valid id!", tenant_id=tenant_id))
    assert list(admin.users.iter_users(lookup_tenant_id=tenant_id)) == []
