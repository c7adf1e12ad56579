/// The segment structure shared by statistical division codes and jurisdictions.
///
/// A 12-digit code is province (2) + prefecture (2) + county (2) + township (3) + village (3).
/// A segment of all zeros means "no such unit": `530100` is the prefecture of Kunming itself, not a
/// county, and `530102000` is the county 530102 padded, not a township. So every segment that a
/// code's length covers must be non-zero. Codes are not checked against the published lists.
enum DivisionDigits {
    /// One segment: its name and where it lies in the 12 digits.
    struct Segment {
        let name: String
        let range: Range<Int>
    }

    static let segments = [
        Segment(name: "province", range: 0..<2),
        Segment(name: "prefecture", range: 2..<4),
        Segment(name: "county", range: 4..<6),
        Segment(name: "township", range: 6..<9),
        Segment(name: "village", range: 9..<12),
    ]

    /// What is being validated: the lengths it allows and how messages describe it.
    struct Kind {
        let lengths: Set<Int>
        /// The wrong-length message up to "this one has N".
        let lengthRule: String
        /// Whether a zero segment message suggests the shorter jurisdiction instead.
        let suggestsParent: Bool

        static let divisionCode = Kind(
            lengths: [12], lengthRule: "a division code has 12 digits", suggestsParent: false
        )
        static let jurisdiction = Kind(
            lengths: [6, 9, 12],
            lengthRule: "a jurisdiction has 6 (county), 9 (township) or 12 (village) digits",
            suggestsParent: true
        )
    }

    /// The tidied digits of `text`: ASCII digits only (checked first), an allowed length, no segment of zeros.
    static func validate(_ text: String, as kind: Kind) throws(DivisionCodeError) -> String {
        let characters = TypedInput.compacted(text)
        if let index = characters.firstIndex(where: { !TypedInput.isDigit($0) }) {
            throw DivisionCodeError(
                code: .invalidCharacter,
                message: "character \(index + 1) should be a digit, not \(TypedInput.quoted(characters[index]))",
                position: index + 1
            )
        }
        guard kind.lengths.contains(characters.count) else {
            throw DivisionCodeError(code: .wrongLength, message: "\(kind.lengthRule), this one has \(characters.count)")
        }
        try checkSegments(characters, kind: kind)
        return String(characters)
    }

    /// Throws for the first segment within `digits` that is all zeros.
    private static func checkSegments(_ digits: [Character], kind: Kind) throws(DivisionCodeError) {
        for (index, segment) in segments.enumerated() where segment.range.upperBound <= digits.count {
            let value = digits[segment.range]
            guard value.allSatisfy({ $0 == "0" }) else { continue }
            let start = segment.range.lowerBound + 1
            let problem = "\(segment.name) \(String(value)) (digits \(start)–\(segment.range.upperBound)) "
                + "is not a \(segment.name)"
            let advice = zeroSegmentAdvice(index: index, digits: digits, kind: kind)
            throw DivisionCodeError(code: .zeroSegment, message: problem + "; " + advice, position: start)
        }
    }

    /// What to do about a zero segment at `index`.
    private static func zeroSegmentAdvice(index: Int, digits: [Character], kind: Kind) -> String {
        if index < 3 {
            return "the first 6 digits must be a county code (GB/T 2260), such as 530102"
        }
        if kind.suggestsParent {
            let parent = String(digits[0..<segments[index].range.lowerBound])
            return "for the whole \(segments[index - 1].name) enter \(parent)"
        }
        return "a division code names one township (digits 7–9) and one village or community (digits 10–12)"
    }
}
