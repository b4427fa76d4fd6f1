import Foundation

/// Where belamy finds its shipped models and corpora and writes its outputs: the project folder
/// (the one holding `Models/`), found from `$BELAMY_HOME`, the current directory, or by walking up
/// from the executable (`.build/release/belamy` lives inside the project it was built from).
enum ProjectPaths {
    static let root: URL? = {
        let manager = FileManager.default
        func isProject(_ url: URL) -> Bool { manager.fileExists(atPath: url.appendingPathComponent("Models").path) }
        if let home = ProcessInfo.processInfo.environment["BELAMY_HOME"] {
            return URL(fileURLWithPath: home)
        }
        let current = URL(fileURLWithPath: manager.currentDirectoryPath)
        if isProject(current) { return current }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let executable = Bundle.main.executableURL { folder = executable.resolvingSymlinksInPath().deletingLastPathComponent() }
        while folder.path != "/" {
            if isProject(folder) { return folder }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// A shipped model file, e.g. `model("portrait")` → `<project>/Models/portrait.safetensors`.
    static func model(_ name: String) throws -> URL {
        guard let root else { throw ProjectPathError.noProject }
        return root.appendingPathComponent("Models/\(name).safetensors")
    }

    /// The model file a command uses: the path given on its command line, else the shipped `name`.
    static func model(_ name: String, given path: String?) throws -> URL {
        try path.map(userPath) ?? model(name)
    }

    /// A folder of the shipped corpora, e.g. `corpus("poems")`.
    static func corpus(_ name: String) throws -> URL {
        guard let root else { throw ProjectPathError.noProject }
        return root.appendingPathComponent("Corpora/\(name)")
    }

    /// Where generated files go when no `-o` is given: the project's `Outputs/`, else `./Outputs`.
    static var outputs: URL {
        (root ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent("Outputs")
    }

    /// The file a command writes, named `defaultName` unless `-o` says otherwise: `-o PATH` as given,
    /// or inside it when it is a folder (one that exists, or any path written with a trailing slash);
    /// without `-o`, in `Outputs/`.
    static func output(_ given: String?, defaultName: String) -> URL {
        guard let given else { return outputs.appendingPathComponent(defaultName) }
        let url = userPath(given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given)
        var isFolder: ObjCBool = false
        if given.hasSuffix("/") || (FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue) {
            return url.appendingPathComponent(defaultName)
        }
        return url
    }

    /// A path given on the command line, relative to the current directory.
    static func userPath(_ path: String) -> URL {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
    }
}

/// Why the project folder could not be found.
enum ProjectPathError: Error, CustomStringConvertible {
    case noProject

    var description: String {
        "cannot find belamy's Models/ folder: run from the project folder, or set BELAMY_HOME to it, or pass --model"
    }
}
