# embed_files(TARGET ROOT FILES...): a static library holding FILES as byte arrays, found at run
# time by their path relative to ROOT through core/embedded_files.h.
function(embed_files target root)
  set(out ${CMAKE_BINARY_DIR}/${target}.cc)
  set(list_file ${CMAKE_BINARY_DIR}/${target}.files)
  string(REPLACE ";" "\n" lines "${ARGN}")
  file(WRITE ${list_file}.tmp "${lines}\n")
  file(COPY_FILE ${list_file}.tmp ${list_file} ONLY_IF_DIFFERENT)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DROOT=${root} -DLIST=${list_file} -DOUT=${out}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARGN} ${list_file} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${target}")
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
