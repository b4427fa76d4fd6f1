import Foundation
import NeuralCore

/// Training progress on stderr: a bar redrawn in place on a terminal; on a pipe or log file, a plain
/// line every 30 seconds (animation control codes would only garble a log).
final class ProgressBar: TrainingObserver {
    private let label: String
    /// Steps in one pass over the training data, when an epoch count helps the reader (a GAN's
    /// few hundred images are seen many times over); nil leaves it out.
    private let stepsPerEpoch: Double?
    private var startTime = Date()
    private var startStep = 0
    private var lastDraw = Date.distantPast
    private var drewInPlace = false

    init(label: String, stepsPerEpoch: Double? = nil) {
        self.label = label
        self.stepsPerEpoch = stepsPerEpoch
    }

    func trainingWillStart(step: Int, totalSteps: Int) {
        startTime = Date()
        startStep = step
        Terminal.note("\(label): step \(step) of \(totalSteps)")
    }

    func trainingDidStep(step: Int, totalSteps: Int, metrics: [Metric], throughput: Double, itemName: String) {
        guard !Terminal.isQuiet else { return }
        let now = Date()
        let interval = Terminal.standardErrorIsTerminal ? 0.1 : 30
        guard now.timeIntervalSince(lastDraw) >= interval || step == totalSteps else { return }
        lastDraw = now
        let fraction = Double(step) / Double(max(totalSteps, 1))
        let perStep = now.timeIntervalSince(startTime) / Double(max(step - startStep, 1))
        let remaining = perStep * Double(totalSteps - step)
        let values = metrics.map { "\($0.name) \(Self.compact($0.value))" }.joined(separator: " ")
        let epoch = stepsPerEpoch.map { String(format: " · epoch %.1f", Double(step) / $0) } ?? ""
        let line = "\(label) \(Self.bar(fraction)) \(step)/\(totalSteps)\(epoch) · \(values) · "
            + "\(Int(throughput.rounded())) \(itemName)/s · ETA \(Self.duration(remaining))"
        if Terminal.standardErrorIsTerminal {
            Terminal.writeToStandardError("\r\u{1B}[2K" + line)
            drewInPlace = true
        } else {
            Terminal.writeToStandardError(line + "\n")
        }
    }

    func trainingDidFinish(step: Int, interrupted: Bool) {
        endLine()
        let elapsed = Self.duration(Date().timeIntervalSince(startTime))
        Terminal.note(interrupted ? "\(label): interrupted at step \(step) after \(elapsed); checkpoint saved, continue with --resume"
                                  : "\(label): finished at step \(step) after \(elapsed)")
    }

    func note(_ message: String) {
        endLine()
        Terminal.note(message)
    }

    private func endLine() {
        if drewInPlace { Terminal.writeToStandardError("\n"); drewInPlace = false }
    }

    /// A 20-cell bar with eighth-cell resolution.
    static func bar(_ fraction: Double) -> String {
        let cells = 20, eighths = Int((min(max(fraction, 0), 1) * Double(cells * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < cells { bar += partials[eighths % 8] }
        return "▕" + bar.padding(toLength: cells, withPad: " ", startingAt: 0) + "▏"
    }

    static func compact(_ value: Double) -> String {
        abs(value) >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                             : String(format: "%d:%02d", total / 60, total % 60)
    }
}
