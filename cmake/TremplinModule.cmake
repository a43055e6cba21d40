# tremplin_module(NAME DEPS ...): a static library from src/NAME/*.cc, with its unit tests
# (src/NAME/*_test.cc) in one GoogleTest binary labelled `unit`.
include(GoogleTest)

function(tremplin_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*_test.cc)
  list(REMOVE_ITEM sources ${tests} ${CMAKE_SOURCE_DIR}/src/app/main.cc)
  if(sources)
    add_library(tremplin_${name} STATIC ${sources})
    set(scope PUBLIC)
  else()  # header-only so far
    add_library(tremplin_${name} INTERFACE)
    set(scope INTERFACE)
  endif()
  target_include_directories(tremplin_${name} ${scope} ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(tremplin_${name} ${scope} ${ARG_DEPS})
  if(tests)
    add_executable(${name}_unit_tests ${tests})
    target_link_libraries(${name}_unit_tests PRIVATE tremplin_${name} GTest::gtest_main GTest::gmock)
    target_include_directories(${name}_unit_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests)
    target_compile_definitions(${name}_unit_tests PRIVATE TREMPLIN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    tremplin_discover_tests(${name}_unit_tests unit)
  endif()
endfunction()

# Registers the GoogleTest cases of TARGET with CTest under LABEL, with TREMPLIN_TEST_ENV as
# their environment. Cases that name PostgreSQL ("…/postgresql", "Postgresql…") also get the
# label `pg` and the server of the "postgres" fixture. Cases that name several nodes
# ("Multinode…") get the label `multinode`: each starts and stops a PostgreSQL cluster of its
# own (it restarts it), two servers and nginx, so they run alone (RUN_SERIAL: their timings
# mean something) with a timeout. Cases whose suite name starts with "Security" (e.g.
# SecurityAccounts.*) also get the label `security`, so `ctest -L security` runs every check of
# sign-in, sessions, CSRF and escaping at once; those whose suite name starts with "Durability"
# (crash and shutdown tests) get the label `durability`. (gtest_discover_tests would split a list-valued
# ENVIRONMENT into separate arguments, so these properties are set by an include file once the
# tests are known.)
function(tremplin_discover_tests target label)
  gtest_discover_tests(${target} PROPERTIES LABELS ${label} DISCOVERY_TIMEOUT 60)
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/${target}_env.cmake
       CONTENT "set_tests_properties(\${${target}_TESTS} PROPERTIES ENVIRONMENT [==[${TREMPLIN_TEST_ENV}]==])
foreach(test IN LISTS ${target}_TESTS)
  set(labels \"${label}\")
  if(test MATCHES \"^Security\")
    string(APPEND labels \";security\")
  endif()
  if(test MATCHES \"^Durability\")
    string(APPEND labels \";durability\")
  endif()
  if(test MATCHES \"[Pp]ostgresql\")
    set_tests_properties(\${test} PROPERTIES LABELS \"\${labels};pg\" FIXTURES_REQUIRED postgres)
  elseif(test MATCHES \"[Mm]ultinode\")
    set_tests_properties(\${test} PROPERTIES LABELS \"\${labels};multinode\" RUN_SERIAL TRUE TIMEOUT 120)
  else()
    set_tests_properties(\${test} PROPERTIES LABELS \"\${labels}\")
  endif()
endforeach()
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${CMAKE_BINARY_DIR}/${target}_env.cmake)
endfunction()
