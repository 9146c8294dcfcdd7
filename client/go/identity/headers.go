package identity

// The request headers of the identity service (DESIGN.md §3).
const (
	authorizationHeader   = "authorization"
	impersonateUserHeader = "x-impersonate-user"
)
