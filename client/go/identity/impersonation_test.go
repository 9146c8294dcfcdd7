package identity

import (
	"context"
	"reflect"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// headersSent runs the interceptor with ctx and returns the outgoing
// x-impersonate-user values the invoker saw.
func headersSent(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var sent []string
	invoker := func(ctx context.Context, _ string, _, _ interface{}, _ *grpc.ClientConn,
		_ ...grpc.CallOption) error {
		md, _ := metadata.FromOutgoingContext(ctx)
		sent = md.Get(impersonateUserHeader)
		return nil
	}
	if err := impersonationInterceptor(ctx, "/m", nil, nil, nil, invoker); err != nil {
		t.Fatal(err)
	}
	return sent
}

func TestImpersonationTravelsInTheContext(t *testing.T) {
	base := context.Background()
	asJack := WithImpersonation(base, "jack")

	if got := headersSent(t, asJack); !reflect.DeepEqual(got, []string{"jack"}) {
		t.Errorf("with impersonation: sent %v", got)
	}
	if got := headersSent(t, base); len(got) != 0 {
		t.Errorf("parent context: sent %v, want nothing", got)
	}
	if got := headersSent(t, WithImpersonation(asJack, "")); len(got) != 0 {
		t.Errorf("cleared: sent %v, want nothing", got)
	}
	if got := headersSent(t, WithImpersonation(asJack, "kim")); !reflect.DeepEqual(got, []string{"kim"}) {
		t.Errorf("nested: sent %v, want [kim]", got)
	}
}
