# memcgpp_add_policy(NAME SOURCE): compiles a policy with memcgpp-compile into
# NAME.bpf.o and the skeleton NAME.skel.hpp in the build directory, and makes
# an interface target NAME_skeleton whose users can #include "NAME.skel.hpp".
function(memcgpp_add_policy name source)
  if(TARGET memcgpp::compile)
    set(compiler memcgpp::compile)
  else()
    set(compiler memcgpp-compile)
  endif()
  get_filename_component(source ${source} ABSOLUTE)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.policy)
  add_custom_command(OUTPUT ${dir}/${name}.bpf.o ${dir}/${name}.skel.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${compiler} ${source} -o ${dir}/${name}.bpf.o --skeleton ${dir}/${name}.skel.hpp
    DEPENDS ${source} ${compiler}
    COMMENT "memcgpp-compile ${name}"
    VERBATIM)
  add_custom_target(${name}_policy DEPENDS ${dir}/${name}.skel.hpp)
  add_library(${name}_skeleton INTERFACE)
  target_include_directories(${name}_skeleton INTERFACE ${dir})
  add_dependencies(${name}_skeleton ${name}_policy)
endfunction()
