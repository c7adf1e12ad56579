/// An 18-character resident identity number (公民身份号码, GB 11643-1999), validated.
///
/// The number is personal data: ``description`` masks all but the last four characters, so
/// interpolating a number into a log line or message does not leak it. Use ``normalized`` only
/// where the whole number is really needed (storage, the police interface).
public struct ResidentIdentityNumber: Hashable, Sendable {
    /// The number as 18 ASCII characters, upper-case `X` as the check character where it is one.
    public let normalized: String
    /// The date of birth in characters 7–14.
    public let birthDate: CalendarDate
    /// The sequence number in characters 15–17, 0–999; its parity gives the ``sex``.
    public let sequence: Int

    /// Validates a typed number, rejecting a birth date after `today`.
    ///
    /// Accepts a lower-case `x`, full-width digits and white space anywhere (all removed). Checks,
    /// in order: the length (18), that the first 17 characters are digits, that characters 7–14
    /// are a real date from 1800 on, the check character (ISO 7064 MOD 11-2), and the date against `today`.
    public init(_ text: String, today: CalendarDate) throws(ResidentIdentityNumberError) {
        try self.init(validatingFormatOf: text)
        guard birthDate <= today else { throw .birthDateInFuture(birthDate, today: today) }
    }

    /// Validates everything except that the birth date is not in the future (used when decoding a stored number).
    init(validatingFormatOf text: String) throws(ResidentIdentityNumberError) {
        let characters = TypedInput.compacted(text).map { $0 == "x" ? "X" : $0 }
        guard characters.count == Self.length else { throw .wrongLength(characters.count) }
        let digits = try Self.leadingDigits(of: characters)
        birthDate = try Self.birthDate(from: digits)
        try Self.verifyCheckCharacter(characters[Self.length - 1], digits: digits)
        sequence = digits[14] * 100 + digits[15] * 10 + digits[16]
        normalized = String(characters)
    }

    /// The address code in characters 1–6: the GB/T 2260 county code where the number was first issued.
    public var addressCode: String { String(normalized.prefix(6)) }

    /// The sex given by the sequence: odd male, even female.
    public var sex: Sex { Sex(sequence: sequence) }

    /// The check character, `0`–`9` or `X`.
    public var checkCharacter: Character { normalized.last! }

    /// The check character that the first 17 digits (each 0–9) call for under ISO 7064 MOD 11-2.
    public static func checkCharacter(forDigits digits: [Int]) -> Character? {
        guard digits.count == weights.count, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    static let length = 18
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = Array("10X98765432")
    static let earliestBirthYear = 1800

    /// The values of the first 17 characters, which must all be ASCII digits.
    private static func leadingDigits(of characters: [Character]) throws(ResidentIdentityNumberError) -> [Int] {
        var digits: [Int] = []
        for (index, character) in characters.prefix(length - 1).enumerated() {
            guard TypedInput.isDigit(character) else { throw .notADigit(character, position: index + 1) }
            digits.append(TypedInput.digitValue(character))
        }
        return digits
    }

    /// The date in digits 7–14 (`YYYYMMDD`), which must exist and be no earlier than 1800.
    private static func birthDate(from digits: [Int]) throws(ResidentIdentityNumberError) -> CalendarDate {
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        let year = number(6..<10)
        guard year >= earliestBirthYear else { throw .birthYearTooEarly(year) }
        do {
            return try CalendarDate(year: year, month: number(10..<12), day: number(12..<14))
        } catch {
            throw .impossibleBirthDate(error)
        }
    }

    /// Throws unless `character` is the check character that `digits` call for.
    private static func verifyCheckCharacter(
        _ character: Character, digits: [Int]
    ) throws(ResidentIdentityNumberError) {
        guard TypedInput.isDigit(character) || character == "X" else {
            throw .notACheckCharacter(character)
        }
        let expected = checkCharacter(forDigits: digits)!
        guard character == expected else { throw .wrongCheckCharacter(character, expected: expected) }
    }
}

extension ResidentIdentityNumber {
    /// Throws if the child's record disagrees with what the number encodes: birth date first, then sex.
    ///
    /// The message names both values, such as "the identity number gives birth date 2015-03-07,
    /// the record says 2015-03-08", so the worker can see which one to correct.
    public func checkConsistency(birthDate: CalendarDate, sex: Sex) throws(ResidentIdentityNumberError) {
        guard birthDate == self.birthDate else {
            throw .birthDateMismatch(number: self.birthDate, record: birthDate)
        }
        guard sex == self.sex else { throw .sexMismatch(number: self.sex, record: sex) }
    }
}

extension ResidentIdentityNumber: CustomStringConvertible, CustomDebugStringConvertible {
    /// The number masked to its last four characters, such as `**************002X`, safe for logs.
    public var description: String {
        String(repeating: "*", count: Self.length - 4) + normalized.suffix(4)
    }

    /// The same masked form as ``description``.
    public var debugDescription: String { "ResidentIdentityNumber(\(description))" }
}

extension ResidentIdentityNumber: Codable {
    /// Decodes the 18-character string, validating it except against today's date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(validatingFormatOf: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the 18-character ``normalized`` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized)
    }
}
