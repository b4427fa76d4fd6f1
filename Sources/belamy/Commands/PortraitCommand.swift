import Foundation
import Media
import NeuralCore
import Portrait

/// `belamy portrait`: paint portraits with the shipped DCGAN.
enum PortraitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "portrait",
        summary: "paint portraits with a GAN trained on painted portraits",
        usage: "[options]",
        discussion: """
        A DCGAN generator turns a random latent vector (chosen by --seed) into a 64×64 painting,
        upscaled with a Lanczos filter to --size. The model, seed and command are stored in the
        PNG's text chunks; the same seed always gives a byte-identical file.
        """,
        options: [
            .seed, .count, .output, .model, .quiet, .json,
            .flag("grid", "put all portraits in one grid image"),
            .value("size", "PX", "output size: 64, 128, 256 or 512 (default 256)"),
            .value("truncation", "T", "shrink the latent vector towards the mean (0.01–1, default 1: none): calmer, more typical faces"),
            .value("interpolate", "SEED_B", "walk the latent space from --seed to SEED_B (strip PNG, and a GIF that walks there and back)"),
            .value("frames", "N", "frames in an interpolation (default 16)"),
        ],
        examples: ["belamy portrait --seed 42", "belamy portrait --count 16 --grid", "belamy portrait --seed 1 --interpolate 2 --frames 24"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws {
        Terminal.isQuiet = options.flag("quiet") || options.flag("json")
        let seed = try options.seed()
        let count = try options.integer("count", default: 1, in: 1 ... 1024)!
        let size = try options.integer("size", default: 256)!
        guard [64, 128, 256, 512].contains(size) else { throw UsageError("--size must be 64, 128, 256 or 512, got \(size)", command: "portrait") }
        let truncation = Float(try options.number("truncation", default: 1, in: 0.01 ... 1)!)
        let walks = options.string("interpolate") != nil
        if options.string("frames") != nil && !walks {
            throw UsageError("--frames counts the frames of a walk: give it with --interpolate SEED_B", command: "portrait")
        }
        if let output = options.string("output"), !output.hasSuffix("/") {
            let allowed = walks ? ["", "png", "gif"] : ["", "png"]
            guard allowed.contains(ProjectPaths.userPath(output).pathExtension.lowercased()) else {
                throw UsageError("portraits are written as \(walks ? "PNG and GIF" : "PNG"): give -o a .png name or a folder, got '\(output)'",
                                 command: "portrait")
            }
        }
        let modelURL = try ProjectPaths.model("portrait", given: options.string("model"))
        let model = try PortraitModel.read(from: modelURL)
        let painter = PortraitPainter(generator: model.generator, configuration: model.configuration)
        // The command stored in each file is the one that paints it again: what shaped the pixels,
        // not how it was typed (-o, -q, --json or --seed=N would otherwise change the file's bytes).
        func metadata(_ seeds: String, command: String) -> [String: String] {
            ["Software": "belamy \(Belamy.version)", "Model": modelURL.lastPathComponent, "Seed": seeds,
             "Truncation": String(truncation), "Command": command, "Title": "Portrait \(seeds)"]
        }
        func command(seed: UInt64, _ extra: String = "") -> String {
            var words = ["belamy portrait --seed \(seed)\(extra) --size \(size)"]
            if truncation != 1 { words.append("--truncation \(truncation)") }
            if let model = options.string("model") { words.append("--model \(model)") }
            return words.joined(separator: " ")
        }
        var written: [URL] = []

        if let other = options.string("interpolate") {
            guard let seedB = UInt64(other) else { throw UsageError("--interpolate expects a seed, got '\(other)'", command: "portrait") }
            guard seedB != seed else { throw UsageError("--interpolate needs a seed other than --seed \(seed) to walk to", command: "portrait") }
            let frames = try options.integer("frames", default: 16, in: 2 ... 240)!
            let images = painter.interpolate(from: seed, to: seedB, frames: frames, truncation: truncation, size: size)
            let base = ProjectPaths.output(options.string("output"), defaultName: "portrait-walk-seed\(seed)-to-\(seedB).png")
                .deletingPathExtension()
            let strip = Image.grid(images, columns: frames, spacing: 0, background: .black)
            try PNG.write(strip, metadata: metadata("\(seed)→\(seedB)", command: command(seed: seed, " --interpolate \(seedB) --frames \(frames)")), to: base.appendingPathExtension("png"))
            try GIF.write(frames: images + images.reversed().dropFirst().dropLast(), delayInCentiseconds: 8,
                          to: base.appendingPathExtension("gif"))
            written = [base.appendingPathExtension("png"), base.appendingPathExtension("gif")]
        } else {
            let seeds = (0 ..< UInt64(count)).map { seed &+ $0 }
            let images = painter.paint(seeds: seeds, truncation: truncation, size: size)
            let output = options.string("output")
            if options.flag("grid") || (count > 1 && output?.lowercased().hasSuffix(".png") == true) {
                let url = ProjectPaths.output(output, defaultName: "portrait-grid-seed\(seed)x\(count).png")
                let columns = Int(Double(count).squareRoot().rounded(.up))
                let grid = Image.grid(images, columns: columns, spacing: max(2, size / 32), background: RGBColor(red: 24, green: 24, blue: 24))
                try PNG.write(grid, metadata: metadata("\(seed)…\(seed &+ UInt64(count - 1))", command: command(seed: seed, " --count \(count) --grid")), to: url)
                written = [url]
            } else {
                for (seed, image) in zip(seeds, images) {
                    // Several portraits go into the folder -o names (made if need be), one goes where it says.
                    let url = ProjectPaths.output(count == 1 ? output : output.map { $0 + "/" }, defaultName: "portrait-seed\(seed).png")
                    try PNG.write(image, metadata: metadata(String(seed), command: command(seed: seed)), to: url)
                    written.append(url)
                }
            }
        }
        for url in written { Terminal.note("wrote \(url.path)") }
        if options.string("seed") == nil { Terminal.note("seed \(seed) (repeat with --seed \(seed))") }
        if options.flag("json") {
            print(JSONRecord.written(written, craft: "portrait", seed: seed, model: modelURL,
                                     settings: ["size": size, "count": count, "truncation": JSONRecord.number(truncation)]))
        }
    }
}
