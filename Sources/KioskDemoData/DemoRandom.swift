import Foundation

/// The generator's random numbers: SplitMix64, so that one seed gives the same county on every
/// machine and Swift version (the standard library's generator is not seedable).
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator for `seed`, split by `stream` so that parts of the county (a village, a plugin)
    /// draw from their own sequence and adding one part does not shift another.
    init(seed: UInt64, stream: UInt64 = 0) {
        self.state = seed &+ stream &* 0x9E37_79B9_7F4A_7C15
        _ = self.next()
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(self.next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        Double(self.next() >> 11) / Double(1 << 53)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        self.unit() < p
    }

    /// A normal deviate (Box–Muller).
    mutating func normal(mean: Double = 0, deviation: Double = 1) -> Double {
        let u = max(self.unit(), 1e-12)
        let v = self.unit()
        return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T {
        items[self.int(0...(items.count - 1))]
    }

    /// One of `choices`, each with its weight.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var draw = self.unit() * total
        for (item, weight) in choices {
            draw -= weight
            if draw < 0 { return item }
        }
        return choices[choices.count - 1].0
    }
}
