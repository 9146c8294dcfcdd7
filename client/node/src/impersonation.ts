// Which user a client's calls run as. A scope (impersonateUser(id, fn)) lives
// in AsyncLocalStorage: it holds for the async work started inside fn and
// never for calls that other code makes concurrently. The shared setting
// (setImpersonateUser) applies to every call from then on; a scope wins.
import { AsyncLocalStorage } from "node:async_hooks";

export class ImpersonationState {
  private readonly scoped = new AsyncLocalStorage<string>();
  private shared: string | undefined;

  setShared(userId: string | undefined): void {
    this.shared = userId || undefined;
  }

  async scope<T>(userId: string, body: () => Promise<T> | T): Promise<T> {
    if (!userId) throw new TypeError("impersonateUser needs a user id");
    return this.scoped.run(userId, body);
  }

  /** The user the next call from this async context runs as, if any. */
  current(): string | undefined {
    return this.scoped.getStore() ?? this.shared;
  }
}
