/// One `belamy bench` workload, configured and ready: `run()` prints its readable lines to stderr
/// and returns the JSON record, whose keys follow the matching PyTorch reference script.
protocol Benchmark {
    func run() -> JSONValue
}
