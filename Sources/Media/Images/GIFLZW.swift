/// The variable-length LZW compression of GIF image data: codes start one bit wider than the
/// minimum code size, grow to 12 bits as the table fills, and the table restarts with a clear
/// code when full. Codes are packed least significant bit first.
enum GIFLZW {
    /// Compresses palette indices, each below `1 << minimumCodeSize` (2…8).
    static func compress(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        precondition((2...8).contains(minimumCodeSize))
        let clearCode = 1 << minimumCodeSize
        let endCode = clearCode + 1
        let maximumCodes = 4096
        // table[code × 256 + index] is the code for the string `code` followed by `index`, or 0
        // when there is none (0 is never such a code: every string code is above `endCode`).
        var table = [UInt16](repeating: 0, count: maximumCodes * 256)
        var writer = BitWriter()
        var codeSize = minimumCodeSize + 1
        var nextCode = endCode + 1
        writer.write(clearCode, bits: codeSize)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(endCode, bits: codeSize)
            return writer.finish()
        }
        for index in indices.dropFirst().map(Int.init) {
            let extended = Int(table[prefix * 256 + index])
            if extended != 0 {
                prefix = extended
                continue
            }
            writer.write(prefix, bits: codeSize)
            if nextCode < maximumCodes {
                table[prefix * 256 + index] = UInt16(nextCode)
                nextCode += 1
                // The decoder adds each entry one code later, so it widens after reading the
                // code the encoder writes next: widen when the newest code no longer fits.
                if nextCode > 1 << codeSize { codeSize += 1 }
            } else {
                writer.write(clearCode, bits: codeSize)
                table.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                codeSize = minimumCodeSize + 1
                nextCode = endCode + 1
            }
            prefix = index
        }
        writer.write(prefix, bits: codeSize)
        writer.write(endCode, bits: codeSize)
        return writer.finish()
    }

    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var pending: UInt32 = 0
        private var pendingBits = 0

        mutating func write(_ code: Int, bits: Int) {
            pending |= UInt32(code) << UInt32(pendingBits)
            pendingBits += bits
            while pendingBits >= 8 {
                bytes.append(UInt8(pending & 0xFF))
                pending >>= 8
                pendingBits -= 8
            }
        }

        mutating func finish() -> [UInt8] {
            if pendingBits > 0 { bytes.append(UInt8(pending & 0xFF)) }
            return bytes
        }
    }
}
