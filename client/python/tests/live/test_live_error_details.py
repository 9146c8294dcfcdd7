"""The server's error details (google.rpc.ErrorInfo, BadRequest), end to end."""

import pytest

from identity_client import InvalidArgumentError, User


def test_invalid_argument_names_the_field(admin, org_with_tenant):
    _, tenant_id = org_with_tenant

    with pytest.raises(InvalidArgumentError) as raised:
        admin.users.create_user(User(id="bad id!", tenant_id=tenant_id))

    assert raised.value.domain == "identity" and raised.value.reason
    assert "user.id" in [v.field for v in raised.value.field_violations]
