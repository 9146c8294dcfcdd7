#include "metrics/process_metrics.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace identity {
namespace {

prometheus::MetricFamily Family(const char* name, const char* help,
                                prometheus::MetricType type, double value) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(metric);
  return family;
}

std::string ReadAll(const char* path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The boot time in Unix seconds, from the "btime" line of /proc/stat.
double BootTime() {
  std::istringstream stat(ReadAll("/proc/stat"));
  std::string line;
  while (std::getline(stat, line)) {
    double seconds = 0;
    if (line.rfind("btime ", 0) == 0 &&
        absl::SimpleAtod(line.substr(6), &seconds)) {
      return seconds;
    }
  }
  return 0;
}

double OpenFileDescriptors() {
  std::error_code error;
  double count = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator();
       it.increment(error)) {
    ++count;
  }
  return count;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessMetrics::Collect() const {
  // /proc/self/stat: the command name may hold spaces, so the fields are
  // counted from after its closing parenthesis (field 3 onwards).
  const std::string stat = ReadAll("/proc/self/stat");
  const size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return {};
  const std::vector<std::string> fields =
      absl::StrSplit(stat.substr(name_end + 2), ' ', absl::SkipEmpty());
  // fields[i] is field i + 3 of proc(5).
  constexpr size_t kUserTime = 14 - 3, kSystemTime = 15 - 3,
                   kStartTime = 22 - 3, kVirtualSize = 23 - 3,
                   kResidentPages = 24 - 3;
  if (fields.size() <= kResidentPages) return {};
  const auto field = [&fields](size_t index) {
    double value = 0;
    return absl::SimpleAtod(fields[index], &value) ? value : 0.0;
  };
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  return {
      Family("process_cpu_seconds_total",
             "User and system CPU time spent in seconds.",
             prometheus::MetricType::Counter,
             (field(kUserTime) + field(kSystemTime)) / ticks),
      Family("process_resident_memory_bytes", "Resident memory size in bytes.",
             prometheus::MetricType::Gauge, field(kResidentPages) * page),
      Family("process_virtual_memory_bytes", "Virtual memory size in bytes.",
             prometheus::MetricType::Gauge, field(kVirtualSize)),
      Family("process_open_fds", "Number of open file descriptors.",
             prometheus::MetricType::Gauge, OpenFileDescriptors()),
      Family("process_start_time_seconds",
             "Start time of the process since unix epoch in seconds.",
             prometheus::MetricType::Gauge,
             BootTime() + field(kStartTime) / ticks),
  };
}

}  // namespace identity
