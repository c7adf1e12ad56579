/// A day in the proleptic Gregorian calendar, with no time and no time zone: a date of birth.
///
/// Dates compare chronologically and encode as an ISO 8601 string, `"2015-03-07"`.
/// Years run from 1 to 9999 so that every date has a four-digit ISO form.
public struct CalendarDate: Hashable, Comparable, Sendable {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 (January) to 12 (December).
    public let month: Int
    /// The day of the month, 1 to the length of that month.
    public let day: Int

    /// Creates a date, rejecting a month or day that does not exist (such as 2023-02-30).
    public init(year: Int, month: Int, day: Int) throws(CalendarDateError) {
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .monthOutOfRange(month) }
        let length = Self.numberOfDays(inMonth: month, year: year)
        guard (1...length).contains(day) else {
            throw .dayOutOfRange(day, month: month, year: year, length: length)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 form `YYYY-MM-DD`, exactly ten characters, such as `"2015-03-07"`.
    public init(iso text: String) throws(CalendarDateError) {
        let characters = Array(text)
        guard characters.count == 10, characters[4] == "-", characters[7] == "-",
              let year = Self.number(characters[0..<4]),
              let month = Self.number(characters[5..<7]),
              let day = Self.number(characters[8..<10])
        else { throw .notISO(text) }
        try self.init(year: year, month: month, day: day)
    }

    /// The ISO 8601 form `YYYY-MM-DD`, such as `"2015-03-07"`.
    public var isoString: String {
        "\(Self.padded(year, to: 4))-\(Self.padded(month, to: 2))-\(Self.padded(day, to: 2))"
    }

    /// Whether `year` has a 29 February under the Gregorian rule (every 4th year, not every 100th, every 400th).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1–12) of `year`: 28 to 31.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Orders dates chronologically.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The value of a run of ASCII digits, or nil if any character is not one.
    static func number(_ characters: some Collection<Character>) -> Int? {
        var value = 0
        for character in characters {
            guard let ascii = character.asciiValue, (48...57).contains(ascii) else { return nil }
            value = value * 10 + Int(ascii - 48)
        }
        return characters.isEmpty ? nil : value
    }

    /// `value` in decimal with leading zeros up to `width` digits.
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension CalendarDate: CustomStringConvertible {
    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var description: String { isoString }
}

extension CalendarDate: Codable {
    /// Decodes the ISO 8601 string form, `"YYYY-MM-DD"`, rejecting dates that do not exist.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the ISO 8601 string form, `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }
}
