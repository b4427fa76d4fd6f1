/// `belamy portrait`: paint portraits with the shipped DCGAN.
enum PortraitCommand: Subcommand {
    static let specification = CommandSpecification(
        name: "portrait",
        summary: "paint portraits with a GAN trained on painted portraits",
        usage: "[options]",
        discussion: """
        A DCGAN generator turns a random latent vector (chosen by --seed) into a 64×64 painting,
        upscaled with a Lanczos filter to --size. The seed and model are stored in the PNG's text chunks.
        """,
        options: [
            .seed, .count, .output, .model, .quiet, .json,
            .flag("grid", "put all portraits in one grid image"),
            .value("size", "PX", "output size: 64, 128, 256 or 512 (default 256)"),
            .value("truncation", "T", "shrink the latent vector towards the mean (0–1): calmer, more typical faces"),
            .value("interpolate", "SEED_B", "walk the latent space from --seed to SEED_B (strip PNG and animated GIF)"),
            .value("frames", "N", "frames in an interpolation (default 16)"),
        ],
        examples: ["belamy portrait --seed 42", "belamy portrait --count 16 --grid", "belamy portrait --seed 1 --interpolate 2 --frames 24"],
        takesPositionals: false)

    static func run(_ options: ParsedOptions) throws { throw NotAvailableError(what: "the portrait craft") }
}
