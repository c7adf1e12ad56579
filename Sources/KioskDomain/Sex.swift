/// The sex recorded by a resident identity number: the parity of its sequence (odd male, even female).
///
/// An enum because GB 11643-1999 encodes exactly these two values; a record that needs other
/// values should model them in its own type rather than here.
public enum Sex: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Odd sequence number.
    case male
    /// Even sequence number.
    case female

    /// The sex for a GB 11643 sequence number: odd is male, even is female.
    public init(sequence: Int) {
        self = sequence % 2 == 1 ? .male : .female
    }

    /// `"male"` or `"female"`.
    public var description: String { rawValue }
}
