import Foundation

extension MIDIFile {
    /// Reads a Standard MIDI File (format 0 or 1): running status, meta events, and note-on with
    /// velocity 0 as note-off are understood; each track's notes on each channel become a `MIDITrack`.
    public init(data: Data) throws {
        var reader = MIDIByteReader(bytes: [UInt8](data))
        if data.isEmpty { throw MIDIError.empty("data") }
        guard data.count >= 4, reader.bytes[0 ..< 4] == Array("MThd".utf8)[...] else { throw MIDIError.notMIDI("data") }
        reader.position = 4
        let headerLength = try reader.integer(bytes: 4)
        guard headerLength >= 6 else { throw MIDIError.malformed("data", offset: 4, what: "header too short") }
        let formatNumber = try reader.integer(bytes: 2)
        let trackCount = try reader.integer(bytes: 2)
        let division = try reader.integer(bytes: 2)
        try reader.skip(headerLength - 6)
        guard let format = Format(rawValue: formatNumber) else { throw MIDIError.unsupported("data", what: "format \(formatNumber)") }
        guard division & 0x8000 == 0, division > 0 else { throw MIDIError.unsupported("data", what: "SMPTE time code") }

        var tempo: Tempo?, meter: Meter?, key: Key?
        var tracks: [MIDITrack] = []
        var tracksRead = 0
        while tracksRead < trackCount, reader.position < reader.bytes.count {
            let type = try reader.take(4)
            let length = try reader.integer(bytes: 4)
            guard type == Array("MTrk".utf8) else {
                try reader.skip(length)  // chunks of unknown type are to be skipped, says the standard
                continue
            }
            guard reader.position + length <= reader.bytes.count else { throw MIDIError.truncated("data", offset: reader.bytes.count) }
            var track = MIDITrackReader(reader: MIDIByteReader(bytes: reader.bytes, position: reader.position, end: reader.position + length))
            try track.read()
            reader.position += length
            tracksRead += 1
            tempo = tempo ?? track.tempo
            meter = meter ?? track.meter
            key = key ?? track.key
            let ticksPerWhole = Fraction(4 * division)
            for channel in track.notesByChannel.keys.sorted() {
                let notes = track.notesByChannel[channel]!.map { found in
                    Note(pitch: found.pitch, start: Fraction(found.start) / ticksPerWhole,
                         duration: Fraction(found.end - found.start) / ticksPerWhole, velocity: found.velocity)
                }.sorted { ($0.start, $0.pitch!) < ($1.start, $1.pitch!) }
                tracks.append(MIDITrack(name: track.name, channel: channel, program: track.programs[channel] ?? 0, notes: notes))
            }
        }
        guard tracksRead == trackCount else { throw MIDIError.truncated("data", offset: reader.bytes.count) }
        self.init(format: format, ticksPerQuarterNote: division, tempo: tempo ?? .standard, meter: meter, key: key, tracks: tracks)
    }
}

/// A cursor over big-endian bytes that throws instead of reading past the end.
struct MIDIByteReader {
    let bytes: [UInt8]
    var position = 0
    var end: Int

    init(bytes: [UInt8], position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { position >= end }

    mutating func byte() throws -> UInt8 {
        guard position < end else { throw MIDIError.truncated("data", offset: position) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, position + count <= end else { throw MIDIError.truncated("data", offset: min(end, bytes.count)) }
        defer { position += count }
        return Array(bytes[position ..< position + count])
    }

    mutating func skip(_ count: Int) throws { _ = try take(count) }

    mutating func integer(bytes count: Int) throws -> Int {
        try take(count).reduce(0) { $0 << 8 | Int($1) }
    }

    /// A variable-length quantity: 7 bits a byte, high bit set on all but the last, at most 4 bytes.
    mutating func variableLength() throws -> Int {
        var value = 0
        for _ in 0 ..< 4 {
            let byte = try self.byte()
            value = value << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        throw MIDIError.malformed("data", offset: position, what: "variable-length number longer than 4 bytes")
    }
}

/// Reads the events of one track chunk, pairing note-ons with note-offs.
struct MIDITrackReader {
    struct FoundNote {
        var pitch: Int
        var start: Int
        var end: Int
        var velocity: Int
    }

    var reader: MIDIByteReader
    var name = ""
    var tempo: Tempo?
    var meter: Meter?
    var key: Key?
    var programs: [Int: Int] = [:]
    var notesByChannel: [Int: [FoundNote]] = [:]
    /// Sounding notes by channel × 128 + pitch: start tick and velocity, first struck first released.
    private var sounding: [Int: [(start: Int, velocity: Int)]] = [:]

    init(reader: MIDIByteReader) { self.reader = reader }

    mutating func read() throws {
        var tick = 0
        var runningStatus: UInt8?
        while !reader.atEnd {
            tick += try reader.variableLength()
            var status = try reader.byte()
            var firstData: UInt8?
            if status < 0x80 {
                // Running status: the byte is data for a repeat of the previous channel message.
                guard let previous = runningStatus else {
                    throw MIDIError.malformed("data", offset: reader.position - 1, what: "data byte without a status")
                }
                firstData = status
                status = previous
            }
            switch status {
            case 0xFF:
                runningStatus = nil
                let type = try reader.byte()
                let data = try reader.take(try reader.variableLength())
                if type == 0x2F { break }
                readMeta(type, data)
            case 0xF0, 0xF7:
                runningStatus = nil
                try reader.skip(try reader.variableLength())
            case 0x80 ... 0xEF:
                runningStatus = status
                let channel = Int(status & 0x0F)
                let dataCount = (0xC0 ... 0xDF).contains(status) ? 1 : 2
                let first = try firstData ?? reader.byte()
                let second = dataCount == 2 ? try reader.byte() : 0
                guard first < 0x80, second < 0x80 else {
                    throw MIDIError.malformed("data", offset: reader.position - 1, what: "data byte above 127")
                }
                switch status & 0xF0 {
                case 0x90 where second > 0: noteOn(channel: channel, pitch: Int(first), velocity: Int(second), tick: tick)
                case 0x80, 0x90: noteOff(channel: channel, pitch: Int(first), tick: tick)
                case 0xC0: if programs[channel] == nil { programs[channel] = Int(first) }
                default: break
                }
            default:
                throw MIDIError.malformed("data", offset: reader.position - 1, what: String(format: "unknown status byte 0x%02X", status))
            }
        }
        // Notes never released end with the track.
        for (slot, starts) in sounding.sorted(by: { $0.key < $1.key }) {
            for start in starts { record(channel: slot / 128, pitch: slot % 128, start: start.start, velocity: start.velocity, end: max(tick, start.start)) }
        }
        sounding = [:]
    }

    private mutating func readMeta(_ type: UInt8, _ data: [UInt8]) {
        switch type {
        case 0x03 where name.isEmpty:
            name = String(decoding: data, as: UTF8.self)
        case 0x51 where data.count == 3 && tempo == nil:
            let microseconds = data.reduce(0) { $0 << 8 | Int($1) }
            if microseconds > 0 { tempo = Tempo(beatsPerMinute: 60_000_000 / Double(microseconds)) }
        case 0x58 where data.count >= 2 && meter == nil && data[0] > 0 && data[1] < 8:
            meter = Meter(beats: Int(data[0]), beatUnit: 1 << Int(data[1]))
        case 0x59 where data.count == 2 && key == nil:
            let fifths = Int(Int8(bitPattern: data[0]))
            if (-7 ... 7).contains(fifths) { key = Key(fifths: fifths, mode: data[1] == 1 ? .minor : .major) }
        default:
            break
        }
    }

    private mutating func noteOn(channel: Int, pitch: Int, velocity: Int, tick: Int) {
        sounding[channel * 128 + pitch, default: []].append((tick, velocity))
    }

    private mutating func noteOff(channel: Int, pitch: Int, tick: Int) {
        let slot = channel * 128 + pitch
        guard var starts = sounding[slot], !starts.isEmpty else { return }  // a stray note-off changes nothing
        let first = starts.removeFirst()
        sounding[slot] = starts.isEmpty ? nil : starts
        record(channel: channel, pitch: pitch, start: first.start, velocity: first.velocity, end: tick)
    }

    private mutating func record(channel: Int, pitch: Int, start: Int, velocity: Int, end: Int) {
        notesByChannel[channel, default: []].append(FoundNote(pitch: pitch, start: start, end: end, velocity: velocity))
    }
}
