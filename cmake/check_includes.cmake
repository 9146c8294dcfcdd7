# Fails when a file of a layer includes a header outside what the layer may
# use (dependencies point one way). Run by identity_layer() at
# build time, so a forbidden include is a build error.
#
#   cmake -DLAYER=service/auth "-DFILES=a.cc;a.h" "-DALLOW=absl/;storage/"
#         "-DFORBID=^storage/postgres/" "-DTEST_ALLOW=gtest/;gmock/"
#         -DSTAMP=out.stamp -P check_includes.cmake
#
# Angle-bracket includes without a slash (<string>, <unistd.h>) are the C and
# C++ standard libraries and always allowed; every other include must start
# with one of ALLOW (test-only files, *_test.cc, *_matchers.h and
# *_fixture.h: ALLOW or TEST_ALLOW) and match
# none of the regular expressions FORBID.
set(violations "")
foreach(file IN LISTS FILES)
  set(allowed ${ALLOW})
  if(file MATCHES "(_test\\.cc|_matchers\\.h|_fixture\\.h)$")
    list(APPEND allowed ${TEST_ALLOW})
  endif()
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*([<\"])([^>\"]+)[>\"].*$"
      "\\1;\\2" parsed "${line}")
    list(GET parsed 0 bracket)
    list(GET parsed 1 header)
    if(bracket STREQUAL "<")
      set(include "<${header}>")
    else()
      set(include "\"${header}\"")
    endif()
    if(bracket STREQUAL "<" AND NOT header MATCHES "/")
      continue()
    endif()
    set(ok FALSE)
    foreach(pattern IN LISTS FORBID)
      if(header MATCHES "${pattern}")
        string(APPEND violations "\n  ${file}: #include ${include}")
        set(pattern FORBIDDEN)
        break()
      endif()
    endforeach()
    if(pattern STREQUAL FORBIDDEN)
      continue()
    endif()
    foreach(prefix IN LISTS allowed)
      string(FIND "${header}" "${prefix}" at)
      if(at EQUAL 0)
        set(ok TRUE)
        break()
      endif()
    endforeach()
    if(NOT ok)
      string(APPEND violations "\n  ${file}: #include ${include}")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "Layer ${LAYER} may include only headers under "
    "${ALLOW} (never ${FORBID}); these includes cross a forbidden arrow "
    "(see docs/architecture.md):${violations}")
endif()
file(TOUCH "${STAMP}")
