import Foundation

/// How codes typed at a kiosk are tidied before validation.
enum TypedInput {
    /// The characters of `text` with full-width forms folded to ASCII (NFKC) and all white space removed.
    ///
    /// Chinese input methods often type full-width digits (`５３０１`), and people group long
    /// numbers with spaces; neither changes which code was meant.
    static func compacted(_ text: String) -> [Character] {
        text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }.map { $0 }
    }

    /// Whether `character` is one of the ASCII digits 0–9 (not any Unicode number).
    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (48...57).contains(ascii)
    }

    /// The value of an ASCII digit; call only after ``isDigit(_:)``.
    static func digitValue(_ character: Character) -> Int {
        Int(character.asciiValue! - 48)
    }

    /// `character` in single quotes for a message, with invisible characters shown as code points.
    static func quoted(_ character: Character) -> String {
        let visible = character.unicodeScalars.allSatisfy { $0.properties.isGraphemeBase || $0.properties.isGraphemeExtend }
        if visible { return "'\(character)'" }
        let points = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
        return points.joined(separator: " ")
    }
}
