# Writes OUTPUT, a header defining IDENTITY_COMMIT as the checkout's commit
# ("unknown" outside a git checkout), rewriting it only when the commit
# changed, so that only a new commit rebuilds what includes it.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -P write_commit_header.cmake
execute_process(
  COMMAND git -C ${SOURCE_DIR} rev-parse --short=12 HEAD
  OUTPUT_VARIABLE commit
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET
  RESULT_VARIABLE failed)
if(failed OR commit STREQUAL "")
  set(commit unknown)
endif()
set(text "#define IDENTITY_COMMIT \"${commit}\"\n")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUTPUT} "${text}")
endif()
