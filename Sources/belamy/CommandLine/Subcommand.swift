/// A `belamy` subcommand: a specification (what help shows) and what it does.
protocol Subcommand {
    static var specification: CommandSpecification { get }
    static func run(_ options: ParsedOptions) throws
}
