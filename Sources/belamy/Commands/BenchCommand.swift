import Foundation

/// `belamy bench`: the reference workloads, printing the same JSON keys as the PyTorch scripts.
enum BenchCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "bench", summary: "benchmark the neural core on the reference workloads", usage: "[options] WORKLOAD",
        discussion: """
        WORKLOAD is one of:
          dcgan   DCGAN 64×64: generator forward at batch 1 and 64, training step (D + G) at --batch
          charlm  char-level LSTM LM (Embedding → 2×LSTM(512) → Linear(V)): training and batch-1 sampling tokens/s
          melody  melody LSTM (130 one-hot events → 2×LSTM(256) → Linear): the same two measurements
          sgemm   GFLOP/s of the core's gemm (OpenBLAS) on square matrices, per size and thread count
        The workloads and defaults mirror the PyTorch reference scripts (dcgan_ref.py, charlm_ref.py,
        melody_ref.py, sgemm_peak.c). Readable lines go to stderr; the last line on stdout is one JSON
        record with the reference's keys. Scripts/bench.sh runs PyTorch and belamy side by side.
        """,
        options: [
            .value("threads", "N", "threads for the core's kernels, like torch.set_num_threads (default 2; sgemm: a list, default 1,2)"),
            .value("seed", "N", "random seed for weights and data (default 0)"),
            .value("batch", "N", "training batch size (default: dcgan 64, charlm/melody 32)"),
            .value("steps", "N", "timed training steps (default: dcgan 10, charlm 8, melody 10)"),
            .value("warmup", "N", "untimed warm-up training steps (default: dcgan 3, charlm/melody 2)"),
            .value("nz", "N", "dcgan: latent size (default 100)"),
            .value("ngf", "N", "dcgan: generator features (default 64)"),
            .value("ndf", "N", "dcgan: discriminator features (default 64)"),
            .value("fwd-reps", "N", "dcgan: timed generator forwards at batch 1 (batch 64: max(5, N/4)) (default 20)"),
            .value("vocab", "V", "charlm/melody: vocabulary size (default: charlm 5000, melody 130)"),
            .value("embed", "E", "charlm/melody: embedding size, 0 = one-hot input (default: charlm 256, melody 0)"),
            .value("hidden", "H", "charlm/melody: LSTM hidden size (default: charlm 512, melody 256)"),
            .value("layers", "L", "charlm/melody: LSTM layers (default 2)"),
            .value("seq", "T", "charlm/melody: training sequence length (default: charlm 128, melody 256)"),
            .value("lr", "RATE", "charlm/melody: Adam learning rate (default: charlm 2e-3, melody 1e-3)"),
            .value("clip", "NORM", "charlm/melody: gradient-norm clip, 0 = off (default 0)"),
            .value("sample-len", "N", "charlm/melody: tokens per sampled sequence (default 500)"),
            .value("sample-reps", "N", "charlm/melody: sampled sequences timed (default 3)"),
            .temperature(default: 0.8),
            .flag("cpu-time", "time with the process's CPU clock instead of the wall clock (for a busy host, at --threads 1)"),
            .value("sizes", "N,N,…", "sgemm: matrix sizes (default 256,512,1024,2048)"),
            .value("min-time", "SECONDS", "sgemm: time each size and thread count for at least this long (default 1)"),
        ],
        examples: ["belamy bench dcgan", "belamy bench charlm --vocab 100", "belamy bench melody --threads 1",
                   "belamy bench sgemm --sizes 512 --threads 2", "Scripts/bench.sh   (PyTorch side by side)"],
        takesPositionals: true)

    /// The workloads, each with the options it reads (any other option given is a usage error).
    enum Workload: String, CaseIterable {
        case dcgan, charlm, melody, sgemm

        var options: Set<String> {
            let common: Set<String> = ["threads", "seed", "cpu-time"]
            switch self {
            case .dcgan: return common.union(["batch", "steps", "warmup", "nz", "ngf", "ndf", "fwd-reps"])
            case .charlm, .melody:
                return common.union(["batch", "steps", "warmup", "vocab", "embed", "hidden", "layers", "seq", "lr", "clip",
                                     "sample-len", "sample-reps", "temperature"])
            case .sgemm: return common.union(["sizes", "min-time"])
            }
        }
    }

    static func run(_ options: ParsedOptions) throws {
        let benchmark = try benchmark(for: options)
        BenchmarkTiming.clock = options.flag("cpu-time") ? .processCPU : .wall
        let record = benchmark.run()
        print(record.text)
    }

    /// What `run` would run: the workload named by the positional argument, configured by the options.
    static func benchmark(for options: ParsedOptions) throws -> any Benchmark {
        guard options.positionals.count == 1 else {
            throw UsageError("bench needs one workload: \(Workload.allCases.map(\.rawValue).joined(separator: ", "))",
                             command: "bench")
        }
        guard let workload = Workload(rawValue: options.positionals[0]) else {
            throw UsageError("unknown workload '\(options.positionals[0])' (choose from \(Workload.allCases.map(\.rawValue).joined(separator: ", ")))",
                             command: "bench")
        }
        let given = specification.options.map(\.name).filter { options.string($0) != nil || options.flag($0) }
        if let stray = given.first(where: { !workload.options.contains($0) }) {
            throw UsageError("--\(stray) does not apply to the \(workload.rawValue) workload", command: "bench")
        }
        let seed = try seed(options)
        switch workload {
        case .dcgan:
            var settings = DCGANBenchmark.Options()
            settings.batch = try positive(options, "batch", settings.batch)
            settings.latentSize = try positive(options, "nz", settings.latentSize)
            settings.generatorFeatures = try positive(options, "ngf", settings.generatorFeatures)
            settings.discriminatorFeatures = try positive(options, "ndf", settings.discriminatorFeatures)
            settings.steps = try positive(options, "steps", settings.steps)
            settings.warmup = try options.integer("warmup", default: settings.warmup, in: 0 ... 1000)!
            settings.forwardRepetitions = try positive(options, "fwd-reps", settings.forwardRepetitions)
            settings.threads = try positive(options, "threads", settings.threads)
            settings.seed = seed
            return DCGANBenchmark(options: settings)
        case .charlm, .melody:
            var settings = workload == .charlm ? LSTMLanguageModelBenchmark.Options.characterModel : .melodyModel
            settings.vocabulary = try options.integer("vocab", default: settings.vocabulary, in: 2 ... 1_000_000)!
            settings.embedding = try options.integer("embed", default: settings.embedding, in: 0 ... 100_000)!
            settings.hidden = try positive(options, "hidden", settings.hidden)
            settings.layers = try positive(options, "layers", settings.layers)
            settings.sequenceLength = try positive(options, "seq", settings.sequenceLength)
            settings.batch = try positive(options, "batch", settings.batch)
            settings.learningRate = Float(try options.number("lr", default: Double(settings.learningRate), in: 0 ... 10)!)
            settings.clip = Float(try options.number("clip", default: 0, in: 0 ... 1e9)!)
            settings.steps = try positive(options, "steps", settings.steps)
            settings.warmup = try options.integer("warmup", default: settings.warmup, in: 0 ... 1000)!
            settings.sampleLength = try positive(options, "sample-len", settings.sampleLength)
            settings.sampleRepetitions = try positive(options, "sample-reps", settings.sampleRepetitions)
            settings.temperature = Float(try options.number("temperature", default: 0.8, in: 0.01 ... 100)!)
            settings.threads = try positive(options, "threads", settings.threads)
            settings.seed = seed
            return LSTMLanguageModelBenchmark(name: workload.rawValue, options: settings)
        case .sgemm:
            var settings = SGEMMBenchmark.Options()
            settings.sizes = try list(options, "sizes", settings.sizes, in: 1 ... 8192)
            settings.threads = try list(options, "threads", settings.threads, in: 1 ... 256)
            settings.minimumTime = try options.number("min-time", default: settings.minimumTime, in: 0 ... 600)!
            settings.seed = seed
            return SGEMMBenchmark(options: settings)
        }
    }

    private static func positive(_ options: ParsedOptions, _ name: String, _ defaultValue: Int) throws -> Int {
        try options.integer(name, default: defaultValue, in: 1 ... 1_000_000)!
    }

    private static func seed(_ options: ParsedOptions) throws -> UInt64 {
        guard let text = options.string("seed") else { return 0 }
        guard let value = UInt64(text) else { throw UsageError("--seed expects a non-negative whole number, got '\(text)'") }
        return value
    }

    /// A comma-separated list of whole numbers, each within `range`.
    private static func list(_ options: ParsedOptions, _ name: String, _ defaultValue: [Int],
                             in range: ClosedRange<Int>) throws -> [Int] {
        guard let text = options.string(name) else { return defaultValue }
        let numbers = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !numbers.isEmpty, numbers.count == text.split(separator: ",", omittingEmptySubsequences: false).count,
              numbers.allSatisfy(range.contains) else {
            throw UsageError("--\(name) expects comma-separated whole numbers between \(range.lowerBound) and \(range.upperBound), got '\(text)'",
                             command: "bench")
        }
        return numbers
    }
}
