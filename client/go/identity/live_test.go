package identity_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"

	"identity/client/go/identity"
	pb "identity/client/go/identityv1"
)

func TestLiveHierarchy(t *testing.T) {
	f := newFixture(t)
	userID := "jack@" + f.unique + ".com"

	user, err := f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
		User: &pb.User{Id: userID, Name: "Jack", TenantId: f.tenantID, Roles: []string{"user"}}})
	if err != nil {
		t.Fatal(err)
	}
	if user.GetOrgId() != f.orgID || user.GetEtag() == "" {
		t.Errorf("created %v", user)
	}
	_, err = f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
		User: &pb.User{Id: "x@" + f.unique, TenantId: "no-such-tenant", OrgId: f.orgID}})
	wantCode(t, err, codes.FailedPrecondition)
	_, err = f.admin.Orgs.CreateOrg(f.ctx, &pb.CreateOrgRequest{Org: &pb.Org{Id: f.orgID}})
	wantCode(t, err, codes.AlreadyExists)
	_, err = f.admin.Users.GetUser(f.ctx, &pb.GetUserRequest{Id: "x@" + f.unique})
	wantCode(t, err, codes.NotFound)
	_, err = f.admin.Orgs.DeleteOrg(f.ctx, &pb.DeleteOrgRequest{Id: f.orgID})
	wantCode(t, err, codes.FailedPrecondition)

	var ids []string
	err = f.admin.ForEachUser(f.ctx, &pb.ListUsersRequest{LookupOrgId: f.orgID},
		func(u *pb.User) error { ids = append(ids, u.GetId()); return nil })
	if err != nil || len(ids) != 1 || ids[0] != userID {
		t.Errorf("users of the org: %v, %v", ids, err)
	}
}

func TestLiveAccessKeyLifecycle(t *testing.T) {
	f := newFixture(t)
	userID := "hank@" + f.unique + ".com"
	must(t)(f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
		User: &pb.User{Id: userID, TenantId: f.tenantID, Roles: []string{"api-user"}}}))

	created, err := f.admin.AccessKeys.CreateAccessKey(f.ctx,
		&pb.CreateAccessKeyRequest{Name: "ci", UserId: userID})
	if err != nil || created.GetAccessKey() == "" || created.GetKeyPrefix() == "" {
		// Not %v of the key: that would print its secret.
		t.Fatalf("created key %q with prefix %q (secret set: %v), %v", created.GetName(),
			created.GetKeyPrefix(), created.GetAccessKey() != "", err)
	}
	listed, err := f.admin.AccessKeys.ListAccessKeys(f.ctx, &pb.ListAccessKeysRequest{UserId: userID})
	if err != nil || len(listed.GetAccessKeys()) != 1 || listed.GetAccessKeys()[0].GetAccessKey() != "" ||
		listed.GetAccessKeys()[0].GetKeyPrefix() != created.GetKeyPrefix() {
		t.Fatalf("listed %v, %v", listed, err)
	}
	hank := dial(t, f.endpoint, created.GetAccessKey())
	info, err := hank.Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{})
	if err != nil || info.GetId() != userID {
		t.Fatalf("info %v, %v", info, err)
	}
	must(t)(hank.AccessKeys.DeleteAccessKeys(f.ctx, &pb.DeleteAccessKeysRequest{Names: []string{"ci"}}))

	_, err = hank.Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{})
	wantCode(t, err, codes.Unauthenticated)
}

// RotateAccessKey: both secrets work during the grace period; a grace of zero
// ends the old one at once; a deleted key cannot be rotated.
func TestLiveAccessKeyRotation(t *testing.T) {
	f := newFixture(t)
	userID := "rita@" + f.unique + ".com"
	must(t)(f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
		User: &pb.User{Id: userID, TenantId: f.tenantID, Roles: []string{"api-user"}}}))
	created, err := f.admin.AccessKeys.CreateAccessKey(f.ctx,
		&pb.CreateAccessKeyRequest{Name: "ci", UserId: userID})
	if err != nil {
		t.Fatal(err)
	}

	rotated, err := f.admin.AccessKeys.RotateAccessKey(f.ctx, &pb.RotateAccessKeyRequest{
		Name: "ci", UserId: userID, GracePeriod: durationpb.New(time.Hour)})
	if err != nil || rotated.GetAccessKey() == "" || rotated.GetAccessKey() == created.GetAccessKey() ||
		rotated.GetPreviousKeyPrefix() != created.GetKeyPrefix() || rotated.GetPreviousExpireTime() == nil {
		t.Fatalf("rotated to prefix %q, previous %q (new secret set: %v), %v", rotated.GetKeyPrefix(),
			rotated.GetPreviousKeyPrefix(), rotated.GetAccessKey() != "", err)
	}
	for _, secret := range []string{created.GetAccessKey(), rotated.GetAccessKey()} {
		if _, err := dial(t, f.endpoint, secret).Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{}); err != nil {
			t.Errorf("a secret stopped during the grace period: %v", err)
		}
	}

	again, err := f.admin.AccessKeys.RotateAccessKey(f.ctx, &pb.RotateAccessKeyRequest{
		Name: "ci", UserId: userID, GracePeriod: durationpb.New(0)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = dial(t, f.endpoint, rotated.GetAccessKey()).Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{})
	wantCode(t, err, codes.Unauthenticated)
	if _, err := dial(t, f.endpoint, again.GetAccessKey()).Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{}); err != nil {
		t.Errorf("the newest secret: %v", err)
	}

	must(t)(f.admin.AccessKeys.DeleteAccessKeys(f.ctx, &pb.DeleteAccessKeysRequest{Names: []string{"ci"}, UserId: userID}))
	_, err = f.admin.AccessKeys.RotateAccessKey(f.ctx, &pb.RotateAccessKeyRequest{Name: "ci", UserId: userID})
	wantCode(t, err, codes.NotFound)
}

func TestLiveConfigMerge(t *testing.T) {
	f := newFixture(t)
	hank := f.userWithKey("hank@"+f.unique+".com", "api-user")
	updated, _ := structpb.NewStruct(map[string]interface{}{"theme": "dark", "limits": map[string]interface{}{"rows": 100}})

	must(t)(hank.Users.UpdateConfig(f.ctx, &pb.UpdateConfigRequest{Updated: updated}))
	response, err := hank.Users.UpdateConfig(f.ctx, &pb.UpdateConfigRequest{Deleted: []string{"theme"}})

	if err != nil {
		t.Fatal(err)
	}
	got := response.GetConfigs().AsMap()
	if fmt.Sprint(got) != "map[limits:map[rows:100]]" {
		t.Errorf("config after delete = %v", got)
	}
}

func TestLiveImpersonation(t *testing.T) {
	f := newFixture(t)
	olgaID, hankID := "olga@"+f.unique+".com", "hank@"+f.unique+".com"
	olga := f.userWithKey(olgaID, "org-admin-user")
	f.userWithKey(hankID, "api-user")

	info, err := olga.Users.GetUserInfo(identity.WithImpersonation(f.ctx, hankID), &pb.GetUserInfoRequest{})
	if err != nil || info.GetId() != hankID || info.GetImpersonatorId() != olgaID {
		t.Fatalf("impersonated info %v, %v", info, err)
	}
	mine, err := olga.Users.GetUserInfo(f.ctx, &pb.GetUserInfoRequest{})
	if err != nil || mine.GetId() != olgaID || mine.GetImpersonatorId() != "" {
		t.Fatalf("own info %v, %v", mine, err)
	}
	for _, target := range []string{"admin", "nobody@" + f.unique + ".com"} {
		_, err = olga.Users.GetUserInfo(identity.WithImpersonation(f.ctx, target), &pb.GetUserInfoRequest{})
		wantCode(t, err, codes.PermissionDenied)
		if d := identity.Details(err); d.Code != codes.PermissionDenied || d.Message == "" {
			t.Errorf("details of the refusal: %+v", d)
		}
	}
}

func TestLivePagingOver250Users(t *testing.T) {
	f := newFixture(t)
	want := make([]string, 250)
	for i := range want {
		want[i] = fmt.Sprintf("u%03d@%s", i, f.unique)
		must(t)(f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
			User: &pb.User{Id: want[i], TenantId: f.tenantID, Roles: []string{"trial-user"}}}))
	}
	var got []string

	err := f.admin.ForEachUser(f.ctx, &pb.ListUsersRequest{LookupTenantId: f.tenantID, PageSize: 100},
		func(u *pb.User) error { got = append(got, u.GetId()); return nil })
	first, firstErr := f.admin.Users.ListUsers(f.ctx,
		&pb.ListUsersRequest{LookupTenantId: f.tenantID, PageSize: 100})

	sort.Strings(got)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("listed %d users, err %v", len(got), err)
	}
	if firstErr != nil || len(first.GetUsers()) != 100 || first.GetNextPageToken() == "" {
		t.Errorf("first page: %d users, token %q, err %v",
			len(first.GetUsers()), first.GetNextPageToken(), firstErr)
	}
	_, err = f.admin.Users.ListUsers(f.ctx, &pb.ListUsersRequest{PageSize: -1})
	wantCode(t, err, codes.InvalidArgument)
}
