/// Text for people in the two languages kiosks and reports use: Simplified Chinese first, English beside.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// Simplified Chinese, e.g. "寄养安置".
    public var zh: String
    /// English, e.g. "Foster placement".
    public var en: String

    /// Creates a text in both languages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}
