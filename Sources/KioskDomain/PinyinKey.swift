import Foundation

/// A toneless, lower-case pinyin form of a name, for finding a child's record by typing.
///
/// A Chinese name is romanised with ICU's Han-to-Latin transform and its tone marks removed:
/// `王小莲` → `wang xiao lian`. Latin text passes through lower-cased and without diacritics,
/// so a typed query `"Wang  Xiaolian"` normalises the same way.
///
/// - Syllables typed run together (`xiaolian`) are not split, because splitting is ambiguous
///   (`xian` is 先 or 西安). Compare with ``compact`` instead, which drops the spaces on both
///   sides: ``matches(_:)`` and ``hasPrefix(_:)`` do.
/// - ü loses its dots like any diacritic: 吕 (lǚ) → `lu`, 女 (nǚ) → `nu`, 略 (lüè) → `lue`.
///   So 吕 and 卢 (lú) share the key `lu`; kiosk keyboards have no ü and people type `lu`.
///   The input-method spelling `v` is also read as ü where it is a whole syllable:
///   `lv`, `nv`, `lve`, `nve` → `lu`, `nu`, `lue`, `nue`.
/// - Anything but letters and digits separates syllables: spaces, apostrophes (`xi'an`), the
///   middle dot of transliterated names (`阿依古丽·买买提`), hyphens.
/// - ICU gives a character's most common reading, not the surname reading, for some surnames
///   (曾 → `ceng`, not `zeng`; 单 → `dan`, not `shan`). Keys made from Chinese text agree with
///   each other; a pinyin query for such a surname may not find them.
public struct PinyinKey: Hashable, Sendable {
    /// The syllables or words, lower-case ASCII where the input allows, such as `["wang", "xiao", "lian"]`.
    public let syllables: [String]

    /// Makes the key for a Chinese name, a Latin name or a typed query.
    public init(_ text: String) {
        syllables = Self.words(in: Self.latinized(text)).map(Self.readingVAsU)
    }

    /// The syllables separated by single spaces, such as `"wang xiao lian"`.
    public var spaced: String { syllables.joined(separator: " ") }

    /// The syllables without spaces, such as `"wangxiaolian"`: the form searches compare.
    public var compact: String { syllables.joined() }

    /// Whether the key is empty, as for blank or punctuation-only input.
    public var isEmpty: Bool { syllables.isEmpty }

    /// Whether `query` names the same pinyin, ignoring how it was split into syllables.
    public func matches(_ query: PinyinKey) -> Bool {
        !query.isEmpty && compact == query.compact
    }

    /// Whether this key begins with `query`, ignoring spaces: `"wang x"` is a prefix of `wang xiao lian`.
    public func hasPrefix(_ query: PinyinKey) -> Bool {
        !query.isEmpty && compact.hasPrefix(query.compact)
    }

    /// `text` in lower-case Latin letters without tone marks or other diacritics.
    static func latinized(_ text: String) -> String {
        // NFKC folds full-width letters (ＷＡＮＧ) to ASCII before anything else.
        let folded = text.precomposedStringWithCompatibilityMapping
        if folded.allSatisfy(\.isASCII) { return folded.lowercased() }
        let latin = folded.applyingTransform(.toLatin, reverse: false) ?? folded
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        return plain.lowercased()
    }

    /// The runs of letters and digits in `text`.
    static func words(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// `lv`, `nv`, `lve`, `nve` as typed on an input method, spelled with `u` like stripped ü.
    static func readingVAsU(_ word: String) -> String {
        switch word {
        case "lv", "nv", "lve", "nve": word.replacingOccurrences(of: "v", with: "u")
        default: word
        }
    }
}

extension PinyinKey: CustomStringConvertible {
    /// The ``spaced`` form.
    public var description: String { spaced }
}
