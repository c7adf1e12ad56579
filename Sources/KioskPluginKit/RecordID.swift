import GRPCCore

/// Random record ids, for the core's records and plugins' alike: a letter for the kind of record,
/// then 11 characters of Crockford's base-32 alphabet (55 bits), e.g. `C7KQ2M9XH4TB`. Ids carry
/// nothing about the person.
public enum RecordID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new id starting with `prefix`.
    public static func make(_ prefix: Character) -> String {
        var generator = SystemRandomNumberGenerator()
        var id = String(prefix)
        for _ in 0..<11 {
            id.append(self.alphabet[Int(generator.next(upperBound: UInt32(self.alphabet.count)))])
        }
        return id
    }
}
