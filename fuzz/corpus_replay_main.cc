// Replays fuzz inputs without libFuzzer: feeds every file named on the
// command line, or found in a directory named there, to the target's
// LLVMFuzzerTestOneInput. Built with the normal compiler and run by ctest,
// so the seed corpus (and every crash once found and added to it) is a
// regression test on every build:
//
//   page_token_fuzzer_replay fuzz/corpus/page_token_fuzzer
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void Replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()),
                         bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  int replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      for (const auto& file : files) Replay(file);
      replayed += static_cast<int>(files.size());
    } else {
      Replay(path);
      ++replayed;
    }
  }
  std::printf("replayed %d inputs\n", replayed);
  // An empty corpus proves nothing: a typo in a path must fail the test.
  return replayed > 0 ? 0 : 1;
}
