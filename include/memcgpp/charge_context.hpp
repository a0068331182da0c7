// memcgpp::charge_context, the charge hook's context, from the backend in use.
#pragma once

#include "config.hpp"

#if MEMCGPP_BPF
#include "bpf/charge_context.hpp"
#else
#include "host/charge_context.hpp"
#endif
