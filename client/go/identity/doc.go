// Package identity is the Go client of the identity service (identity.v1 over
// gRPC): the generated service clients of package identityv1 on one
// connection that carries the caller's key, context-scoped impersonation,
// error details decoded from the status, and paging helpers. Licensed under
// the Apache License 2.0 (LICENSE at the root of the repository).
//
//	client, err := identity.Dial("127.0.0.1:50051", key)
//	ctx = identity.WithImpersonation(ctx, "jack@acme.com")
//	info, err := client.Users.GetUserInfo(ctx, &identityv1.GetUserInfoRequest{})
//	if d := identity.Details(err); d != nil && d.Code == codes.PermissionDenied { ... }
package identity
