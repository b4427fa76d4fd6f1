import CBLAS

/// The thread count of OpenBLAS, which runs every GEMM and GEMV of the neural core: the
/// counterpart of `torch.set_num_threads` in the reference scripts.
enum BLASThreads {
    /// The number of threads OpenBLAS uses from now on.
    static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }

    /// The kernel family OpenBLAS picked for this CPU (`Cooperlake`, `Haswell`, …).
    static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's build configuration line (version, threading, dynamic architecture).
    static var configuration: String { String(cString: openblas_get_config()) }
}
