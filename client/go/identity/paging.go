package identity

import (
	"context"

	"google.golang.org/protobuf/proto"

	"identity/client/go/identityv1"
)

// forEachPage calls fetch with each page token in turn, starting from "", and
// stops after the page that returns an empty next token or on an error.
func forEachPage(fetch func(pageToken string) (nextPageToken string, err error)) error {
	token := ""
	for {
		next, err := fetch(token)
		if err != nil || next == "" {
			return err
		}
		token = next
	}
}

// ForEachOrg calls visit with every org of every page of ListOrgs(request).
func (c *Client) ForEachOrg(ctx context.Context, request *identityv1.ListOrgsRequest,
	visit func(*identityv1.Org) error) error {
	// A copy: the caller's request keeps its page token.
	page := proto.Clone(request).(*identityv1.ListOrgsRequest)
	return forEachPage(func(token string) (string, error) {
		page.PageToken = token
		response, err := c.Orgs.ListOrgs(ctx, page)
		return visitAll(response.GetOrgs(), response.GetNextPageToken(), err, visit)
	})
}

// ForEachTenant calls visit with every tenant of ListTenants(request).
func (c *Client) ForEachTenant(ctx context.Context, request *identityv1.ListTenantsRequest,
	visit func(*identityv1.Tenant) error) error {
	// A copy: the caller's request keeps its page token.
	page := proto.Clone(request).(*identityv1.ListTenantsRequest)
	return forEachPage(func(token string) (string, error) {
		page.PageToken = token
		response, err := c.Tenants.ListTenants(ctx, page)
		return visitAll(response.GetTenants(), response.GetNextPageToken(), err, visit)
	})
}

// ForEachUser calls visit with every user of ListUsers(request).
func (c *Client) ForEachUser(ctx context.Context, request *identityv1.ListUsersRequest,
	visit func(*identityv1.User) error) error {
	// A copy: the caller's request keeps its page token.
	page := proto.Clone(request).(*identityv1.ListUsersRequest)
	return forEachPage(func(token string) (string, error) {
		page.PageToken = token
		response, err := c.Users.ListUsers(ctx, page)
		return visitAll(response.GetUsers(), response.GetNextPageToken(), err, visit)
	})
}

// ForEachAccessKey calls visit with every key of ListAccessKeys(request).
func (c *Client) ForEachAccessKey(ctx context.Context, request *identityv1.ListAccessKeysRequest,
	visit func(*identityv1.AccessKey) error) error {
	// A copy: the caller's request keeps its page token.
	page := proto.Clone(request).(*identityv1.ListAccessKeysRequest)
	return forEachPage(func(token string) (string, error) {
		page.PageToken = token
		response, err := c.AccessKeys.ListAccessKeys(ctx, page)
		return visitAll(response.GetAccessKeys(), response.GetNextPageToken(), err, visit)
	})
}

// visitAll passes a fetched page's items to visit; the first error wins.
func visitAll[T any](items []T, next string, err error, visit func(T) error) (string, error) {
	if err != nil {
		return "", err
	}
	for _, item := range items {
		if err := visit(item); err != nil {
			return "", err
		}
	}
	return next, nil
}
