import Foundation
import XCTest
@testable import Media

/// WAV through libsndfile: exact round trips, files made by sox, and damaged files.
final class WAVFileTests: XCTestCase {
    private func chirp(sampleRate: Int, channelCount: Int, frames: Int) -> AudioBuffer {
        var samples: [Float] = []
        for frame in 0 ..< frames {
            for channel in 0 ..< channelCount {
                let t = Double(frame) / Double(sampleRate)
                samples.append(Float(0.9 * sin(2 * Double.pi * (300 + 2000 * t) * t + Double(channel))))
            }
        }
        return AudioBuffer(sampleRate: sampleRate, channelCount: channelCount, samples: samples)
    }

    func testFloatRoundTripIsExactForAnyRateAndChannelCount() throws {
        for (rate, channels) in [(8000, 1), (22050, 2), (44100, 1), (48000, 2), (96000, 1)] {
            let audio = chirp(sampleRate: rate, channelCount: channels, frames: 300)
            XCTAssertEqual(try WAVFile.decode(WAVFile.encode(audio, as: .float32)), audio)
        }
    }

    func testSixteenBitRoundTripIsExactOnItsGrid() throws {
        let audio = chirp(sampleRate: 44100, channelCount: 2, frames: 500)
        let once = try WAVFile.decode(WAVFile.encode(audio, as: .pcm16))
        // Quantised once, to the nearest k/32768; after that, writing and reading changes nothing.
        for (original, read) in zip(audio.samples, once.samples) { XCTAssertEqual(read, original, accuracy: 0.5 / 32768) }
        XCTAssertEqual(try WAVFile.decode(WAVFile.encode(once, as: .pcm16)), once)
        // Full scale clips rather than wrapping around.
        let loud = AudioBuffer(sampleRate: 8000, samples: [1.5, 1, -1, -1.5])
        XCTAssertEqual(try WAVFile.decode(WAVFile.encode(loud, as: .pcm16)).samples, [32767 / 32768, 32767 / 32768, -1, -1])
    }

    func testSameSamplesGiveSameBytesAndFilesAreWrittenAtomically() throws {
        let audio = chirp(sampleRate: 44100, channelCount: 1, frames: 100)
        XCTAssertEqual(try WAVFile.encode(audio, as: .float32), try WAVFile.encode(audio, as: .float32))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belamy-wav-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tone.wav")
        try WAVFile.write(audio, to: url, as: .float32)
        XCTAssertEqual(try WAVFile.read(contentsOf: url), audio)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["tone.wav"])
        // 44-byte RIFF header plus 4 bytes a sample for 16-bit stereo's 2 × 2: the header says what it holds.
        let header = try WAVFile.encode(AudioBuffer(sampleRate: 8000, channelCount: 2, samples: [0, 0]), as: .pcm16)
        XCTAssertEqual(header.prefix(4), Data("RIFF".utf8))
        XCTAssertEqual(header.count, 48)
    }

    func testReadsWhatSoxWrote() throws {
        for (name, rate, channels) in [("sox_pcm16_stereo_22050", 22050, 2), ("sox_float_mono_48000", 48000, 1)] {
            let audio = try WAVFile.read(contentsOf: MusicFixtures.url("wav/\(name).wav"))
            XCTAssertEqual(audio.sampleRate, rate)
            XCTAssertEqual(audio.channelCount, channels)
            // sox's own decoding, one frame a line: time, then one value per channel.
            let text = try String(contentsOf: MusicFixtures.url("wav/\(name).dat"), encoding: .utf8)
            let frames = text.split(separator: "\n").filter { !$0.hasPrefix(";") }
                .map { $0.split(separator: " ").dropFirst().map { Float($0)! } }
            XCTAssertEqual(audio.frameCount, frames.count, name)
            XCTAssertGreaterThan(frames.count, 200)
            for (index, frame) in frames.enumerated() {
                for channel in 0 ..< channels {
                    XCTAssertEqual(audio.samples[index * channels + channel], frame[channel], accuracy: 1e-6, "\(name) frame \(index)")
                }
            }
        }
    }

    func testBadFilesAreTypedErrorsWithOneLine() throws {
        let good = try Data(contentsOf: MusicFixtures.url("wav/sox_pcm16_stereo_22050.wav"))
        var wrongMagic = good
        wrongMagic.replaceSubrange(0 ..< 4, with: Data("RIFX".utf8).map { $0 ^ 0x20 })
        let cases: [(Data, String)] = [
            (Data(), "empty"),
            (good.prefix(20), "cut off"),
            (good.prefix(44), "cut off: 44 of 924 bytes"),
            (good.prefix(good.count - 101), "cut off"),
            (good.prefix(11), "cannot read audio file"),
            (wrongMagic, "cannot read audio file"),
            (Data("X:1\nT:not audio\nK:C\nABC|]\n".utf8), "cannot read audio file"),
        ]
        for (data, expected) in cases {
            XCTAssertThrowsError(try WAVFile.decode(data, source: "bad.wav"), "\(data.count) bytes") { error in
                XCTAssertTrue(error is WAVError)
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
                XCTAssertTrue("\(error)".contains("bad.wav"), "\(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
        XCTAssertThrowsError(try WAVFile.read(contentsOf: URL(fileURLWithPath: "/nonexistent/a.wav"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot read audio file"), "\(error)")
        }
    }
}
