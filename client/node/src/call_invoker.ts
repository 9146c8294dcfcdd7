// Sends one unary call with the key, the impersonated user and a deadline,
// and turns a failure into an IdentityError.
import type { CallOptions } from "@connectrpc/connect";
import { AUTHORIZATION, IMPERSONATE_USER, bearer } from "./headers.js";
import { toIdentityError } from "./errors.js";

export class CallInvoker {
  constructor(
    private readonly accessKey: string,
    private readonly timeoutMs: number,
    /** Who the call runs as, asked at the moment of the call. */
    private readonly impersonatedUser: () => string | undefined,
  ) {}

  async call<Response>(send: (options: CallOptions) => Promise<Response>): Promise<Response> {
    const headers = new Headers();
    if (this.accessKey) headers.set(AUTHORIZATION, bearer(this.accessKey));
    const userId = this.impersonatedUser();
    if (userId) headers.set(IMPERSONATE_USER, userId);
    try {
      return await send({ headers, timeoutMs: this.timeoutMs });
    } catch (error) {
      throw toIdentityError(error);
    }
  }
}
