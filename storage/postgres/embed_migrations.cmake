# Writes OUTPUT, a C++ source defining EmbeddedMigrations() from the numbered
# SQL files listed in INPUTS (a ;-separated list), so that the server carries
# its schema inside the binary. Run as: cmake -DOUTPUT=... -DINPUTS=... -P
# embed_migrations.cmake
cmake_minimum_required(VERSION 3.25)
set(delimiter "identity_sql")
set(entries "")
set(seen_versions "")
list(SORT INPUTS)
foreach(input IN LISTS INPUTS)
  get_filename_component(file_name "${input}" NAME_WE)
  if(NOT file_name MATCHES "^([0-9]+)_[a-z0-9_]+$")
    message(FATAL_ERROR "migration ${input}: name must be NNNN_words.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  if(version IN_LIST seen_versions)
    message(FATAL_ERROR "migration ${input}: version ${version} is taken")
  endif()
  list(APPEND seen_versions ${version})
  file(READ "${input}" sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${input} contains the literal delimiter")
  endif()
  string(APPEND entries
    "      {${version}, \"${file_name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
endforeach()

set(content "// Generated from storage/postgres/migrations/*.sql; do not edit.
#include \"storage/postgres/migrations.h\"

namespace identity::postgres {

const std::vector<Migration>& EmbeddedMigrations() {
  static const auto* const kMigrations = new std::vector<Migration>{
${entries}  };
  return *kMigrations;
}

}  // namespace identity::postgres
")

file(WRITE "${OUTPUT}" "${content}")
