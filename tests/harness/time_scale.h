// The one knob for how long tests wait on things that take time. Sanitizer
// builds run several times slower than a plain one, so .ci/run's asan and
// tsan lanes set IDENTITY_TEST_TIME_SCALE (a factor, e.g. 4) and every time
// bound a test asserts or waits for goes through Scaled(); on a plain build
// (the variable unset) bounds are as written.
//
//   const absl::Duration kPropagationBound =
//       testing::Scaled(absl::Milliseconds(100));
#ifndef IDENTITY_TESTS_HARNESS_TIME_SCALE_H_
#define IDENTITY_TESTS_HARNESS_TIME_SCALE_H_

#include <cstdlib>

#include "absl/time/time.h"

namespace identity::testing {

// IDENTITY_TEST_TIME_SCALE as a factor of at least 1; 1 when unset or not a
// number.
inline double TimeScale() {
  const char* scale = std::getenv("IDENTITY_TEST_TIME_SCALE");
  const double factor = scale == nullptr ? 1 : std::atof(scale);
  return factor > 1 ? factor : 1;
}

// `bound` stretched by TimeScale().
inline absl::Duration Scaled(absl::Duration bound) {
  return bound * TimeScale();
}

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_TIME_SCALE_H_
