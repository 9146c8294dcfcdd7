package identity

import "context"

// accessKeyCredentials sends "authorization: Bearer <key>" on every call.
type accessKeyCredentials struct {
	accessKey string
	// Plaintext is allowed for local servers; a TLS dial option secures it.
	requireTLS bool
}

// GetRequestMetadata implements credentials.PerRPCCredentials.
func (c accessKeyCredentials) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{authorizationHeader: "Bearer " + c.accessKey}, nil
}

// RequireTransportSecurity implements credentials.PerRPCCredentials.
func (c accessKeyCredentials) RequireTransportSecurity() bool { return c.requireTLS }

// String keeps the key out of logs that print the credentials.
func (c accessKeyCredentials) String() string { return "accessKeyCredentials{redacted}" }
