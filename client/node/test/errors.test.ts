// Parsing grpc-status-details-bin into IdentityError, through the same
// Connect code that reads a real response's trailers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { findTrailerError } from "@connectrpc/connect/protocol-grpc";
import { BadRequestSchema, ErrorInfoSchema } from "../src/gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "../src/gen/google/rpc/status_pb.js";
import {
  IdentityError,
  InvalidArgumentError,
  NotFoundError,
  errorClasses,
  toIdentityError,
} from "../src/errors.js";

function trailers(code: Code, message: string, details?: Uint8Array): Headers {
  const headers = new Headers({ "grpc-status": String(code), "grpc-message": encodeURIComponent(message) });
  if (details) headers.set("grpc-status-details-bin", Buffer.from(details).toString("base64"));
  return headers;
}

test("ErrorInfo and BadRequest reach the IdentityError", () => {
  const status = create(StatusSchema, {
    code: Code.InvalidArgument,
    message: "user.id: bad character",
    details: [
      anyPack(ErrorInfoSchema, create(ErrorInfoSchema, {
        reason: "INVALID_FIELD", domain: "identity", metadata: { field: "user.id" },
      })),
      anyPack(BadRequestSchema, create(BadRequestSchema, {
        fieldViolations: [
          { field: "user.id", description: "bad character" },
          { field: "user.name", description: "too long" },
        ],
      })),
    ],
  });
  const connectError = findTrailerError(
    trailers(Code.InvalidArgument, "user.id: bad character", toBinary(StatusSchema, status)),
  );

  const error = toIdentityError(connectError);

  assert.ok(error instanceof InvalidArgumentError);
  assert.equal(error.code, Code.InvalidArgument);
  assert.equal(error.codeName, "INVALID_ARGUMENT");
  assert.equal(error.message, "user.id: bad character");
  assert.deepEqual([error.reason, error.domain, error.metadata], ["INVALID_FIELD", "identity", { field: "user.id" }]);
  assert.deepEqual(error.fieldViolations, [
    { field: "user.id", description: "bad character" },
    { field: "user.name", description: "too long" },
  ]);
});

test("without details the code and message stand", () => {
  const error = toIdentityError(findTrailerError(trailers(Code.NotFound, "no org x")));

  assert.ok(error instanceof NotFoundError);
  assert.deepEqual(
    [error.codeName, error.message, error.reason, error.domain, error.fieldViolations],
    ["NOT_FOUND", "no org x", "", "", []],
  );
});

test("every status code has a class of its own", () => {
  const codes = Object.values(Code).filter((c): c is Code => typeof c === "number");

  const classes = codes.map((code) => toIdentityError(new ConnectError("m", code)).constructor);

  assert.equal(new Set(classes).size, codes.length);
  for (const [i, code] of codes.entries()) {
    assert.equal(classes[i], errorClasses[code]);
    assert.ok(toIdentityError(new ConnectError("m", code)) instanceof IdentityError);
  }
});
