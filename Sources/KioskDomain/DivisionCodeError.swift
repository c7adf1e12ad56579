/// Why text is not a ``DivisionCode`` or a ``Jurisdiction``.
public struct DivisionCodeError: Error, Hashable, Sendable {
    /// A kind of division-code error; new kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case wrongLength = "wrong_length"
            case invalidCharacter = "invalid_character"
            case zeroSegment = "zero_segment"
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The code has a number of digits its kind does not allow.
        public static let wrongLength = Self(.wrongLength)
        /// A character is not an ASCII digit.
        public static let invalidCharacter = Self(.invalidCharacter)
        /// A segment the level needs is all zeros, such as township `000`.
        public static let zeroSegment = Self(.zeroSegment)

        /// A stable snake_case name for logs and the wire, such as `zero_segment`.
        public var description: String { wrapped.rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// What is wrong, in words a person at a kiosk can act on.
    public var message: String
    /// The 1-based position of the first character at fault, where there is one.
    public var position: Int?

    /// Creates an error from a code, a message and optionally the position at fault.
    public init(code: Code, message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }
}

extension DivisionCodeError: CustomStringConvertible {
    /// The message.
    public var description: String { message }
}
