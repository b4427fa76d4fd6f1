import Foundation

/// One chunk of a PNG stream: a four-letter type and its data. libpng's simplified API neither
/// reads nor writes text chunks, so Belamy walks and splices the chunk stream itself.
struct PNGChunk: Equatable {
    /// The four ASCII letters naming the chunk, e.g. "IHDR", "tEXt".
    var type: String
    /// The chunk's data, without length, type or CRC.
    var data: [UInt8]

    /// The chunk as it is stored: length, type, data, CRC-32 of type and data.
    var encoded: [UInt8] {
        let typeBytes = Array(type.utf8)
        var bytes = bigEndianBytes(UInt32(data.count))
        bytes += typeBytes
        bytes += data
        bytes += bigEndianBytes(CRC32.checksum(typeBytes + data))
        return bytes
    }

    /// Every chunk of a PNG file, in order, up to and including IEND; checks lengths and CRCs.
    static func chunks(in data: Data) throws -> [PNGChunk] {
        var chunks: [PNGChunk] = []
        try walk(data) { type, body in chunks.append(PNGChunk(type: type, data: Array(body))) }
        return chunks
    }

    /// Checks that `data` is a complete chunk stream: every length and CRC right, ending in IEND.
    /// libpng alone stops reading once it has the pixels, so it accepts a file cut after them.
    static func validate(_ data: Data) throws {
        try walk(data) { _, _ in }
    }

    /// Calls `visit` with each chunk's type and data, without copying the data.
    private static func walk(_ data: Data, _ visit: (String, ArraySlice<UInt8>) -> Void) throws {
        let bytes = [UInt8](data)
        var offset = PNG.signature.count
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw truncated }
            let length = Int(readBigEndian(bytes, at: offset))
            guard length <= bytes.count - offset - 12 else { throw truncated }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw ImageError.malformed(format: "PNG", reason: "invalid chunk type at byte \(offset + 4)")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            // The CRC covers the type and the data, which sit next to each other.
            guard CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)]) == readBigEndian(bytes, at: offset + 8 + length) else {
                throw ImageError.malformed(format: "PNG", reason: "\(type) chunk has a wrong CRC")
            }
            visit(type, bytes[(offset + 8)..<(offset + 8 + length)])
            offset += 12 + length
            if type == "IEND" { return }
        }
        throw truncated
    }

    /// `png` with `extra` chunks inserted right after IHDR, which every PNG has first.
    static func insertAfterHeader(_ extra: [PNGChunk], into png: Data) -> Data {
        let headerEnd = PNG.signature.count + 12 + 13
        var result = png.prefix(headerEnd)
        for chunk in extra { result.append(contentsOf: chunk.encoded) }
        result.append(png.dropFirst(headerEnd))
        return result
    }

    private static let truncated = ImageError.malformed(format: "PNG", reason: "file ends in the middle of a chunk")

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
