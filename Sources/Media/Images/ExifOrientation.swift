/// The Exif Orientation tag (0x0112) of a JPEG file: how the stored pixels must be turned for
/// display. 1 is upright; 2–8 are the mirrorings and quarter turns listed in `Image.oriented`.
enum ExifOrientation {
    /// The orientation stored in the file's APP1 Exif segment, or 1 when there is none or it is unreadable.
    static func value(inJPEG bytes: [UInt8]) -> Int {
        var offset = 2
        // Markers before the first scan; each segment is FF, marker, 2-byte length (including itself).
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { break }  // start of scan, end of image
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { break }
            if marker == 0xE1, let orientation = fromExif(bytes[(offset + 4)..<(offset + 2 + length)]) {
                return orientation
            }
            offset += 2 + length
        }
        return 1
    }

    /// Reads the tag from an APP1 body: "Exif\0\0", then a TIFF header and its first IFD.
    private static func fromExif(_ segment: ArraySlice<UInt8>) -> Int? {
        let exif = Array(segment)
        guard exif.count >= 14, exif.starts(with: Array("Exif\0\0".utf8)) else { return nil }
        let tiff = Array(exif[6...])
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func read(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= 0, offset + size <= tiff.count else { return nil }
            let field = tiff[offset..<(offset + size)]
            return (littleEndian ? field.reversed() : Array(field)).reduce(0) { $0 << 8 | Int($1) }
        }
        guard read(2, 2) == 42, let directory = read(4, 4), let count = read(directory, 2) else { return nil }
        for entry in 0..<count {
            let start = directory + 2 + 12 * entry
            guard let tag = read(start, 2) else { return nil }
            // Type 3 is SHORT: the value sits in the first two bytes of the value field.
            if tag == 0x0112, read(start + 2, 2) == 3, let value = read(start + 8, 2), (1...8).contains(value) {
                return value
            }
        }
        return nil
    }
}
