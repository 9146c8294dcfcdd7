// AuditService: the trail of every change and every refused impersonation.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  AuditService,
  type AuditEvent,
  type ListAuditEventsResponse,
} from "./gen/identity/v1/audit_service_pb.js";
import type { CallInvoker } from "./call_invoker.js";
import { iteratePages } from "./paging.js";

export interface ListAuditEventsOptions {
  /** Default: the caller's org; "*" for every org (super admins). */
  lookupOrgId?: string;
  startTime?: Date;
  endTime?: Date;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  pageSize?: number;
  pageToken?: string;
}

export class Audit {
  private readonly stub: Client<typeof AuditService>;

  constructor(transport: Transport, private readonly invoker: CallInvoker) {
    this.stub = createClient(AuditService, transport);
  }

  /** One page of events, newest first. */
  listAuditEvents({ startTime, endTime, ...rest }: ListAuditEventsOptions = {}): Promise<ListAuditEventsResponse> {
    const request = {
      ...rest,
      startTime: startTime && timestampFromDate(startTime),
      endTime: endTime && timestampFromDate(endTime),
    };
    return this.invoker.call((o) => this.stub.listAuditEvents(request, o));
  }

  iterAuditEvents(options: Omit<ListAuditEventsOptions, "pageToken"> = {}): AsyncGenerator<AuditEvent> {
    return iteratePages(
      (pageToken) => this.listAuditEvents({ ...options, pageToken }),
      (page) => page.events,
    );
  }
}
