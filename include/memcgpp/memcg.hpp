// memcgpp::memcg, memcgpp::owned_memcg (a reference on a memcg, released
// when it goes), root_memcg() and memcgpp::kernel_string, from the backend
// in use.
#pragma once

#include "config.hpp"

#if MEMCGPP_BPF
#include "bpf/memcg.hpp"
#else
#include "host/memcg.hpp"
#endif
