import Foundation
import XCTest
@testable import NeuralCore

final class SafeTensorsTests: XCTestCase {
    // MARK: Writing and reading back

    func testFloat32RoundTripIsExact() throws {
        var generator = RandomGenerator(seed: 3)
        let tensors = [
            "encoder.weight": Initializer.normal([4, 3], standardDeviation: 1, generator: &generator),
            "encoder.bias": Tensor(shape: [3], scalars: [.infinity, -0.0, .leastNonzeroMagnitude]),
            "step": Tensor(42),
            "nothing": Tensor(zeros: [0, 5]),
        ]
        let metadata = ["config": "{\"layers\": 2}", "vocabulary": "ab\"c\\\n\t\u{1}é✓"]
        let file = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: metadata))
        XCTAssertEqual(file.tensors, tensors)
        XCTAssertEqual(file.metadata, metadata)
    }

    func testFloat16RoundTripRoundsToNearestHalf() throws {
        let values: [Float] = [1, -2.5, 0.1, 1.0 / 3, 65504, 1e-6, 70000]
        let file = try SafeTensors.decode(SafeTensors.encode(["x": Tensor(shape: [7], scalars: values)], storing: .float16))
        let expected: [Float] = [1, -2.5, 0.0999755859375, 0.333251953125, 65504, 0x1.1p-20, .infinity]
        XCTAssertEqual(file.tensors["x"]?.scalars, expected)
    }

    func testWriteGoesThroughTheFileSystem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try SafeTensors.write(["w": Tensor(shape: [2], scalars: [1, 2])], metadata: ["kind": "test"], to: url)
        let file = try SafeTensors.read(from: url)
        XCTAssertEqual(file.tensors["w"]?.scalars, [1, 2])
        XCTAssertEqual(file.metadata, ["kind": "test"])
    }

    func testReadingAMissingFileSaysSo() {
        let url = URL(fileURLWithPath: "/nonexistent/model.safetensors")
        XCTAssertThrowsError(try SafeTensors.read(from: url)) { error in
            guard case SafeTensorsError.cannotRead(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
            XCTAssertEqual("\(error)", "cannot read /nonexistent/model.safetensors: no such file")
        }
    }

    // MARK: Exact bytes

    func testEncodingIsDeterministic() {
        var forward: [String: Tensor] = [:], backward: [String: Tensor] = [:]
        let names = (0 ..< 20).map { "layer\($0).weight" }
        for name in names { forward[name] = Tensor(Float(name.count)) }
        for name in names.reversed() { backward[name] = Tensor(Float(name.count)) }
        let metadata = ["b": "2", "a": "1", "c": "3"]
        XCTAssertEqual(SafeTensors.encode(forward, metadata: metadata), SafeTensors.encode(backward, metadata: metadata))
    }

    func testTinyFileHasTheReferenceBytes() {
        // The reference implementation's own serialisation example: one F32 tensor of shape [1, 2, 3].
        let tensor = Tensor(shape: [1, 2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let header = #"{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}"#
        var expected: [UInt8] = [64, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8)
        XCTAssertEqual(expected.count, 8 + 64, "this header needs no padding")
        for value in tensor.scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { expected += $0 } }
        XCTAssertEqual(Array(SafeTensors.encode(["attn.0": tensor])), expected)

        // No tensors: "{}" padded with six spaces to eight bytes.
        XCTAssertEqual(Array(SafeTensors.encode([:])), [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32])
    }

    // MARK: Interoperability with Python's safetensors

    func testReadsEveryDataTypePythonWrites() throws {
        let file = try loadFixture("safetensors_python_types")
        XCTAssertEqual(file.metadata, ["source": "fixtures_safetensors.py"])
        let t = file.tensors
        XCTAssertEqual(t["float32"], Tensor(shape: [2, 3], scalars: [-0.5, -0.25, 0, 0.25, 0.5, 0.75]))
        for kind in ["float16", "bfloat16", "float64"] {
            let read = try XCTUnwrap(t[kind]), expected = try XCTUnwrap(t[kind + "_as_float32"])
            XCTAssertEqual(read.shape, expected.shape, kind)
            XCTAssertEqual(read.scalars.map(\.bitPattern), expected.scalars.map(\.bitPattern), kind)
        }
        XCTAssertEqual(t["scalar"], Tensor(3.5))
        XCTAssertEqual(t["empty"]?.shape, [0, 3])
    }

    func testFloat16RoundingMatchesTorch() throws {
        let file = try loadFixture("safetensors_python_types")
        let source = try XCTUnwrap(file.tensors["rounding_source"]).scalars
        let torchHalves = try XCTUnwrap(file.tensors["rounding_float16"]).scalars
        for (value, torchHalf) in zip(source, torchHalves) {
            XCTAssertEqual(value.halfPrecisionBits, torchHalf.halfPrecisionBits, "\(value)")
        }
    }

    func testWritesTheSameBytesAsPython() throws {
        let tensors = ["weight": Tensor(shape: [2, 3], scalars: [1, -2, 0.5, 0.25, 3, -0.125]),
                       "bias": Tensor(shape: [2], scalars: [0.1, 0.2])]
        for (dataType, name) in [(SafeTensorsDataType.float32, "float32"), (.float16, "float16")] {
            let url = try XCTUnwrap(fixtureURL("safetensors_python_bytes_" + name))
            let python = try Data(contentsOf: url)
            XCTAssertEqual(SafeTensors.encode(tensors, metadata: ["format": "pt"], storing: dataType), python, name)
        }
    }

    /// The content of the files Belamy writes for Python to check (fixtures_safetensors.py's BELAMY_TENSORS).
    static let belamyFixtureTensors = [
        "layer.weight": Tensor(shape: [2, 3], scalars: [0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0]),
        "layer.bias": Tensor(shape: [2], scalars: [0.1, -0.2]),
        "step": Tensor(7),
        "empty": Tensor(zeros: [0, 4]),
    ]
    static let belamyFixtureMetadata = ["config": #"{"hidden": 4}"#, "title": "Portrait — ✓\n\"quoted\"\t\u{1}"]

    /// Holds the committed Belamy-written fixtures (which Python verifies) to the current writer.
    /// `BELAMY_UPDATE_FIXTURES=1` rewrites them in the source tree instead.
    func testBelamyWrittenFixturesAreCurrent() throws {
        for (dataType, name) in [(SafeTensorsDataType.float32, "float32"), (.float16, "float16")] {
            let bytes = SafeTensors.encode(Self.belamyFixtureTensors, metadata: Self.belamyFixtureMetadata, storing: dataType)
            let fixtureName = "safetensors_belamy_" + name
            if ProcessInfo.processInfo.environment["BELAMY_UPDATE_FIXTURES"] == "1" {
                let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
                try SafeTensors.write(Self.belamyFixtureTensors, metadata: Self.belamyFixtureMetadata, storing: dataType,
                                      to: folder.appendingPathComponent(fixtureName + ".safetensors"))
                continue
            }
            let url = try XCTUnwrap(fixtureURL(fixtureName), "run BELAMY_UPDATE_FIXTURES=1 swift test --filter SafeTensorsTests")
            XCTAssertEqual(try Data(contentsOf: url), bytes, fixtureName)
        }
    }

    // MARK: Malformed files

    func testRejectsFilesTooShortForTheirHeader() {
        assertDecoding(Data([1, 2, 3]), fails: .fileTooShort(byteCount: 3))
        assertDecoding(file(headerLength: 100_000_001, header: "{}"), fails: .headerTooLarge(byteCount: 100_000_001))
        assertDecoding(file(headerLength: .max, header: "{}"), fails: .headerTooLarge(byteCount: .max))
        assertDecoding(file(headerLength: 100, header: "{}"), fails: .headerBeyondFile(headerByteCount: 100, fileByteCount: 16))
    }

    func testRejectsHeadersThatAreNotAJSONObject() {
        for header in [#"{"a":"#, "{} x", "{,}", #"{"a":01}"#, #"{"a":"\ud800"}"#, "{\"a\":\"\u{1}\"}",
                       "{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"] {
            assertDecoding(file(header: header), failsWith: "header \(header.prefix(20))") {
                if case .headerNotJSON = $0 { return true } else { return false }
            }
        }
        var invalidUTF8 = Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        invalidUTF8 += repeatElement(UInt8(ascii: " "), count: (8 - invalidUTF8.count % 8) % 8)
        assertDecoding(file(headerBytes: invalidUTF8), fails: .headerNotJSON(reason: "not UTF-8"))
        assertDecoding(file(header: "[]"), fails: .headerNotObject)
        assertDecoding(file(header: #"{"a":{}, "a":{}}"#), fails: .duplicateKey("a"))
    }

    func testRejectsMalformedMetadata() {
        assertDecoding(file(header: #"{"__metadata__":"pt"}"#), fails: .metadataNotObject)
        assertDecoding(file(header: #"{"__metadata__":{"format":"pt","steps":100}}"#), fails: .metadataValueNotString(key: "steps"))
    }

    func testRejectsMalformedTensorEntries() {
        assertDecoding(file(header: #"{"a":[]}"#), fails: .invalidTensorEntry(tensor: "a", reason: "not an object"))
        assertDecoding(file(header: #"{"a":{"shape":[],"data_offsets":[0,4]}}"#, data: 4),
                       fails: .invalidTensorEntry(tensor: "a", reason: "missing 'dtype'"))
        assertDecoding(file(header: entry("a", dtype: "I64", shape: "[1]", offsets: "[0,8]"), data: 8),
                       fails: .unsupportedDataType(tensor: "a", dataType: "I64"))
        assertDecoding(file(header: entry("a", dtype: "float32", shape: "[1]", offsets: "[0,4]"), data: 4),
                       fails: .unsupportedDataType(tensor: "a", dataType: "float32"))
    }

    func testRejectsInvalidShapes() {
        let cases = [("[-1]", "negative dimension -1"), ("[1.5]", "dimensions must be integers"),
                     ("[\"2\"]", "dimensions must be integers"),
                     ("[99999999999999999999]", "dimension 99999999999999999999 is too large"),
                     ("[4294967296,4294967296]", "element count overflows"),
                     ("[3037000499,3037000499]", "byte count overflows")]
        for (shape, reason) in cases {
            assertDecoding(file(header: entry("a", shape: shape, offsets: "[0,4]"), data: 4),
                           fails: .invalidShape(tensor: "a", reason: reason))
        }
    }

    func testRejectsOffsetsThatDoNotFitTheData() {
        for offsets in ["[4,0]", "[0]", "[0,4,8]", "[-4,0]", "[\"0\",\"4\"]", "[0,4.0]"] {
            assertDecoding(file(header: entry("a", shape: "[1]", offsets: offsets), data: 4), fails: .invalidOffsets(tensor: "a"))
        }
        assertDecoding(file(header: entry("a", shape: "[2]", offsets: "[0,8]"), data: 4),
                       fails: .offsetsOutOfRange(tensor: "a", end: 8, dataByteCount: 4))
        assertDecoding(file(header: entry("a", shape: "[2]", offsets: "[0,4]"), data: 4),
                       fails: .sizeMismatch(tensor: "a", expectedByteCount: 8, actualByteCount: 4))
        assertDecoding(file(header: entry("a", dtype: "F16", shape: "[2]", offsets: "[0,8]"), data: 8),
                       fails: .sizeMismatch(tensor: "a", expectedByteCount: 4, actualByteCount: 8))
    }

    func testRejectsTensorsThatOverlapOrLeaveGaps() {
        let overlapping = "{" + entry("b", shape: "[2]", offsets: "[4,12]", braces: false) + ","
            + entry("a", shape: "[2]", offsets: "[0,8]", braces: false) + "}"
        assertDecoding(file(header: overlapping, data: 12), fails: .overlappingTensors("a", "b"))
        let gap = "{" + entry("a", shape: "[1]", offsets: "[0,4]", braces: false) + ","
            + entry("b", shape: "[1]", offsets: "[8,12]", braces: false) + "}"
        assertDecoding(file(header: gap, data: 12), fails: .uncoveredData(4 ..< 8))
        assertDecoding(file(header: entry("a", shape: "[1]", offsets: "[0,4]"), data: 8), fails: .uncoveredData(4 ..< 8))
        assertDecoding(file(header: "{}", data: 1), fails: .uncoveredData(0 ..< 1))
        assertDecoding(file(header: entry("a", shape: "[1]", offsets: "[4,8]"), data: 8), fails: .uncoveredData(0 ..< 4))
    }

    func testRefusesMoreValuesThanBelamyReadsBeforeConvertingAny() throws {
        // Only the header is judged, against the size of the data section it would need: the 2 GiB
        // of values are never present, let alone allocated.
        let count = SafeTensors.maximumElementCount + 1
        let header = entry("a", dtype: "F16", shape: "[\(count)]", offsets: "[0,\(2 * count)]")
        XCTAssertThrowsError(try SafeTensorsHeader(HeaderJSON.parse(Array(header.utf8)), dataByteCount: 2 * count)) { error in
            XCTAssertEqual(error as? SafeTensorsError, .tooManyElements(count))
            XCTAssertEqual("\(error)", "safetensors file holds 1073741825 values, more than the 1073741824 Belamy reads")
        }
    }

    func testAcceptsTheReferenceReadersLeniencies() throws {
        // Unknown entry fields are ignored, whitespace is free, and tensors may be listed in any order.
        let header = #"{ "b" : {"dtype":"F32","shape":[1],"data_offsets":[4,8],"note":1},"#
            + #" "a": {"data_offsets":[0,4],"shape":[],"dtype":"F32"} }"#
        let file = try SafeTensors.decode(file(header: header, data: 8))
        XCTAssertEqual(file.tensors["a"]?.shape, [])
        XCTAssertEqual(file.tensors["b"]?.shape, [1])
    }

    func testCorruptedFilesNeverCrash() {
        let valid = SafeTensors.encode(Self.belamyFixtureTensors, metadata: Self.belamyFixtureMetadata)
        for length in 0 ..< valid.count {
            XCTAssertThrowsError(try SafeTensors.decode(valid.prefix(length)))
        }
        var generator = RandomGenerator(seed: 9)
        for _ in 0 ..< 2000 {
            var corrupted = valid
            for _ in 0 ... generator.integer(below: 3) {
                corrupted[generator.integer(below: corrupted.count)] = UInt8(truncatingIfNeeded: generator.next())
            }
            do { _ = try SafeTensors.decode(corrupted) } catch { XCTAssertTrue(error is SafeTensorsError, "\(error)") }
        }
    }

    // MARK: Helpers

    /// A tensor header entry; F32 unless said otherwise.
    private func entry(_ name: String, dtype: String = "F32", shape: String, offsets: String, braces: Bool = true) -> String {
        let body = #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
        return braces ? "{" + body + "}" : body
    }

    /// A file with `header` (padded to 8 bytes) and `data` zero bytes; `headerLength` overrides the length field.
    private func file(headerLength: UInt64? = nil, header: String, data: Int = 0) -> Data {
        var bytes = Array(header.utf8)
        bytes += repeatElement(UInt8(ascii: " "), count: (8 - bytes.count % 8) % 8)
        return file(headerLength: headerLength, headerBytes: bytes, data: data)
    }

    private func file(headerLength: UInt64? = nil, headerBytes: [UInt8], data: Int = 0) -> Data {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (headerLength ?? UInt64(headerBytes.count)).littleEndian) { bytes += $0 }
        return Data(bytes + headerBytes + [UInt8](repeating: 0, count: data))
    }

    private func assertDecoding(_ data: Data, fails expected: SafeTensorsError, line: UInt = #line) {
        assertDecoding(data, failsWith: "\(expected)", line: line) { $0 == expected }
    }

    private func assertDecoding(_ data: Data, failsWith expectation: String, line: UInt = #line,
                                _ matches: (SafeTensorsError) -> Bool) {
        do {
            let file = try SafeTensors.decode(data)
            XCTFail("decoded \(file.tensors.keys.sorted()) instead of failing with \(expectation)", line: line)
        } catch let error as SafeTensorsError {
            XCTAssertTrue(matches(error), "got \(error), expected \(expectation)", line: line)
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
    }
}
