// BPF helper calls, declared for C++: libbpf's bpf_helpers.h is C only. A
// helper is a call to a fixed number, which clang lowers to `call N`.
#pragma once

#include <cstdint>

#include "../config.hpp"

namespace memcgpp::bpf {

// The helper numbers of enum bpf_func_id (include/uapi/linux/bpf.h).
enum class helper_id : long {
  map_lookup_elem = 1,
  map_update_elem = 2,
  map_delete_elem = 3,
  ktime_get_ns = 5,
  trace_printk = 6,
  get_prandom_u32 = 7,
  get_smp_processor_id = 8,
  probe_read_kernel_str = 115,
  ringbuf_output = 130,
  trace_vprintk = 177,
};

template <class Signature> MEMCGPP_INLINE Signature* helper(helper_id id) {
  return reinterpret_cast<Signature*>(static_cast<long>(id));
}

MEMCGPP_INLINE void* map_lookup_elem(const void* map, const void* key) {
  return helper<void*(const void*, const void*)>(helper_id::map_lookup_elem)(map, key);
}
MEMCGPP_INLINE long map_update_elem(const void* map, const void* key, const void* value,
                                    std::uint64_t flags) {
  return helper<long(const void*, const void*, const void*, std::uint64_t)>(
      helper_id::map_update_elem)(map, key, value, flags);
}
MEMCGPP_INLINE long map_delete_elem(const void* map, const void* key) {
  return helper<long(const void*, const void*)>(helper_id::map_delete_elem)(map, key);
}
MEMCGPP_INLINE std::uint64_t ktime_get_ns() {
  return helper<std::uint64_t()>(helper_id::ktime_get_ns)();
}
MEMCGPP_INLINE std::uint32_t get_prandom_u32() {
  return helper<std::uint32_t()>(helper_id::get_prandom_u32)();
}
MEMCGPP_INLINE std::uint32_t get_smp_processor_id() {
  return helper<std::uint32_t()>(helper_id::get_smp_processor_id)();
}
MEMCGPP_INLINE long probe_read_kernel_str(void* dst, std::uint32_t size, const void* src) {
  return helper<long(void*, std::uint32_t, const void*)>(helper_id::probe_read_kernel_str)(
      dst, size, src);
}
MEMCGPP_INLINE long ringbuf_output(const void* ringbuf, const void* data, std::uint64_t size,
                                   std::uint64_t flags) {
  return helper<long(const void*, const void*, std::uint64_t, std::uint64_t)>(
      helper_id::ringbuf_output)(ringbuf, data, size, flags);
}

} // namespace memcgpp::bpf
