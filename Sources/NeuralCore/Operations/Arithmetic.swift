/// Element-wise arithmetic on variables, with broadcasting. Each backward pass sums the
/// incoming gradient back down to its operand's shape.
extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        Variable(a.value + b.value, parents: [a, b]) { g in
            [g.reduced(toShape: a.shape), g.reduced(toShape: b.shape)]
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        Variable(a.value - b.value, parents: [a, b]) { g in
            [g.reduced(toShape: a.shape), (-g).reduced(toShape: b.shape)]
        }
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        Variable(a.value * b.value, parents: [a, b]) { g in
            [(g * b.value).reduced(toShape: a.shape), (g * a.value).reduced(toShape: b.shape)]
        }
    }

    public static func / (a: Variable, b: Variable) -> Variable {
        Variable(a.value / b.value, parents: [a, b]) { g in
            let gA = g / b.value
            return [gA.reduced(toShape: a.shape), (-gA * a.value / b.value).reduced(toShape: b.shape)]
        }
    }

    public static func + (a: Variable, s: Float) -> Variable {
        Variable(a.value + s, parents: [a]) { g in [g] }
    }

    public static func * (a: Variable, s: Float) -> Variable {
        Variable(a.value * s, parents: [a]) { g in [g * s] }
    }

    public static func * (s: Float, a: Variable) -> Variable { a * s }

    public static prefix func - (a: Variable) -> Variable {
        Variable(-a.value, parents: [a]) { g in [-g] }
    }
}
