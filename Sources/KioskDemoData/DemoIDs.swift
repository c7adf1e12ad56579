/// Record ids for generated rows, in the registry's form (a letter, then 11 characters of Crockford's
/// base-32 alphabet) but unique by construction: the county, the township and a counter, mixed by an
/// invertible multiplication so that ids do not look sequential.
struct DemoIDs {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    private let base: UInt64
    private var counter: UInt64 = 0

    /// Ids of township `township` (0…127) in county `county` (0…511).
    init(county: Int, township: Int) {
        self.base = (UInt64(county) << 46) | (UInt64(township) << 39)
    }

    /// The next id starting with `prefix`.
    mutating func make(_ prefix: Character) -> String {
        self.counter += 1
        let mask: UInt64 = (1 << 55) - 1
        var value = ((self.base | self.counter) &* 0x5DEE_CE66_D1CE_4E5B) & mask
        var id = String(prefix)
        var characters: [Character] = []
        for _ in 0..<11 {
            characters.append(Self.alphabet[Int(value & 31)])
            value >>= 5
        }
        id.append(contentsOf: characters.reversed())
        return id
    }
}
