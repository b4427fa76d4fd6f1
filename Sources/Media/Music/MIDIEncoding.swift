import Foundation

extension MIDIFile {
    /// The file's bytes: format 0 or 1, tempo, time and key signatures, a program change per track, note on/off pairs.
    public func data() -> Data {
        var chunks: [[UInt8]] = []
        switch format {
        case .singleTrack:
            var events = conductorEvents()
            if let name = tracks.first?.name, !name.isEmpty { events.append(MIDIEncodedEvent(tick: 0, order: -1, bytes: MIDIFile.meta(0x03, Array(name.utf8)))) }
            for track in tracks { events += noteEvents(of: track) }
            chunks.append(MIDIFile.trackChunk(events))
        case .multipleTracks:
            chunks.append(MIDIFile.trackChunk(conductorEvents()))
            for track in tracks {
                var events = noteEvents(of: track)
                if !track.name.isEmpty { events.append(MIDIEncodedEvent(tick: 0, order: -1, bytes: MIDIFile.meta(0x03, Array(track.name.utf8)))) }
                chunks.append(MIDIFile.trackChunk(events))
            }
        }
        var bytes: [UInt8] = Array("MThd".utf8) + MIDIFile.bigEndian(6, count: 4)
        bytes += MIDIFile.bigEndian(format.rawValue, count: 2) + MIDIFile.bigEndian(chunks.count, count: 2)
        bytes += MIDIFile.bigEndian(ticksPerQuarterNote, count: 2)
        for chunk in chunks { bytes += chunk }
        return Data(bytes)
    }

    /// The tick nearest to `time` (whole notes).
    func tick(_ time: Fraction) -> Int {
        let ticks = time * Fraction(4 * ticksPerQuarterNote)
        return Int((ticks.doubleValue).rounded())
    }

    private func conductorEvents() -> [MIDIEncodedEvent] {
        var events: [MIDIEncodedEvent] = []
        if let meter, meter.beatUnit.nonzeroBitCount == 1, meter.beats <= 255 {
            // MIDI clocks per metronome click: a quarter is 24; compound meters click on the dotted beat.
            let clocks = meter.isCompound ? 36 * 8 / meter.beatUnit : 96 / meter.beatUnit
            let bytes = [UInt8(meter.beats), UInt8(meter.beatUnit.trailingZeroBitCount), UInt8(min(clocks, 255)), 8]
            events.append(MIDIEncodedEvent(tick: 0, order: -3, bytes: MIDIFile.meta(0x58, bytes)))
        }
        if let key, (-7 ... 7).contains(key.fifths) {
            let minor: UInt8 = key.mode == .minor ? 1 : 0
            events.append(MIDIEncodedEvent(tick: 0, order: -2, bytes: MIDIFile.meta(0x59, [UInt8(bitPattern: Int8(key.fifths)), minor])))
        }
        let microseconds = min(max(Int((60_000_000 / tempo.quarterNotesPerMinute).rounded()), 1), 0xFF_FFFF)
        events.append(MIDIEncodedEvent(tick: 0, order: -2, bytes: MIDIFile.meta(0x51, MIDIFile.bigEndian(microseconds, count: 3))))
        return events
    }

    private func noteEvents(of track: MIDITrack) -> [MIDIEncodedEvent] {
        let channel = UInt8(track.channel)
        var events = [MIDIEncodedEvent(tick: 0, order: 0, bytes: [0xC0 | channel, UInt8(track.program)])]
        for note in track.notes {
            guard let pitch = note.pitch, (0 ... 127).contains(pitch) else { continue }
            let start = tick(note.start)
            let end = max(tick(note.end), start + 1)
            let velocity = UInt8(min(max(note.velocity, 1), 127))
            // At one tick, notes end before new ones start, so a repeated pitch is struck again.
            events.append(MIDIEncodedEvent(tick: start, order: 2, bytes: [0x90 | channel, UInt8(pitch), velocity]))
            events.append(MIDIEncodedEvent(tick: end, order: 1, bytes: [0x80 | channel, UInt8(pitch), 64]))
        }
        return events
    }

    private static func trackChunk(_ events: [MIDIEncodedEvent]) -> [UInt8] {
        var body: [UInt8] = []
        var time = 0
        // Sorting on every field makes the bytes depend only on the notes, not on their order in memory.
        let ordered = events.sorted { a, b in
            if a.tick != b.tick { return a.tick < b.tick }
            if a.order != b.order { return a.order < b.order }
            return a.bytes.lexicographicallyPrecedes(b.bytes)
        }
        for event in ordered {
            body += variableLength(event.tick - time) + event.bytes
            time = event.tick
        }
        body += [0x00, 0xFF, 0x2F, 0x00]
        return Array("MTrk".utf8) + bigEndian(body.count, count: 4) + body
    }

    static func meta(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        [0xFF, type] + variableLength(data.count) + data
    }

    static func variableLength(_ value: Int) -> [UInt8] {
        var bytes = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            bytes.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return bytes
    }

    static func bigEndian(_ value: Int, count: Int) -> [UInt8] {
        (0 ..< count).reversed().map { UInt8((value >> (8 * $0)) & 0xFF) }
    }
}

/// An event waiting to be written: its tick, a rank among events at the same tick, and its bytes.
struct MIDIEncodedEvent {
    var tick: Int
    var order: Int
    var bytes: [UInt8]
}
