package identity_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"identity/client/go/identity"
	pb "identity/client/go/identityv1"
)

// The live tests need a running identityd: IDENTITY_TEST_ENDPOINT and
// IDENTITY_TEST_ADMIN_KEY (its bootstrap super admin). tests/clients/run.sh
// sets them and IDENTITY_TEST_REQUIRE_LIVE=1, which turns a skip into a failure.
func liveServer(t *testing.T) (endpoint, adminKey string) {
	t.Helper()
	endpoint, adminKey = os.Getenv("IDENTITY_TEST_ENDPOINT"), os.Getenv("IDENTITY_TEST_ADMIN_KEY")
	if endpoint == "" || adminKey == "" {
		if os.Getenv("IDENTITY_TEST_REQUIRE_LIVE") == "1" {
			t.Fatal("IDENTITY_TEST_ENDPOINT and IDENTITY_TEST_ADMIN_KEY must be set")
		}
		t.Skip("no live identityd: IDENTITY_TEST_ENDPOINT is not set")
	}
	return endpoint, adminKey
}

// fixture is one test's world: an admin client and an org and tenant of its own.
type fixture struct {
	t        *testing.T
	ctx      context.Context
	endpoint string
	admin    *identity.Client
	unique   string
	orgID    string
	tenantID string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	endpoint, adminKey := liveServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	admin := dial(t, endpoint, adminKey)
	random := make([]byte, 4)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, ctx: ctx, endpoint: endpoint, admin: admin,
		unique: "go-" + hex.EncodeToString(random)}
	f.orgID, f.tenantID = f.unique+"-org", f.unique+"-tenant"
	must(t)(admin.Orgs.CreateOrg(ctx, &pb.CreateOrgRequest{Org: &pb.Org{Id: f.orgID, Name: "Test Org"}}))
	must(t)(admin.Tenants.CreateTenant(ctx, &pb.CreateTenantRequest{
		Tenant: &pb.Tenant{Id: f.tenantID, Name: "Test Tenant", OrgId: f.orgID}}))
	return f
}

func dial(t *testing.T, endpoint, key string) *identity.Client {
	t.Helper()
	client, err := identity.Dial(endpoint, key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// userWithKey creates a user of the fixture's tenant and returns a client
// holding a fresh key of that user.
func (f *fixture) userWithKey(userID string, roles ...string) *identity.Client {
	f.t.Helper()
	must(f.t)(f.admin.Users.CreateUser(f.ctx, &pb.CreateUserRequest{
		User: &pb.User{Id: userID, Name: userID, TenantId: f.tenantID, Roles: roles}}))
	key, err := f.admin.AccessKeys.CreateAccessKey(f.ctx,
		&pb.CreateAccessKeyRequest{Name: "test", UserId: userID})
	if err != nil {
		f.t.Fatal(err)
	}
	return dial(f.t, f.endpoint, key.GetAccessKey())
}

// must fails the test when a call that sets up state fails.
func must(t *testing.T) func(interface{}, error) {
	return func(_ interface{}, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// wantCode fails the test unless err carries exactly the status code want.
func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("got %v (%v), want %v", got, err, want)
	}
}
