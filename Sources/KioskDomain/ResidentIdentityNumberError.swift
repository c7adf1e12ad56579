/// Why a resident identity number is not valid, or disagrees with a record.
///
/// Messages never contain the whole number: at most a position, one character and the expected one,
/// or the birth date, which the worker entering the record already has.
public struct ResidentIdentityNumberError: Error, Hashable, Sendable {
    /// A kind of identity-number error; new kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case wrongLength = "wrong_length"
            case invalidCharacter = "invalid_character"
            case invalidBirthDate = "invalid_birth_date"
            case wrongCheckCharacter = "wrong_check_character"
            case birthDateInFuture = "birth_date_in_future"
            case birthDateMismatch = "birth_date_mismatch"
            case sexMismatch = "sex_mismatch"
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The number does not have 18 characters.
        public static let wrongLength = Self(.wrongLength)
        /// A character is not a digit (or, in position 18, not a digit or `X`).
        public static let invalidCharacter = Self(.invalidCharacter)
        /// Characters 7–14 are not a real date from 1800 on.
        public static let invalidBirthDate = Self(.invalidBirthDate)
        /// The check character does not match the first 17 digits.
        public static let wrongCheckCharacter = Self(.wrongCheckCharacter)
        /// The birth date is after today.
        public static let birthDateInFuture = Self(.birthDateInFuture)
        /// The record's birth date differs from the number's.
        public static let birthDateMismatch = Self(.birthDateMismatch)
        /// The record's sex differs from the number's.
        public static let sexMismatch = Self(.sexMismatch)

        /// A stable snake_case name for logs and the wire, such as `wrong_check_character`.
        public var description: String { wrapped.rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// What is wrong, in words a person at a kiosk can act on; never the whole number.
    public var message: String
    /// The 1-based position of the offending character, where one character is at fault.
    public var position: Int?

    /// Creates an error from a code, a message and optionally the position at fault.
    public init(code: Code, message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }
}

extension ResidentIdentityNumberError: CustomStringConvertible {
    /// The message.
    public var description: String { message }
}

extension ResidentIdentityNumberError {
    static func wrongLength(_ count: Int) -> Self {
        var message = count == 0
            ? "the identity number is empty; it has 18 characters"
            : "an identity number has 18 characters, this one has \(count)"
        if count == 15 {
            message += "; a 15-digit number is from an old first-generation card, ask for the 18-character number"
        }
        return Self(code: .wrongLength, message: message)
    }

    static func notADigit(_ character: Character, position: Int) -> Self {
        Self(
            code: .invalidCharacter,
            message: "character \(position) should be a digit, not \(TypedInput.quoted(character))",
            position: position
        )
    }

    static func notACheckCharacter(_ character: Character) -> Self {
        Self(
            code: .invalidCharacter,
            message: "the check character (character 18) should be a digit or 'X', not \(TypedInput.quoted(character))",
            position: 18
        )
    }

    static func birthYearTooEarly(_ year: Int) -> Self {
        Self(
            code: .invalidBirthDate,
            message: "characters 7–14 should be the birth date YYYYMMDD, but year \(CalendarDate.padded(year, to: 4)) is before 1800",
            position: 7
        )
    }

    static func impossibleBirthDate(_ error: CalendarDateError) -> Self {
        Self(
            code: .invalidBirthDate,
            message: "characters 7–14 should be the birth date YYYYMMDD, but \(error.message)",
            position: 7
        )
    }

    static func wrongCheckCharacter(_ found: Character, expected: Character) -> Self {
        Self(
            code: .wrongCheckCharacter,
            message: "check character should be '\(expected)', not '\(found)'; "
                + "if the card shows '\(found)', check the first 17 digits for a typing mistake",
            position: 18
        )
    }

    static func birthDateInFuture(_ birthDate: CalendarDate, today: CalendarDate) -> Self {
        Self(
            code: .birthDateInFuture,
            message: "the identity number gives birth date \(birthDate), which is after today (\(today))",
            position: 7
        )
    }

    static func birthDateMismatch(number: CalendarDate, record: CalendarDate) -> Self {
        Self(
            code: .birthDateMismatch,
            message: "the identity number gives birth date \(number), the record says \(record)"
        )
    }

    static func sexMismatch(number: Sex, record: Sex) -> Self {
        Self(
            code: .sexMismatch,
            message: "the identity number gives sex \(number) (character 17 is \(number == .male ? "odd" : "even")), "
                + "the record says \(record)"
        )
    }
}
