// libFuzzer entry point for belamy's argument parser; built and run by `Scripts/fuzz.sh options`,
// which compiles Sources/belamy/CommandLine/{ParsedOptions,OptionSpecification,Errors}.swift in.
import Foundation

/// A subcommand with every kind of option: flags with short names, values, a repeatable value.
private let withPositionals = CommandSpecification(
    name: "poem", summary: "", usage: "", discussion: "",
    options: [.seed, .count, .output, .model, .temperature(default: 1), .quiet, .json,
              .value("text", "FILE", "", repeatable: true), .value("steps", "N", ""), .flag("resume", "")],
    examples: [], takesPositionals: true)
private let withoutPositionals = CommandSpecification(
    name: "models", summary: "", usage: "", discussion: "", options: withPositionals.options,
    examples: [], takesPositionals: false)

/// The bytes are argv: NUL-separated arguments. Any arguments are either parsed or refused with a
/// `UsageError`, and every typed accessor either answers or refuses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOptions(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    let buffer = UnsafeRawBufferPointer(start: bytes, count: count)
    let arguments = buffer.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    for specification in [withPositionals, withoutPositionals] {
        guard let options = try? ParsedOptions(arguments, specification: specification) else { continue }
        _ = try? options.integer("count", default: 1, in: 1 ... 1000)
        _ = try? options.integer("steps")
        _ = try? options.number("temperature", default: 1, in: 0.01 ... 5)
        _ = try? options.seed()
        _ = (options.strings("text"), options.string("output"), options.flag("quiet"), options.positionals, options.helpRequested)
    }
    return 0
}
