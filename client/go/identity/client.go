package identity

import (
	"errors"
	"os"

	"google.golang.org/grpc"

	"identity/client/go/identityv1"
)

// DefaultEndpoint is where Dial connects when neither the argument nor
// IDENTITY_ENDPOINT names a server.
const DefaultEndpoint = "127.0.0.1:50051"

// Client holds one connection and a typed client per service. Safe for
// concurrent use; impersonation travels in each call's context.
type Client struct {
	conn       *grpc.ClientConn
	Orgs       identityv1.OrgServiceClient
	Tenants    identityv1.TenantServiceClient
	Users      identityv1.UserServiceClient
	AccessKeys identityv1.AccessKeyServiceClient
	Audit      identityv1.AuditServiceClient
}

// Dial connects to endpoint with accessKey; "" takes IDENTITY_ENDPOINT (else
// DefaultEndpoint) and IDENTITY_ACCESS_KEY. Without options the connection is
// plaintext (grpc.WithInsecure); pass grpc.WithTransportCredentials for TLS.
// Connecting is lazy: an unreachable server shows as UNAVAILABLE on a call.
func Dial(endpoint, accessKey string, options ...grpc.DialOption) (*Client, error) {
	if endpoint == "" {
		endpoint = os.Getenv("IDENTITY_ENDPOINT")
	}
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	if accessKey == "" {
		accessKey = os.Getenv("IDENTITY_ACCESS_KEY")
	}
	if accessKey == "" {
		return nil, errors.New("identity: no access key: pass one or set IDENTITY_ACCESS_KEY")
	}
	if len(options) == 0 {
		options = []grpc.DialOption{grpc.WithInsecure()}
	}
	options = append(options,
		grpc.WithPerRPCCredentials(accessKeyCredentials{accessKey: accessKey}),
		grpc.WithChainUnaryInterceptor(impersonationInterceptor))
	conn, err := grpc.Dial(endpoint, options...)
	if err != nil {
		return nil, err
	}
	return &Client{
		conn:       conn,
		Orgs:       identityv1.NewOrgServiceClient(conn),
		Tenants:    identityv1.NewTenantServiceClient(conn),
		Users:      identityv1.NewUserServiceClient(conn),
		AccessKeys: identityv1.NewAccessKeyServiceClient(conn),
		Audit:      identityv1.NewAuditServiceClient(conn),
	}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }
