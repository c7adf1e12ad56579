/// The area a worker or service is responsible for: a county, a township or a village.
///
/// Written as a prefix of a 12-digit ``DivisionCode``: 6 digits for a county, 9 for a township,
/// 12 for a village. Every segment the length covers must be non-zero: `530102000` is rejected,
/// because township `000` only pads the county code `530102`.
public struct Jurisdiction: Hashable, Comparable, Sendable {
    /// The 6, 9 or 12 ASCII digits.
    public let digits: String

    /// Validates typed text: 6, 9 or 12 ASCII digits (full-width digits and white space are tidied), no segment of zeros.
    public init(_ text: String) throws(DivisionCodeError) {
        digits = try DivisionDigits.validate(text, as: .jurisdiction)
    }

    /// Wraps digits already known to be valid (a prefix of a valid ``DivisionCode``).
    init(validDigits: String) {
        digits = validDigits
    }

    /// County, township or village, from the number of digits.
    public var level: Level {
        switch digits.count {
        case Level.county.digitCount: .county
        case Level.township.digitCount: .township
        default: .village
        }
    }

    /// The jurisdiction one level up (a village's township, a township's county), or nil for a county.
    public var parent: Jurisdiction? {
        switch level {
        case .village: Jurisdiction(validDigits: String(digits.prefix(Level.township.digitCount)))
        case .township: Jurisdiction(validDigits: String(digits.prefix(Level.county.digitCount)))
        default: nil
        }
    }

    /// Whether the village `code` lies inside this jurisdiction (a village contains only its own code).
    public func contains(_ code: DivisionCode) -> Bool {
        code.digits.hasPrefix(digits)
    }

    /// Whether `other` lies inside this jurisdiction; every jurisdiction contains itself.
    public func contains(_ other: Jurisdiction) -> Bool {
        other.digits.hasPrefix(digits)
    }

    /// Orders jurisdictions by their digits, so a county sorts just before its townships.
    public static func < (lhs: Jurisdiction, rhs: Jurisdiction) -> Bool {
        lhs.digits < rhs.digits
    }
}

extension Jurisdiction: CustomStringConvertible {
    /// The digits.
    public var description: String { digits }
}

extension Jurisdiction: Codable {
    /// Decodes the 6-, 9- or 12-digit string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the digits as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
