public import KioskProtos

/// The rules a call's `headers` metadata must meet before anything else sees it (docs/PROTOCOL.md §2, §4).
///
/// The transport hands metadata to GRPCCore, which traps on values a peer can send: a negative
/// `grpc-timeout` fails a precondition in release builds too, and a binary value under a key without
/// `-bin` fails an assertion in debug builds. So every entry is checked here first, and a call that
/// breaks a rule is refused with `INVALID_ARGUMENT` naming the rule; the connection stays open.
///
/// - A key is 1 or more of `0-9 a-z - _ .` (gRPC's key characters: lower-case ASCII only).
/// - A key ending in `-bin` carries a `binary` value; any other key a `text` value of printable ASCII
///   (space to `~`). An entry with neither value set counts as an empty value of its key's kind.
/// - `grpc-timeout` appears at most once: 1 to 8 ASCII digits, then one unit of `H M S m u n`.
/// - At most `maxEntries` entries and `maxBytes` bytes of keys and values in one `headers` frame.
public struct CallMetadataRules: Sendable, Hashable {
    /// Why a call's headers were refused: always `INVALID_ARGUMENT`, with a message naming the rule.
    public struct Refusal: Error, Hashable, Sendable {
        /// A message a person can act on. It names a key only when the key itself is well-formed.
        public var message: String
        /// The gRPC status code: INVALID_ARGUMENT.
        public var code: UInt32 { 3 }
    }

    /// The largest number of entries one `headers` frame may carry.
    public var maxEntries: Int
    /// The largest sum of key and value bytes one `headers` frame may carry.
    public var maxBytes: Int

    /// The default entry limit: far above what a kiosk sends (two or three entries).
    public static let defaultMaxEntries = 64
    /// The default byte limit: 8 KiB, gRPC's usual bound for a header list.
    public static let defaultMaxBytes = 8 * 1024

    /// Creates rules with the given limits.
    public init(maxEntries: Int = Self.defaultMaxEntries, maxBytes: Int = Self.defaultMaxBytes) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// Checks `entries`; returns the refusal for the first rule broken, or nil when all hold.
    public func refusal(for entries: [Kiosk_Wire_V1_MetadataEntry]) -> Refusal? {
        guard entries.count <= self.maxEntries else {
            return Refusal(message: "\(entries.count) metadata entries exceed the limit of \(self.maxEntries) per call")
        }
        var bytes = 0
        var timeouts = 0
        for (index, entry) in entries.enumerated() {
            bytes += entry.key.utf8.count + Self.valueByteCount(entry)
            guard bytes <= self.maxBytes else {
                return Refusal(message: "metadata exceed the limit of \(self.maxBytes) bytes of keys and values per call")
            }
            if let problem = Self.problem(with: entry, at: index) { return Refusal(message: problem) }
            if entry.key == GRPCTimeout.key { timeouts += 1 }
        }
        guard timeouts <= 1 else { return Refusal(message: "grpc-timeout appears \(timeouts) times; a call has one deadline") }
        return nil
    }

    /// The deadline in `entries`, once they have passed ``refusal(for:)``; nil when there is none.
    public static func timeout(in entries: [Kiosk_Wire_V1_MetadataEntry]) -> Duration? {
        for entry in entries where entry.key == GRPCTimeout.key {
            if case .text(let text) = entry.value { return GRPCTimeout.parse(text) }
        }
        return nil
    }

    private static func problem(with entry: Kiosk_Wire_V1_MetadataEntry, at index: Int) -> String? {
        let key = entry.key
        guard !key.isEmpty else { return "metadata entry \(index) has an empty key" }
        guard key.utf8.allSatisfy(Self.isKeyByte) else {
            return "metadata key of entry \(index) must be lower-case ASCII letters, digits, '-', '_' or '.'"
        }
        let binaryKey = key.hasSuffix("-bin")
        switch entry.value {
        case .binary where !binaryKey:
            return "metadata key '\(key)' carries a binary value; only keys ending in -bin may"
        case .text where binaryKey:
            return "metadata key '\(key)' ends in -bin and so needs a binary value, not text"
        case .text(let text) where !text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }):
            return "metadata value of '\(key)' must be printable ASCII"
        case .text(let text) where key == GRPCTimeout.key && GRPCTimeout.parse(text) == nil:
            return "grpc-timeout must be 1 to 8 ASCII digits and a unit (H, M, S, m, u or n), e.g. 1500m"
        case .none where key == GRPCTimeout.key:
            return "grpc-timeout has no value"
        case .text, .binary, .none:
            return nil
        }
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }

    private static func valueByteCount(_ entry: Kiosk_Wire_V1_MetadataEntry) -> Int {
        switch entry.value {
        case .text(let text): text.utf8.count
        case .binary(let data): data.count
        case .none: 0
        }
    }
}

/// The `grpc-timeout` header: how a call's deadline travels.
public enum GRPCTimeout {
    /// The header's key.
    public static let key = "grpc-timeout"

    /// Parses a value of 1 to 8 ASCII digits and one unit (`H M S m u n`); nil for anything else.
    ///
    /// Written out by hand, not with `Int64(_:)`, which would also accept a sign ("-5S" is what traps
    /// GRPCCore) or non-ASCII digits.
    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard (2...9).contains(bytes.count), let unit = bytes.last else { return nil }
        var amount: Int64 = 0
        for byte in bytes.dropLast() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            amount = amount * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(amount * 3600)
        case UInt8(ascii: "M"): return .seconds(amount * 60)
        case UInt8(ascii: "S"): return .seconds(amount)
        case UInt8(ascii: "m"): return .milliseconds(amount)
        case UInt8(ascii: "u"): return .microseconds(amount)
        case UInt8(ascii: "n"): return .nanoseconds(amount)
        default: return nil
        }
    }
}
