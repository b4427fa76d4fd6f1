import Foundation
import NeuralCore

/// How the auction house lists an exhibit: a lot number, the sitter of the portrait and an
/// estimate, all drawn from the seed, so that a seed is always the same lot.
struct CatalogueEntry: Equatable {
    let lot: Int
    /// Who the portrait shows: a member of the Belamy family, as in the 2018 series.
    let sitter: String
    /// The estimate in US dollars, low to high.
    let estimate: ClosedRange<Int>

    /// Given names for the family, none of them Edmond: his portrait is the one that was sold.
    static let givenNames = [
        "Gaspard", "Adélaïde", "Lucien", "Hortense", "Théodore", "Clémence", "Anatole", "Joséphine", "Florimond",
        "Séraphine", "Aurélien", "Berthe", "Honoré", "Mathilde", "Octave", "Eugénie", "Valentin", "Ursule",
        "Barnabé", "Isaure", "Casimir", "Léontine", "Ambroise", "Philippine",
    ]

    /// Estimates as auction houses round them; the 2018 portrait's was $7,000–10,000.
    static let estimates = [3000 ... 5000, 4000 ... 6000, 5000 ... 7000, 6000 ... 8000, 7000 ... 10000,
                            8000 ... 12000, 10000 ... 15000, 12000 ... 18000]

    init(seed: UInt64) {
        // A stream of its own, so the lot does not repeat the numbers the seed gives the crafts.
        var generator = RandomGenerator(seed: seed ^ 0xBE1A_2018)
        lot = 1 + generator.integer(below: 400)
        sitter = Self.givenNames[generator.integer(below: Self.givenNames.count)] + " de Belamy"
        estimate = Self.estimates[generator.integer(below: Self.estimates.count)]
    }

    /// "Portrait de Gaspard de Belamy", or "Portrait d’Adélaïde de Belamy" before a vowel or a mute h.
    var title: String {
        let initial = sitter.prefix(1).folding(options: .diacriticInsensitive, locale: nil).uppercased()
        return "AEIOUH".contains(initial) ? "Portrait d’\(sitter)" : "Portrait de \(sitter)"
    }

    /// "$7,000–10,000".
    var estimateText: String { "$\(Self.grouped(estimate.lowerBound))–\(Self.grouped(estimate.upperBound))" }

    /// A whole number with commas between thousands, the same in every locale.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }
}
