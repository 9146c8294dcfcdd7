# identity_layer(TARGET ALLOW prefix... [FORBID regex...]
#                [TEST_ALLOW prefix...]): makes the include rules of the
# layer in the current folder part of building TARGET. Every *.h and *.cc of
# the folder may include only headers whose path starts with one of ALLOW
# (its tests also TEST_ALLOW) and matches no FORBID; see check_includes.cmake.
function(identity_layer target)
  cmake_parse_arguments(LAYER "" "" "ALLOW;FORBID;TEST_ALLOW" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS
    ${CMAKE_CURRENT_SOURCE_DIR}/*.h ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(RELATIVE_PATH layer ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.layer_checked)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DLAYER=${layer} "-DFILES=${files}"
      "-DALLOW=${LAYER_ALLOW}" "-DFORBID=${LAYER_FORBID}"
      "-DTEST_ALLOW=${LAYER_TEST_ALLOW}"
      -DSTAMP=${stamp} -P ${CMAKE_SOURCE_DIR}/cmake/check_includes.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/check_includes.cmake
    COMMENT "Checking the includes of layer ${layer}"
    VERBATIM)
  add_custom_target(${target}_layer_check DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layer_check)
endfunction()
