// JSON from the database and Structs from clients: any JSON text either
// converts to a Struct or is refused, and a converted Struct turns back into
// JSON that converts to the same Struct. The bytes are also read as a
// serialized Struct, as a client would send it in `variables`.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "service/api/json_struct.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<google::protobuf::Struct> from_json =
      identity::JsonToStruct(bytes);
  if (from_json.ok()) {
    absl::StatusOr<std::string> json =
        identity::StructToJson("variables", *from_json);
    if (json.ok()) {
      absl::StatusOr<google::protobuf::Struct> again =
          identity::JsonToStruct(*json);
      if (!again.ok() || !google::protobuf::util::MessageDifferencer::Equals(
                             *again, *from_json)) {
        std::abort();
      }
    }
  }

  google::protobuf::Struct from_client;
  if (from_client.ParseFromString(bytes)) {
    absl::StatusOr<std::string> json =
        identity::StructToJson("variables", from_client);
    if (!json.ok() && !absl::IsInvalidArgument(json.status())) std::abort();
    if (json.ok() && !identity::JsonToStruct(*json).ok()) std::abort();
  }
  return 0;
}
