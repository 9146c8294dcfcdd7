#!/usr/bin/env bash
# Writes the seed corpora of fuzz/corpus/ from readable text: requests in
# protobuf text format (protoc --encode), everything else as it is. Run from
# the root of a checkout after changing the seeds; commit the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=fuzz/corpus

# request_validation_fuzzer: one byte for the method (its index in
# request_validation_fuzzer.cc), then the serialized request.
request() {  # NAME INDEX MESSAGE TEXT
  local dir=$out/request_validation_fuzzer
  mkdir -p "$dir"
  { printf "\\x$(printf %02x "$2")"
    printf '%s' "$4" | protoc -I proto -I /usr/include \
      --encode="identity.v1.$3" proto/identity/v1/*_service.proto
  } >"$dir/$1"
}
request create_org 0 CreateOrgRequest 'org { id: "o1" name: "Org One" variables { fields { key: "a" value { number_value: 1 } } } }'
request create_org_bad_id 0 CreateOrgRequest 'org { id: "o 1/../x" }'
request get_org 1 GetOrgRequest 'id: "o1"'
request update_org 2 UpdateOrgRequest 'org { id: "o1" name: "n" etag: "e1" } update_mask { paths: "name" paths: "variables" }'
request delete_org 3 DeleteOrgRequest 'id: "o1" force: true'
request list_orgs 4 ListOrgsRequest 'page_size: -1 page_token: "cDE6bzE="'
request create_tenant 5 CreateTenantRequest 'tenant { id: "t1" org_id: "o1" name: "T" }'
request get_tenant 6 GetTenantRequest 'id: "t1"'
request update_tenant 7 UpdateTenantRequest 'tenant { id: "t1" org_id: "o2" } update_mask { paths: "org_id" }'
request delete_tenant 8 DeleteTenantRequest 'id: "t1"'
request list_tenants 9 ListTenantsRequest 'lookup_org_id: "o1" page_size: 5000'
request create_user 10 CreateUserRequest 'user { id: "jack@myco.com" tenant_id: "t1" org_id: "o1" email: "jack@myco.com" roles: "user" roles: "api-user" }'
request create_user_unknown_role 10 CreateUserRequest 'user { id: "jill" tenant_id: "t1" roles: "king" }'
request get_user 11 GetUserRequest 'id: "jack@myco.com"'
request update_user 12 UpdateUserRequest 'user { id: "jack" roles: "admin-user" variables { fields { key: "x" value { list_value { values { string_value: "y" } } } } } } update_mask { paths: "roles" paths: "variables" }'
request delete_user 13 DeleteUserRequest 'id: "jack"'
request list_users 14 ListUsersRequest 'lookup_tenant_id: "t1" lookup_user_id: "jack" page_size: 10 page_token: "bm90LWEtdG9rZW4"'
request update_config 15 UpdateConfigRequest 'updated { fields { key: "theme" value { string_value: "dark" } } fields { key: "n" value { null_value: NULL_VALUE } } } deleted: "old"'
request create_access_key 16 CreateAccessKeyRequest 'name: "ci" description: "CI" user_id: "jack" expire_time { seconds: 1 }'
request list_access_keys 17 ListAccessKeysRequest 'user_id: "jack" page_size: 3'
request delete_access_keys 18 DeleteAccessKeysRequest 'names: "ci" names: "ci" user_id: "jack"'
request list_audit_events 19 ListAuditEventsRequest 'lookup_org_id: "o1" start_time { seconds: 10 } end_time { seconds: 5 } actor_id: "admin"'

text() {  # TARGET NAME CONTENT
  mkdir -p "$out/$1"
  printf '%s' "$3" >"$out/$1/$2"
}
text page_token_fuzzer valid "Zp1:YWJj"
text page_token_fuzzer encoded "0cDE6bzE="
text page_token_fuzzer no_prefix "Pbm90LWEtdG9rZW4"
text page_token_fuzzer prefix_only "AcDE6"
text json_struct_fuzzer object '{"a": 1, "b": [true, null, "x"], "c": {"d": 1.5e300}}'
text json_struct_fuzzer nested '{"a": {"b": {"c": {"d": {"e": []}}}}}'
text json_struct_fuzzer not_object '[1, 2, 3]'
text json_struct_fuzzer unicode '{"\u00e9\ud83d\ude00": "\u0000"}'
text credentials_fuzzer valid_shape "Bearer idk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
jack@myco.com"
text credentials_fuzzer no_bearer "idk_abc"
text credentials_fuzzer bad_impersonation "Bearer idk_short
a b"
text connection_string_fuzzer url "postgresql://postgres@127.0.0.1:5432/identity"
text connection_string_fuzzer url_with_query "postgres://u:p@h/db?sslmode=require"
text connection_string_fuzzer keywords "host=localhost dbname=identity user=postgres"
text connection_string_fuzzer quoted "host=localhost password='a b\\' c'"
text connection_string_fuzzer own_timeout "dbname=x connect_timeout=100"
# Found by the fuzzer: each swallowed the settings appended to it.
text connection_string_fuzzer regression_trailing_empty_value "dbname=x connect_timeout="
text connection_string_fuzzer regression_trailing_backslash 'dbname=x password=a\'
text connection_string_fuzzer regression_question_mark_in_password "postgresql://u:p?q@h/db"
# Found by the fuzzer: a URL setting one of the settings we add, which ours
# overrides on purpose (the fuzzer had its own, shorter list of them).
text connection_string_fuzzer regression_tcp_user_timeout "tcp_user_timeout="

# update_mask_fuzzer: serialized FieldMasks.
mkdir -p "$out/update_mask_fuzzer"
mask() {
  printf '%s' "$2" | protoc -I /usr/include \
    --encode=google.protobuf.FieldMask google/protobuf/field_mask.proto \
    >"$out/update_mask_fuzzer/$1"
}
mask name 'paths: "name"'
mask several 'paths: "name" paths: "roles" paths: "variables"'
mask unknown 'paths: "id" paths: "etag" paths: ""'
mask nested 'paths: "variables.a.b"'
