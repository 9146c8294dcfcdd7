// The errors a call throws: one class per gRPC status code, all derived from
// IdentityError, carrying the google.rpc.ErrorInfo and BadRequest details
// that the server sends in grpc-status-details-bin (Connect parses that
// trailer into ConnectError.details).
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "./gen/google/rpc/error_details_pb.js";

export { Code };

export interface FieldViolation {
  field: string;
  description: string;
}

export class IdentityError extends Error {
  readonly code: Code;
  /** The status code as gRPC spells it, e.g. "PERMISSION_DENIED". */
  readonly codeName: string;
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Record<string, string>;
  readonly fieldViolations: FieldViolation[];

  constructor(code: Code, message: string, details: Partial<ErrorDetails> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.codeName = codeName(code);
    this.reason = details.reason ?? "";
    this.domain = details.domain ?? "";
    this.metadata = details.metadata ?? {};
    this.fieldViolations = details.fieldViolations ?? [];
  }
}

interface ErrorDetails {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
  fieldViolations: FieldViolation[];
}

export class CanceledError extends IdentityError {}
export class UnknownError extends IdentityError {}
export class InvalidArgumentError extends IdentityError {}
export class DeadlineExceededError extends IdentityError {}
export class NotFoundError extends IdentityError {}
export class AlreadyExistsError extends IdentityError {}
export class PermissionDeniedError extends IdentityError {}
export class ResourceExhaustedError extends IdentityError {}
export class FailedPreconditionError extends IdentityError {}
export class AbortedError extends IdentityError {}
export class OutOfRangeError extends IdentityError {}
export class UnimplementedError extends IdentityError {}
export class InternalError extends IdentityError {}
export class UnavailableError extends IdentityError {}
export class DataLossError extends IdentityError {}
export class UnauthenticatedError extends IdentityError {}

export const errorClasses: Record<Code, typeof IdentityError> = {
  [Code.Canceled]: CanceledError,
  [Code.Unknown]: UnknownError,
  [Code.InvalidArgument]: InvalidArgumentError,
  [Code.DeadlineExceeded]: DeadlineExceededError,
  [Code.NotFound]: NotFoundError,
  [Code.AlreadyExists]: AlreadyExistsError,
  [Code.PermissionDenied]: PermissionDeniedError,
  [Code.ResourceExhausted]: ResourceExhaustedError,
  [Code.FailedPrecondition]: FailedPreconditionError,
  [Code.Aborted]: AbortedError,
  [Code.OutOfRange]: OutOfRangeError,
  [Code.Unimplemented]: UnimplementedError,
  [Code.Internal]: InternalError,
  [Code.Unavailable]: UnavailableError,
  [Code.DataLoss]: DataLossError,
  [Code.Unauthenticated]: UnauthenticatedError,
};

/** The IdentityError for anything a call threw. */
export function toIdentityError(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  const connectError = ConnectError.from(error);
  const details: Partial<ErrorDetails> = {};
  const [info] = connectError.findDetails(ErrorInfoSchema);
  if (info) {
    details.reason = info.reason;
    details.domain = info.domain;
    details.metadata = { ...info.metadata };
  }
  details.fieldViolations = connectError
    .findDetails(BadRequestSchema)
    .flatMap((badRequest) => badRequest.fieldViolations)
    .map(({ field, description }) => ({ field, description }));
  const ErrorClass = errorClasses[connectError.code] ?? IdentityError;
  return new ErrorClass(connectError.code, connectError.rawMessage, details);
}

function codeName(code: Code): string {
  return (Code[code] ?? "UNKNOWN").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}
