public import GRPCCore
public import KioskProtos
import Foundation

extension Metadata {
    /// Metadata received in a `Headers` or `Status` frame.
    ///
    /// A binary value under a key without `-bin` is dropped: GRPCCore asserts on it. The server's
    /// transport refuses such a call before it gets here (`CallMetadataRules` in KioskWire).
    public init(wireEntries entries: [Kiosk_Wire_V1_MetadataEntry]) {
        self.init()
        for entry in entries {
            let binaryKey = entry.key.hasSuffix("-bin")
            switch entry.value {
            case .text(let text): self.addString(text, forKey: entry.key)
            case .binary(let data) where binaryKey: self.addBinary(Array(data), forKey: entry.key)
            case .binary: continue
            case .none where binaryKey: self.addBinary([], forKey: entry.key)
            case .none: self.addString("", forKey: entry.key)
            }
        }
    }

    /// The metadata as entries of a `Headers` or `Status` frame.
    public var wireEntries: [Kiosk_Wire_V1_MetadataEntry] {
        self.map { key, value in
            var entry = Kiosk_Wire_V1_MetadataEntry()
            entry.key = key
            switch value {
            case .string(let text): entry.text = text
            case .binary(let bytes): entry.binary = Data(bytes)
            }
            return entry
        }
    }
}

/// Encodes a timeout the way gRPC's `grpc-timeout` header does: at most 8 digits and a unit.
public enum GRPCTimeoutFormat {
    /// The header name.
    public static let key = "grpc-timeout"

    /// Formats `duration`, rounding up to the unit that keeps it within 8 digits.
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = max(0, duration.components.seconds) * 1_000_000_000
            + max(0, duration.components.attoseconds / 1_000_000_000)
        let units: [(divisor: Int64, suffix: String)] = [
            (1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"), (3_600_000_000_000, "H"),
        ]
        for unit in units {
            let value = (nanoseconds + unit.divisor - 1) / unit.divisor
            if value < 100_000_000 { return "\(value)\(unit.suffix)" }
        }
        return "99999999H"
    }
}
