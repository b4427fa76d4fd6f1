// What Swift's Glibc module does not import: glibc's allocator tuning (mallopt), and the
// processor's hint that a thread is spinning while it waits.
#include <malloc.h>

// Tells the processor that this is a spin-wait loop: it then lends the core's resources to the
// other hardware thread and does not flood the memory system with loads of the flag.
static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
