package identity

// The request headers of the identity service.
const (
	authorizationHeader   = "authorization"
	impersonateUserHeader = "x-impersonate-user"
)
