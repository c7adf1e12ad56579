import KioskDomain

/// Builds identity numbers for tests with its own MOD 11-2 arithmetic, written differently from
/// the library's weight table: weights are powers of two mod 11, and the check value is (12 − sum) mod 11.
enum IdentityNumberFixture {
    /// The weight of the character at `index` (0 = leftmost of 18): 2^(17 − index) mod 11.
    static func weight(at index: Int) -> Int {
        var power = 1
        for _ in 0..<(17 - index) { power = power * 2 % 11 }
        return power
    }

    /// The check character for 17 digits.
    static func checkCharacter(for body: String) -> Character {
        var sum = 0
        for (index, character) in body.enumerated() {
            sum += character.wholeNumberValue! * weight(at: index)
        }
        let value = (12 - sum % 11) % 11
        return value == 10 ? "X" : Character(String(value))
    }

    /// A complete number with a correct check character.
    static func number(address: String = "530102", birth: String, sequence: String) -> String {
        let body = address + birth + sequence
        return body + String(checkCharacter(for: body))
    }

    /// The first sequence from 001 on whose number gets the check character `wanted`.
    static func number(address: String = "530102", birth: String, checkCharacter wanted: Character) -> String? {
        for value in 1...999 {
            let sequence = String(1000 + value).dropFirst()
            let candidate = number(address: address, birth: birth, sequence: String(sequence))
            if candidate.last == wanted { return candidate }
        }
        return nil
    }

    /// The date the tests treat as today.
    static func today() throws -> CalendarDate {
        try CalendarDate(iso: "2025-06-01")
    }

    /// The error parsing `text` throws, or nil if it parses.
    static func parseError(_ text: String, today: CalendarDate) -> ResidentIdentityNumberError? {
        do {
            _ = try ResidentIdentityNumber(text, today: today)
            return nil
        } catch {
            return error
        }
    }
}
