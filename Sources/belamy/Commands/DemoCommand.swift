import Foundation

/// `belamy demo`: the main job behind the README's first command. It runs each craft whose model
/// ships, with one seed, exactly as a person would from the shell, and says where the files are.
enum DemoCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "demo", summary: "make a portrait, a poem and a melody with the shipped models", usage: "[options]",
        discussion: """
        Writes Outputs/portrait-seed<N>.png, Outputs/poem-seed<N>.txt and Outputs/melody-seed<N>.wav
        (with .mid and .abc) and prints the poem and the tune. A craft whose model has not shipped
        yet is skipped with a note. With --json, each craft prints its record on a line of its own.
        """,
        options: [.value("seed", "N", "random seed (default 2018, the year of the auction, so the demo always shows the same pieces)"),
                  .quiet, .json], examples: ["belamy demo", "belamy demo --seed 2018", "belamy demo --json"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        let seed = try options.string("seed") == nil ? 2018 : options.seed()
        let outputs = ProjectPaths.outputs
        let json = options.flag("json")
        let passed = (options.flag("quiet") ? ["--quiet"] : []) + (json ? ["--json"] : [])
        let crafts: [(model: String, arguments: [String])] = [
            ("portrait", ["portrait", "--seed", "\(seed)", "--size", "256"]),
            ("poem-zh", ["poem", "--seed", "\(seed)", "-o", outputs.appendingPathComponent("poem-seed\(seed).txt").path, "明月", "春风"]),
            ("melody", ["melody", "--seed", "\(seed)", "--bars", "16"]),
        ]
        var made = 0
        for craft in crafts {
            guard FileManager.default.fileExists(atPath: try ProjectPaths.model(craft.model).path) else {
                Terminal.note("demo: skipping \(craft.arguments[0]): Models/\(craft.model).safetensors has not shipped yet")
                continue
            }
            if !options.flag("quiet") && !json { print("$ belamy \(craft.arguments.joined(separator: " "))") }
            try Belamy.dispatch(craft.arguments + passed)
            made += 1
        }
        guard made > 0 else { throw DemoError.noModels }
        Terminal.note("demo: files are in \(outputs.path)")
    }
}

/// Why the demo could not run.
enum DemoError: Error, CustomStringConvertible {
    case noModels
    var description: String { "no shipped model found in Models/ (train one with 'belamy train …')" }
}
