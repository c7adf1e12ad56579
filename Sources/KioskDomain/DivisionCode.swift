/// A 12-digit statistical division code naming one village or community (统计用区划代码).
///
/// Province (2) + prefecture (2) + county (2) + township (3) + village (3), such as `530102001002`.
/// Every segment must be non-zero, so a padded county or township code (`530102000000`) is rejected:
/// use a ``Jurisdiction`` for those. Codes are not checked against the published list.
public struct DivisionCode: Hashable, Comparable, Sendable {
    /// The 12 ASCII digits.
    public let digits: String

    /// Validates typed text: 12 ASCII digits (full-width digits and white space are tidied), no segment of zeros.
    public init(_ text: String) throws(DivisionCodeError) {
        digits = try DivisionDigits.validate(text, as: .divisionCode)
    }

    /// The county: the first 6 digits, also the GB/T 2260 county code.
    public var county: Jurisdiction { Jurisdiction(validDigits: String(digits.prefix(6))) }

    /// The township: the first 9 digits.
    public var township: Jurisdiction { Jurisdiction(validDigits: String(digits.prefix(9))) }

    /// The village or community itself, as a jurisdiction of all 12 digits.
    public var village: Jurisdiction { Jurisdiction(validDigits: digits) }

    /// Orders codes by their digits, which groups villages by township and county.
    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool {
        lhs.digits < rhs.digits
    }
}

extension DivisionCode: CustomStringConvertible {
    /// The 12 digits.
    public var description: String { digits }
}

extension DivisionCode: Codable {
    /// Decodes the 12-digit string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the 12-digit string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
