import Foundation

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): the
/// generator's only source of chance.
///
/// Everything the specimen generator varies (names, numbers, dates, guilloche phases, noise) is drawn from one of
/// these, seeded from the run's seed and the document's index, never from the system's entropy. The same seed
/// therefore gives the same documents, byte for byte, in any order and on any number of threads. The helpers
/// below (integers in a range, doubles, Gaussians) are written here rather than taken from the standard library,
/// whose algorithms for `random(in:using:)` may change between releases.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for one purpose of one document: `SplitMix64(seed: 7, stream: 12, purpose: "content")`.
    ///
    /// The purpose keeps the streams apart, so drawing one more number for the guilloche does not change the
    /// holder's name.
    public init(seed: UInt64, stream: UInt64, purpose: String) {
        var mixer = SplitMix64(seed: seed)
        let base = mixer.next()
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
        for byte in purpose.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var second = SplitMix64(seed: base ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ hash)
        state = second.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform integer in `range`, by rejection (no modulo bias).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        let limit = UInt64.max - (UInt64.max % span)
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound + Int(value % span)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in `range`.
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    public mutating func element<Element>(of array: [Element]) -> Element {
        precondition(!array.isEmpty, "cannot choose from an empty list")
        return array[integer(in: 0...(array.count - 1))]
    }

    /// -1 or +1.
    public mutating func sign() -> Double {
        chance(0.5) ? -1 : 1
    }

    /// An approximately standard normal deviate from one draw: the sum of four 16-bit uniforms (Irwin-Hall), which
    /// matches a Gaussian to within a few per cent over ±3 sigma. Sensor noise needs millions of these.
    public mutating func approximateGaussian() -> Double {
        let value = next()
        let sum = (value & 0xFFFF) + ((value >> 16) & 0xFFFF) + ((value >> 32) & 0xFFFF) + (value >> 48)
        // Mean 4 * 32767.5, standard deviation 65536 * sqrt(4 / 12).
        return (Double(sum) - 131_070) / 37_837.23
    }

    /// A standard normal deviate (Box-Muller).
    public mutating func gaussian() -> Double {
        let first = max(unit(), 0x1p-60)
        let second = unit()
        return (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
    }
}

