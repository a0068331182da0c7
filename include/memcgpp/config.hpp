// Which backend a policy is compiled for, and the attributes both share.
#pragma once

#if defined(__bpf__)
#define MEMCGPP_BPF 1
#define MEMCGPP_HOST 0
#else
#define MEMCGPP_BPF 0
#define MEMCGPP_HOST 1
#endif

// Everything the SDK offers a policy is inlined into the hook: BPF programs
// get no calls they do not need, and C++ member functions never reach BTF.
#if MEMCGPP_BPF
#define MEMCGPP_INLINE [[gnu::always_inline]] inline
#else
#define MEMCGPP_INLINE inline
#endif
