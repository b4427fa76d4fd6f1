import Foundation
@testable import Media

/// A minimal GIF reader written independently of the encoder, so the tests can check what a
/// viewer would show: every frame (full-size, local colour tables), delays and the loop count.
struct GIFTestDecoder {
    var width = 0, height = 0
    var loopCount: Int?
    var delays: [Int] = []
    var frames: [Image] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: Array("GIF89a".utf8)) else { throw Failure("no GIF89a header") }
        var offset = 6
        func byte() throws -> Int {
            guard offset < bytes.count else { throw Failure("truncated at \(offset)") }
            defer { offset += 1 }
            return Int(bytes[offset])
        }
        func short() throws -> Int { try byte() | (try byte()) << 8 }
        func subBlocks() throws -> [UInt8] {
            var data: [UInt8] = []
            while true {
                let length = try byte()
                if length == 0 { return data }
                guard offset + length <= bytes.count else { throw Failure("truncated sub-block") }
                data += bytes[offset..<(offset + length)]
                offset += length
            }
        }
        width = try short(); height = try short()
        let screenFlags = try byte()
        _ = try byte(); _ = try byte()
        guard screenFlags & 0x80 == 0 else { throw Failure("unexpected global colour table") }
        var pendingDelay: Int?
        while true {
            switch try byte() {
            case 0x21:
                let label = try byte()
                let body = try subBlocks()
                if label == 0xFF, body.starts(with: Array("NETSCAPE2.0".utf8)), body.count == 14 {
                    loopCount = Int(body[12]) | Int(body[13]) << 8
                } else if label == 0xF9 {
                    pendingDelay = Int(body[1]) | Int(body[2]) << 8
                }
            case 0x2C:
                let left = try short(), top = try short(), frameWidth = try short(), frameHeight = try short()
                guard left == 0, top == 0, frameWidth == width, frameHeight == height else { throw Failure("partial frame") }
                let flags = try byte()
                guard flags & 0x80 != 0, flags & 0x40 == 0 else { throw Failure("expected a local table, no interlace") }
                let tableSize = 1 << ((flags & 0x07) + 1)
                let table = Array(bytes[offset..<(offset + 3 * tableSize)])
                offset += 3 * tableSize
                let minimumCodeSize = try byte()
                let indices = try Self.decompress(subBlocks(), minimumCodeSize: minimumCodeSize)
                guard indices.count == width * height else { throw Failure("frame has \(indices.count) pixels") }
                let pixels = indices.flatMap { table[(3 * Int($0))..<(3 * Int($0) + 3)] }
                frames.append(Image(width: width, height: height, format: .rgb, pixels: pixels))
                delays.append(pendingDelay ?? 0)
                pendingDelay = nil
            case 0x3B:
                guard offset == bytes.count else { throw Failure("bytes after the trailer") }
                return
            case let other:
                throw Failure("unexpected block 0x\(String(other, radix: 16))")
            }
        }
    }

    static func decompress(_ data: [UInt8], minimumCodeSize: Int) throws -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var dictionary: [[UInt8]] = []
        func reset() { dictionary = (0..<clear).map { [UInt8($0)] } + [[], []] }
        reset()
        var codeSize = minimumCodeSize + 1
        var bitPosition = 0
        var output: [UInt8] = []
        var previous: [UInt8]?
        while bitPosition + codeSize <= data.count * 8 {
            var code = 0
            for bit in 0..<codeSize where data[(bitPosition + bit) / 8] & (1 << ((bitPosition + bit) % 8)) != 0 {
                code |= 1 << bit
            }
            bitPosition += codeSize
            if code == clear { reset(); codeSize = minimumCodeSize + 1; previous = nil; continue }
            if code == end { return output }
            let entry: [UInt8]
            if code < dictionary.count {
                entry = dictionary[code]
            } else if code == dictionary.count, let previous {
                entry = previous + [previous[0]]
            } else {
                throw Failure("code \(code) beyond the table of \(dictionary.count)")
            }
            output += entry
            if let previous, dictionary.count < 4096 { dictionary.append(previous + [entry[0]]) }
            if dictionary.count == 1 << codeSize, codeSize < 12 { codeSize += 1 }
            previous = entry
        }
        throw Failure("no end code")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
