package identity

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

type impersonationKey struct{}

// WithImpersonation returns a context whose calls run as userID: they carry
// "x-impersonate-user: userID". The key's user needs usage:impersonation and
// may only impersonate users of its org with no more permissions than its
// own; otherwise calls fail with PERMISSION_DENIED. An empty userID returns a
// context without impersonation.
func WithImpersonation(ctx context.Context, userID string) context.Context {
	return context.WithValue(ctx, impersonationKey{}, userID)
}

// ImpersonatedUser is the user calls with ctx run as, or "" for the key's own.
func ImpersonatedUser(ctx context.Context) string {
	userID, _ := ctx.Value(impersonationKey{}).(string)
	return userID
}

// impersonationInterceptor turns the context's impersonation into the header:
// a context value, unlike a field of Client, cannot leak between goroutines.
func impersonationInterceptor(ctx context.Context, method string, request, reply interface{},
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	if userID := ImpersonatedUser(ctx); userID != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, impersonateUserHeader, userID)
	}
	return invoker(ctx, method, request, reply, conn, opts...)
}
