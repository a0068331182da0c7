# Compiling BPF C against the patched kernel's vmlinux.h, and running tests in
# the VM.

find_program(MEMCGPP_CLANG NAMES clang-19 REQUIRED)
find_program(MEMCGPP_CLANGXX NAMES clang++-19 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBBPF REQUIRED IMPORTED_TARGET libbpf)

# Builds OUTPUT as part of `all`, through the target bpf-objects.
function(memcgpp_build_with_all name output)
  if(NOT TARGET bpf-objects)
    add_custom_target(bpf-objects ALL)
  endif()
  add_custom_target(bpf-${name} DEPENDS ${output})
  add_dependencies(bpf-objects bpf-${name})
endfunction()

# memcgpp_add_bpf_object(NAME SOURCE OUTPUT_DIR [FLAGS...]): builds
# OUTPUT_DIR/NAME.bpf.o against the patched kernel's vmlinux.h, if
# configured, and adds it to the target bpf-objects.
function(memcgpp_add_bpf_object name source output_dir)
  set(output ${output_dir}/${name}.bpf.o)
  set(kernel_headers)
  if(MEMCGPP_KERNEL_DIR)
    set(kernel_headers ${MEMCGPP_KERNEL_DIR}/vmlinux.h)
  endif()
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${MEMCGPP_CLANG} -O2 -g -target bpf -D__TARGET_ARCH_x86
      -I${MEMCGPP_KERNEL_DIR} -Wall -Werror ${ARGN} -c ${source} -o ${output}
    DEPENDS ${source} ${kernel_headers}
    COMMENT "Compiling BPF object ${name}.bpf.o"
    VERBATIM)
  memcgpp_build_with_all(${name} ${output})
endfunction()

# memcgpp_add_sdk_bpf_object(NAME SOURCE OUTPUT_DIR [FLAGS...]): compiles C++
# against the SDK for BPF, as memcgpp-compile does, into OUTPUT_DIR/NAME.bpf.o.
function(memcgpp_add_sdk_bpf_object name source output_dir)
  set(output ${output_dir}/${name}.bpf.o)
  set(sdk ${PROJECT_SOURCE_DIR}/include)
  file(GLOB_RECURSE sdk_headers ${sdk}/memcgpp/*)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${MEMCGPP_CLANGXX} -target bpf -mcpu=v4 -std=c++20 -O2 -g -Wall -Wextra -Werror
      -fno-exceptions -fno-rtti -fno-autolink -isystem ${sdk}/memcgpp/freestanding -I${sdk} ${ARGN}
      -c ${source} -o ${output}
    DEPENDS ${source} ${sdk_headers}
    COMMENT "Compiling C++ BPF object ${name}.bpf.o"
    VERBATIM)
  memcgpp_build_with_all(${name} ${output})
endfunction()

# memcgpp_add_vm_test(NAME SCRIPT script [ARGS args...] [FILES files...]):
# runs `sh SCRIPT ARGS...` in the VM, with SCRIPT, tests/vm/guest_lib.sh and
# FILES copied in at their host paths.
function(memcgpp_add_vm_test name)
  cmake_parse_arguments(PARSE_ARGV 1 vm "" "SCRIPT" "ARGS;FILES")
  set(file_args --file ${vm_SCRIPT} --file ${PROJECT_SOURCE_DIR}/tests/vm/guest_lib.sh)
  foreach(file IN LISTS vm_FILES)
    list(APPEND file_args --file ${file})
  endforeach()
  add_test(NAME ${name}
    COMMAND ${PROJECT_SOURCE_DIR}/kernel/vm/run --timeout 600 ${file_args}
      -- sh ${vm_SCRIPT} ${vm_ARGS})
  # The kernel whose vmlinux.h the BPF objects were built against.
  set_tests_properties(${name} PROPERTIES LABELS vm TIMEOUT 900
    ENVIRONMENT MEMCGPP_KERNEL_DIR=${MEMCGPP_KERNEL_DIR}
    FAIL_REGULAR_EXPRESSION "FAIL:|Kernel panic|BUG:|WARNING:")
endfunction()
