import CPlatform

/// Keeping freed tensor memory in the C heap, so that a training step does not start on fresh pages.
///
/// Tensors' storage comes from malloc. glibc serves large requests with a fresh `mmap` each and
/// returns them to the system when freed, and trims the top of its heap as soon as a little is
/// free, so every step's activations would arrive as new pages: page faults and zero-filling that
/// took about 4% of the CPU time of a DCGAN training step. (`FloatBufferPool` does the same
/// for the LSTM's buffers, whose sizes repeat exactly.)
public enum HeapReuse {
    /// Asks malloc to keep freed memory for reuse; a program that trains or runs models calls
    /// this once at start-up (`belamy` does). The heap then holds on to up to 1 GB it does not use.
    public static func keepFreedMemory() {
        // 32 MB is the highest threshold glibc accepts (half its 64 MB heap size on 64-bit);
        // setting it also stops glibc from moving it by itself.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    }
}
