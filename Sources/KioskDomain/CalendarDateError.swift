/// Why some text or numbers do not make a ``CalendarDate``.
public struct CalendarDateError: Error, Hashable, Sendable {
    /// A kind of date error; new kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case notISO = "not_iso"
            case yearOutOfRange = "year_out_of_range"
            case monthOutOfRange = "month_out_of_range"
            case dayOutOfRange = "day_out_of_range"
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The text is not of the form `YYYY-MM-DD`.
        public static let notISO = Self(.notISO)
        /// The year is not between 1 and 9999.
        public static let yearOutOfRange = Self(.yearOutOfRange)
        /// The month is not between 1 and 12.
        public static let monthOutOfRange = Self(.monthOutOfRange)
        /// The day does not exist in that month, such as 30 February or day 0.
        public static let dayOutOfRange = Self(.dayOutOfRange)

        /// A stable snake_case name for logs and the wire, such as `day_out_of_range`.
        public var description: String { wrapped.rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// What is wrong, in words a person entering the date can act on.
    public var message: String

    /// Creates an error from a code and a message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    static func notISO(_ text: String) -> Self {
        Self(code: .notISO, message: "a date is written YYYY-MM-DD, such as 2015-03-07, not '\(text)'")
    }

    static func yearOutOfRange(_ year: Int) -> Self {
        Self(code: .yearOutOfRange, message: "year \(year) is outside 0001–9999")
    }

    static func monthOutOfRange(_ month: Int) -> Self {
        Self(code: .monthOutOfRange, message: "there is no month \(CalendarDate.padded(month, to: 2)); months are 01–12")
    }

    static func dayOutOfRange(_ day: Int, month: Int, year: Int, length: Int) -> Self {
        let monthName = CalendarDateError.monthNames[month - 1]
        return Self(
            code: .dayOutOfRange,
            message: "there is no day \(CalendarDate.padded(day, to: 2)) in \(monthName) \(year), which has \(length) days"
        )
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}

extension CalendarDateError: CustomStringConvertible {
    /// The message.
    public var description: String { message }
}
