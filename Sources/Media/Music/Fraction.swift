/// An exact rational number, used for musical time in whole notes (a quarter note is 1/4), so that
/// triplets, dotted notes and sixteenths add up to exact bar lengths.
public struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The numerator, carrying the sign.
    public let numerator: Int
    /// The denominator, always positive; the fraction is always in lowest terms.
    public let denominator: Int

    /// The fraction `numerator/denominator` in lowest terms; `denominator` must not be zero.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "fraction with a zero denominator")
        let divisor = Fraction.greatestCommonDivisor(numerator, denominator)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// The whole number `value`, so that `2 * unit` reads as it would on paper.
    public init(integerLiteral value: Int) { self.init(value) }

    /// Zero.
    public static let zero = Fraction(0)

    /// The nearest `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// Whether the denominator is a power of two (a length written without tuplets).
    public var hasPowerOfTwoDenominator: Bool { denominator & (denominator - 1) == 0 }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func + (a: Fraction, b: Fraction) -> Fraction {
        // Dividing by the common factor first keeps intermediate products small.
        let divisor = greatestCommonDivisor(a.denominator, b.denominator)
        let scaleA = b.denominator / divisor, scaleB = a.denominator / divisor
        return Fraction(a.numerator * scaleA + b.numerator * scaleB, a.denominator * scaleA)
    }

    public static prefix func - (a: Fraction) -> Fraction { Fraction(-a.numerator, a.denominator) }

    public static func - (a: Fraction, b: Fraction) -> Fraction { a + -b }

    public static func * (a: Fraction, b: Fraction) -> Fraction {
        let first = greatestCommonDivisor(a.numerator, b.denominator)
        let second = greatestCommonDivisor(b.numerator, a.denominator)
        return Fraction((a.numerator / first) * (b.numerator / second), (a.denominator / second) * (b.denominator / first))
    }

    public static func / (a: Fraction, b: Fraction) -> Fraction {
        precondition(b.numerator != 0, "division of a fraction by zero")
        return a * Fraction(b.denominator, b.numerator)
    }

    public static func += (a: inout Fraction, b: Fraction) { a = a + b }
    public static func -= (a: inout Fraction, b: Fraction) { a = a - b }
    public static func *= (a: inout Fraction, b: Fraction) { a = a * b }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        (a - b).numerator < 0
    }

    /// The largest integer not greater than the fraction.
    public var floor: Int {
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int(x)
    }
}
