#include "tests/e2e/reflection_client.h"

#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace identity::testing {
namespace {

using ::google::protobuf::FileDescriptorProto;
using ::google::protobuf::UnknownField;
using ::google::protobuf::UnknownFieldSet;

constexpr char kMethod[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
// Field numbers of grpc/reflection/v1alpha/reflection.proto.
constexpr int kFileContainingSymbol = 4;    // ServerReflectionRequest
constexpr int kFileDescriptorResponse = 4;  // ServerReflectionResponse
constexpr int kErrorResponse = 7;           // ServerReflectionResponse
constexpr int kFileDescriptorProto = 1;     // FileDescriptorResponse

// The first length-delimited field `number` of `fields`; null if none.
const std::string* LengthDelimited(const UnknownFieldSet& fields, int number) {
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.number() == number &&
        field.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      return &field.length_delimited();
    }
  }
  return nullptr;
}

// Waits for the operation tagged `tag` on `queue`; false when it failed.
bool Await(grpc::CompletionQueue& queue, void* tag) {
  void* got = nullptr;
  bool ok = false;
  return queue.Next(&got, &ok) && got == tag && ok;
}

std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

}  // namespace

// The messages are read and written as bare wire format (UnknownFieldSet):
// no C++ of the reflection protocol is packaged, and generating it here would
// clash with the copy inside libgrpc++_reflection.
absl::StatusOr<FileDescriptorProto> FileContainingSymbol(
    std::shared_ptr<grpc::Channel> channel, const std::string& symbol,
    absl::Duration timeout) {
  UnknownFieldSet request;
  request.AddLengthDelimited(kFileContainingSymbol, symbol);
  std::string request_bytes;
  request.SerializeToString(&request_bytes);
  grpc::Slice request_slice(request_bytes);
  grpc::ByteBuffer request_buffer(&request_slice, 1);

  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::CompletionQueue queue;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kMethod, &queue);
  // One operation in flight at a time, each awaited before the next.
  int start, write, read, writes_done, finish;
  grpc::ByteBuffer answer;
  call->StartCall(&start);
  bool exchanged = Await(queue, &start);
  if (exchanged) {
    call->Write(request_buffer, &write);
    exchanged = Await(queue, &write);
  }
  if (exchanged) {
    call->Read(&answer, &read);
    exchanged = Await(queue, &read);
  }
  call->WritesDone(&writes_done);
  Await(queue, &writes_done);
  grpc::Status status;
  call->Finish(&status, &finish);
  Await(queue, &finish);
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }

  UnknownFieldSet response;
  if (!exchanged || !response.ParseFromString(Flatten(answer))) {
    return absl::InternalError("no reflection response");
  }
  if (LengthDelimited(response, kErrorResponse) != nullptr) {
    return absl::NotFoundError(
        absl::StrCat("the server cannot describe ", symbol));
  }
  const std::string* files = LengthDelimited(response, kFileDescriptorResponse);
  UnknownFieldSet file_list;
  if (files == nullptr || !file_list.ParseFromString(*files)) {
    return absl::InternalError("no file_descriptor_response");
  }
  // The first file defines the symbol; the rest are its dependencies.
  const std::string* first = LengthDelimited(file_list, kFileDescriptorProto);
  FileDescriptorProto file;
  if (first == nullptr || !file.ParseFromString(*first)) {
    return absl::InternalError("no readable file_descriptor_proto");
  }
  return file;
}

}  // namespace identity::testing
