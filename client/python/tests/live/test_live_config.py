"""UpdateConfig merges: set `updated`, remove `deleted`, return everything."""


def test_config_merge(make_user_client, unique):
    hank = make_user_client(f"hank@{unique}.com", ["api-user"])

    assert hank.users.update_config() == {}
    assert hank.users.update_config(updated={"theme": "dark", "limits": {"rows": 100}}) == {
        "theme": "dark", "limits": {"rows": 100}}
    assert hank.users.update_config(updated={"lang": "en"}, deleted=["theme", "absent"]) == {
        "limits": {"rows": 100}, "lang": "en"}
    assert hank.users.update_config() == {"limits": {"rows": 100}, "lang": "en"}
