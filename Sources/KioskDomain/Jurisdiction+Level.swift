extension Jurisdiction {
    /// How far down the hierarchy a jurisdiction reaches; a struct so that levels can be added later.
    public struct Level: Hashable, Sendable, CustomStringConvertible {
        /// How many leading digits of a division code this level fixes.
        public let digitCount: Int
        /// The level's name, such as `"township"`.
        public let name: String

        private init(digitCount: Int, name: String) {
            self.digitCount = digitCount
            self.name = name
        }

        /// A county (县/区/县级市): 6 digits, the GB/T 2260 code.
        public static let county = Level(digitCount: 6, name: "county")
        /// A township (乡/镇/街道): 9 digits.
        public static let township = Level(digitCount: 9, name: "township")
        /// A village or community (村/社区): 12 digits.
        public static let village = Level(digitCount: 12, name: "village")

        /// The level's name.
        public var description: String { name }
    }
}
