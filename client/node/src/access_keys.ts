// AccessKeyService: the API keys every call carries.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  AccessKeyService,
  type ListAccessKeysResponse,
} from "./gen/identity/v1/access_key_service_pb.js";
import type { AccessKey } from "./gen/identity/v1/resources_pb.js";
import type { CallInvoker } from "./call_invoker.js";
import { iteratePages } from "./paging.js";

export interface CreateAccessKeyOptions {
  name: string;
  description?: string;
  /** Unset: the key never expires. */
  expireTime?: Date;
  /** Default: the caller. */
  userId?: string;
}

export interface ListAccessKeysOptions {
  /** Default: the caller. */
  userId?: string;
  pageSize?: number;
  pageToken?: string;
}

export interface RotateAccessKeyOptions {
  name: string;
  /** Default: the caller. */
  userId?: string;
  /**
   * How long the old secret keeps working, in milliseconds. Unset: the
   * server's default (24 hours); 0: it stops at once; at most 30 days.
   */
  gracePeriodMs?: number;
}

export class AccessKeys {
  private readonly stub: Client<typeof AccessKeyService>;

  constructor(transport: Transport, private readonly invoker: CallInvoker) {
    this.stub = createClient(AccessKeyService, transport);
  }

  /** The result's accessKey is the secret: shown here, and never again. */
  createAccessKey({ expireTime, ...rest }: CreateAccessKeyOptions): Promise<AccessKey> {
    return this.invoker.call((o) =>
      this.stub.createAccessKey(
        { ...rest, expireTime: expireTime && timestampFromDate(expireTime) },
        o,
      ),
    );
  }

  /** One page of keys, without secrets. */
  listAccessKeys(options: ListAccessKeysOptions = {}): Promise<ListAccessKeysResponse> {
    return this.invoker.call((o) => this.stub.listAccessKeys(options, o));
  }

  iterAccessKeys(options: Omit<ListAccessKeysOptions, "pageToken"> = {}): AsyncGenerator<AccessKey> {
    return iteratePages(
      (pageToken) => this.listAccessKeys({ ...options, pageToken }),
      (page) => page.accessKeys,
    );
  }

  /**
   * Gives the key a new secret, in the result's accessKey (shown here, and
   * never again); the old one works until previousExpireTime. NOT_FOUND when
   * the key does not exist; INVALID_ARGUMENT for a negative or too long
   * grace period.
   */
  rotateAccessKey({ gracePeriodMs, ...rest }: RotateAccessKeyOptions): Promise<AccessKey> {
    const gracePeriod =
      gracePeriodMs === undefined
        ? undefined
        : {
            seconds: BigInt(Math.trunc(gracePeriodMs / 1000)),
            nanos: Math.trunc((gracePeriodMs % 1000) * 1e6),
          };
    return this.invoker.call((o) => this.stub.rotateAccessKey({ ...rest, gracePeriod }, o));
  }

  /** All or nothing: NOT_FOUND, and nothing deleted, if a name is unknown. */
  async deleteAccessKey(names: string | string[], userId?: string): Promise<void> {
    const list = typeof names === "string" ? [names] : names;
    await this.invoker.call((o) => this.stub.deleteAccessKeys({ names: list, userId }, o));
  }
}
