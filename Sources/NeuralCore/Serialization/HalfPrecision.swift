/// Conversions between `Float` and the 16-bit formats safetensors files use: IEEE 754 half
/// precision (F16) and bfloat16 (BF16).
///
/// Written out by hand rather than through `Float16`, which Swift does not offer on every platform.
extension Float {
    /// The value of an IEEE half-precision number given by its bits (exact: every half is a float).
    public init(halfPrecisionBits bits: UInt16) {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits) & 0x3FF
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exact in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            self = sign == 0 ? magnitude : -magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            self = Float(bitPattern: sign | ((exponent + 127 - 15) << 23) | (mantissa << 13))
        }
    }

    /// The nearest IEEE half-precision number, as bits: ties round to even, values beyond the
    /// half range become infinity, tiny values become subnormals or signed zero, NaN stays NaN.
    public var halfPrecisionBits: UInt16 {
        let bits = bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {
            // Keep NaN a NaN even when its payload lives only in the low bits that are dropped.
            return mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(mantissa >> 13)
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F { return sign | 0x7C00 }
        if halfExponent <= 0 {
            // Subnormal half: the value in units of 2⁻²⁴, from the 24-bit significand.
            // Below 2⁻²⁵ (a shift past 24) everything rounds to zero.
            let shift = 14 - halfExponent
            if shift > 24 { return sign }
            let significand = mantissa | 0x80_0000
            return sign | UInt16(Self.roundedShift(significand, by: UInt32(shift)))
        }
        // A carry out of the mantissa correctly bumps the exponent, up to infinity.
        let shifted = Self.roundedShift(mantissa, by: 13)
        return sign | UInt16((UInt32(halfExponent) << 10) + shifted)
    }

    /// `value >> shift`, rounded to nearest with ties to even.
    private static func roundedShift(_ value: UInt32, by shift: UInt32) -> UInt32 {
        let kept = value >> shift
        let remainder = value & ((1 << shift) - 1)
        let half: UInt32 = 1 << (shift - 1)
        return remainder > half || (remainder == half && kept & 1 == 1) ? kept + 1 : kept
    }

    /// The value of a bfloat16 number given by its bits (exact: bfloat16 is a truncated float).
    public init(bfloat16Bits bits: UInt16) {
        self = Float(bitPattern: UInt32(bits) << 16)
    }
}
