// The access keys the data generator loads (bench/generate_data.sql): key
// number i is derived from i alone, so the generator stores only its hash
// and the load generator can still present the secret.
//
//   std::string secret = BenchKeySecret(42);
//   // == 'idk_' || rtrim(translate(encode(sha256('bench-key-42'), 'base64'),
//   //                              '+/', '-_'), '=') in generate_data.sql
#ifndef IDENTITY_BENCH_BENCH_KEYS_H_
#define IDENTITY_BENCH_BENCH_KEYS_H_

#include <cstdint>
#include <string>

namespace identity::bench {

// "idk_" + unpadded base64url of SHA-256("bench-key-<number>"): the shape of
// a real key, but predictable, so never for anything but a benchmark.
std::string BenchKeySecret(int64_t number);

}  // namespace identity::bench

#endif  // IDENTITY_BENCH_BENCH_KEYS_H_
