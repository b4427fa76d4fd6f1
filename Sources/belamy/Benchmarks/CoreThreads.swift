import CBLAS
import NeuralCore

/// The thread count of the neural core, which runs every GEMM and GEMV (OpenBLAS kernels, one
/// block per thread) and the kernels between them: the counterpart of `torch.set_num_threads`
/// in the reference scripts.
enum CoreThreads {
    /// The number of threads the core uses from now on.
    static var count: Int {
        get { Parallel.threadCount }
        set { Parallel.threadCount = newValue }
    }

    /// The kernel family OpenBLAS picked for this CPU (`Cooperlake`, `Haswell`, …).
    static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's build configuration line (version, threading, dynamic architecture).
    static var configuration: String { String(cString: openblas_get_config()) }
}
