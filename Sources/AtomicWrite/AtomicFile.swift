import Foundation

/// Writes files so that a reader (or a crash, or `kill -9`) never sees half of one: the bytes go to
/// a temporary file in the same folder, are flushed to disk, and the file is then renamed over the
/// destination in one step. Shared by every writer in Belamy: images, audio, MIDI, models, checkpoints.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the parent folder if needed.
    public static func write(_ data: Data, to url: URL) throws {
        try write([(data, url)])
    }

    /// Writes several files as one: every file goes to its temporary copy first, and only when all
    /// of them are on disk are they renamed into place, so a failure (a full disk, a folder where
    /// a file should go) leaves none of them half-written and none of them new.
    public static func write(_ files: [(data: Data, url: URL)]) throws {
        var temporaries: [URL] = []
        do {
            for (data, url) in files {
                // A folder in the way would fail the rename below, after the others were renamed.
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                    throw AtomicFileError.cannotWrite(url.path, reason: "a folder of that name is in the way")
                }
                temporaries.append(try writeTemporary(data, for: url))
            }
        } catch {
            for temporary in temporaries { unlink(temporary.path) }
            throw error
        }
        for (index, (temporary, (_, url))) in zip(temporaries, files).enumerated() {
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                for temporary in temporaries[index...] { unlink(temporary.path) }
                for (_, renamed) in files[..<index] { unlink(renamed.path) }
                throw AtomicFileError.cannotWrite(url.path, reason: reason)
            }
            // Make the rename itself durable: flush the folder entry too.
            let folderDescriptor = open(url.deletingLastPathComponent().path, O_RDONLY)
            if folderDescriptor >= 0 { fsync(folderDescriptor); close(folderDescriptor) }
            removeAbandonedPartials(of: url)
        }
    }

    /// `data` in a flushed temporary file beside `url` (`.NAME.PID.partial`), ready to be renamed.
    private static func writeTemporary(_ data: Data, for url: URL) throws -> URL {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicFileError.cannotCreateFolder(folder.path, reason: reason(error))
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError.cannotWrite(url.path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            unlink(temporary.path)
            throw AtomicFileError.cannotWrite(url.path, reason: failure)
        }
        return temporary
    }

    /// Deletes the temporary files that writers of `url` killed mid-write (`kill -9`, power loss)
    /// left behind: those named for a process that no longer exists. A live writer's is kept.
    static func removeAbandonedPartials(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).", suffix = ".partial"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            guard let pid = pid_t(name.dropFirst(prefix.count).dropLast(suffix.count)) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Why a file could not be written.
public enum AtomicFileError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(String, reason: String)
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason): return "cannot create folder \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
