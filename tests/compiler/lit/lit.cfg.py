# lit configuration for memcgpp-compile's tests. lit.site.cfg.py (written by
# CMake) sets the paths and then loads this file.
import sys

import lit.formats

config.name = "memcgpp-compile"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.test_source_root = config.memcgpp_test_source_root
config.test_exec_root = config.memcgpp_test_exec_root
config.excludes = ["Inputs"]

config.substitutions.append(("%memcgpp-compile", config.memcgpp_compile))
config.substitutions.append(("%inputs", config.memcgpp_test_source_root + "/Inputs"))
# Reads `bpftool -j btf dump file OBJ` and prints its functions as C prototypes.
config.substitutions.append(
    ("%btf-protos", sys.executable + " " + config.memcgpp_test_source_root + "/Inputs/btf_protos.py"))
config.environment["PATH"] = config.llvm_tools_dir + ":" + config.environment.get("PATH", "")
