import Foundation
import Media
import NeuralCore

/// A composed tune: the notes ready to render and the events the model chose.
public struct ComposedMelody: Sendable {
    /// The tune with its key, meter, tempo and title, starting on a downbeat (a pickup is preceded
    /// by a rest that fills its bar).
    public var tune: Tune
    /// The same tune in the event encoding (primer included), with its pickup as the model wrote it.
    public var encoded: EncodedMelody
}

/// Composes tunes with a melody model: warms it up on a tune, conditions it on the meter and mode,
/// feeds it the primer, then samples one event at a time from the events `MelodyConstraints`
/// allows, so the tune has the bars, bar lengths, range and final tonic (held for a beat) whatever
/// the model would prefer.
public final class MelodyComposer {
    public let model: MelodyModel
    private let inference: LSTMInference
    /// The network's state after the model's warm-up tune: where every composition begins.
    private let startState: LSTMState

    /// A composer using `model`.
    public init(model: MelodyModel) {
        self.model = model
        inference = model.network.inference()
        var state = inference.makeState()
        for token in model.warmup { inference.step(token: model.vocabulary.id(of: token)!, state: &state) }
        startState = state
    }

    /// The tune `request` asks for; the same request always gives the same tune.
    public func compose(_ request: MelodyRequest) throws -> ComposedMelody {
        let vocabulary = model.vocabulary
        guard request.bars >= 1 else { throw MelodyError.invalidRequest("a tune needs at least one bar") }
        guard request.temperature > 0, request.temperature.isFinite else {
            throw MelodyError.invalidRequest("the temperature must be above 0")
        }
        guard let barTicks = MelodyTime.ticks(of: request.meter.barLength), vocabulary.durations.canSpell(barTicks),
              barTicks <= vocabulary.durations.limit else {
            throw MelodyError.invalidRequest("cannot compose in \(request.meter): its bars do not fit the 1/48-quarter grid")
        }
        // The final tonic lasts a beat, or the whole bar in a meter whose beat does not divide it evenly.
        var finalNote = MelodyTime.ticks(of: request.tempo.beat) ?? barTicks
        if finalNote > barTicks || !vocabulary.durations.canSpell(barTicks - finalNote) { finalNote = barTicks }
        var constraints = MelodyConstraints(vocabulary: vocabulary, mode: request.key.mode, barTicks: barTicks,
                                            barCount: request.bars, pitchRange: MelodyRequest.pitchRange,
                                            finalNoteMinimum: finalNote)
        var state = startState
        let encoded = EncodedMelody(key: request.key, meter: request.meter, tonicPitch: request.tonicPitch, events: [])
        for token in [MelodyToken.start] + encoded.conditioning {
            guard let id = vocabulary.id(of: token) else {
                throw MelodyError.damagedModel("its vocabulary lacks '\(token)'")
            }
            inference.step(token: id, state: &state)
        }
        var events: [MelodyToken] = []
        if let primer = request.primer {
            for token in try MelodyPrimer.events(primer, for: request, vocabulary: vocabulary) {
                let id = vocabulary.id(of: token)!
                do { try constraints.advance(id) } catch {
                    throw MelodyError.badPrimer("it does not fit \(request.bars) bars of \(request.meter) ending on the tonic")
                }
                events.append(token)
                inference.step(token: id, state: &state)
            }
        }
        var generator = RandomGenerator(seed: request.seed)
        var weights = [Float](repeating: 0, count: vocabulary.count)
        while !constraints.isFinished {
            let allowed = constraints.allowedTokens()
            let id = Self.sample(logits: state.logits, allowed: allowed, temperature: request.temperature,
                                 weights: &weights, generator: &generator)
            try constraints.advance(id)
            if vocabulary.tokens[id] == .end { break }
            events.append(vocabulary.tokens[id])
            inference.step(token: id, state: &state)
        }
        var result = encoded
        result.events = events
        var tune = try MelodyEncoding.decode(result)
        if tune.anacrusis > .zero {
            // The pickup becomes the end of a first bar that begins with a rest, so every bar is whole.
            let lead = request.meter.barLength - tune.anacrusis
            tune.notes = [.rest(start: .zero, duration: lead)] + tune.notes.map { note in
                var shifted = note
                shifted.start += lead
                return shifted
            }
            tune.anacrusis = .zero
        }
        tune.tempo = request.tempo
        tune.title = "Belamy melody, seed \(request.seed)"
        tune.unitLength = request.meter.barLength < Fraction(3, 4) ? Fraction(1, 16) : Fraction(1, 8)
        return ComposedMelody(tune: tune, encoded: result)
    }

    /// A token drawn from softmax(logits / temperature) over the allowed tokens only.
    static func sample(logits: [Float], allowed: [Bool], temperature: Float, weights: inout [Float],
                       generator: inout RandomGenerator) -> Int {
        var maximum = -Float.infinity
        for (logit, isAllowed) in zip(logits, allowed) where isAllowed { maximum = max(maximum, logit) }
        for index in weights.indices {
            weights[index] = allowed[index] ? expf((logits[index] - maximum) / temperature) : 0
        }
        return generator.categorical(weights)
    }
}
