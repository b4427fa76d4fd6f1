/// Which Unicode scalars are Chinese characters: the CJK Unified Ideographs blocks (the basic block,
/// extensions A to H) and the compatibility ideographs, the only characters a Chinese poem's lines may hold.
public enum ChineseScript {
    /// Whether `scalar` is a CJK ideograph.
    public static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00 ... 0x9FFF, 0x3400 ... 0x4DBF, 0x20000 ... 0x323AF, 0xF900 ... 0xFAFF, 0x2F800 ... 0x2FA1F: return true
        default: return false
        }
    }

    /// Whether `character` is a single CJK ideograph.
    public static func isIdeograph(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && isIdeograph(character.unicodeScalars.first!)
    }
}
