/// Random ids for the plugin's records: a letter for the kind, then 11 characters of Crockford's
/// base-32 alphabet. Ids carry nothing about the child.
enum NutritionIDs {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make(_ prefix: Character) -> String {
        var generator = SystemRandomNumberGenerator()
        var id = String(prefix)
        for _ in 0..<11 {
            id.append(self.alphabet[Int(generator.next(upperBound: UInt32(self.alphabet.count)))])
        }
        return id
    }
}
