// The request headers of the identity service, in one place.
export const AUTHORIZATION = "authorization";
export const IMPERSONATE_USER = "x-impersonate-user";

export function bearer(accessKey: string): string {
  return `Bearer ${accessKey}`;
}
