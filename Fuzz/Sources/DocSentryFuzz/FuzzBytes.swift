/// Reads fuzz bytes as choices; past the end every read is 0, so any input, however short, builds a value.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isExhausted: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// 0 ..< count.
    mutating func below(_ count: Int) -> Int { Int(byte()) % count }

    /// 0 ... 1 in 256 steps.
    mutating func unit() -> Double { Double(byte()) / 255 }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// Up to `limit` bytes as UTF-8 (invalid sequences become U+FFFD, as `String(decoding:)` makes them).
    mutating func text(upTo limit: Int) -> String {
        let count = below(limit + 1)
        var taken: [UInt8] = []
        for _ in 0..<count where !isExhausted { taken.append(byte()) }
        return String(decoding: taken, as: UTF8.self)
    }
}

/// The 37 MRZ characters, filler first (Doc 9303 Part 3 §4.3).
let mrzAlphabet: [Character] = Array("<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
