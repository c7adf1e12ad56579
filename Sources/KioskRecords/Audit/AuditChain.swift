import Crypto
public import GRDB

/// The hash chain that makes the audit log tamper-evident.
///
/// Every `core_audit` row stores `prev_hash`, the `hash` of the row before it (64 zeros for the
/// first row), and its own `hash`:
///
///     hash = SHA-256( "kiosk-audit-v1" ‖ bytes(prev_hash) ‖ field(seq) ‖ field(at) ‖ field(actor)
///                     ‖ field(actor_level) ‖ field(actor_role) ‖ field(kiosk_id) ‖ field(action)
///                     ‖ field(child_id) ‖ field(application_id) ‖ field(outcome) )
///
/// where `bytes(prev_hash)` is the 32 bytes the hex stands for and `field(v)` is the column's stored
/// SQLite value: one byte for its storage class (0 NULL, 1 INTEGER, 2 REAL, 3 TEXT, 4 BLOB) and,
/// unless NULL, a 4-byte big-endian length and the value's bytes (INTEGER as decimal ASCII, REAL as
/// its shortest round-trip decimal text, TEXT as UTF-8, BLOB as is). Hashes are stored as lower-case
/// hex. `at` is stored as text, `YYYY-MM-DD HH:MM:SS.SSS` in UTC, so the bytes hashed are exactly
/// the bytes stored and anyone can recompute the chain from the file (docs/CORE-SERVICES.md).
///
/// The chain proves order and content: an edited row no longer matches its hash, a deleted or
/// inserted row breaks the link of the row after it, and a log rewritten from some row on no longer
/// contains a head hash written down before. Deleting rows from the end leaves a valid shorter chain;
/// only a head kept elsewhere (`kioskctl audit head`) shows that.
public enum AuditChain {
    /// The columns the content covers, in hashing order.
    public static let contentColumns = [
        "seq", "at", "actor", "actor_level", "actor_role", "kiosk_id", "action", "child_id", "application_id", "outcome",
    ]
    /// The `prev_hash` of the first row.
    public static let genesis = String(repeating: "0", count: 64)
    private static let domainTag = Array("kiosk-audit-v1".utf8)

    /// The hash of a row whose content columns hold `values` (in ``contentColumns`` order), chained
    /// to `previous` (a stored hash; anything that is not 64 hex digits is hashed as its UTF-8 text).
    public static func hash(previous: String, values: [DatabaseValue]) -> String {
        var hasher = SHA256()
        hasher.update(data: Self.domainTag)
        hasher.update(data: Self.bytes(ofHex: previous) ?? Array(previous.utf8))
        for value in values { hasher.update(data: Self.field(value)) }
        return Self.hex(Array(hasher.finalize()))
    }

    /// The canonical bytes of one stored value.
    static func field(_ value: DatabaseValue) -> [UInt8] {
        let (storageClass, payload): (UInt8, [UInt8]) =
            switch value.storage {
            case .null: (0, [])
            case .int64(let number): (1, Array(String(number).utf8))
            case .double(let number): (2, Array("\(number)".utf8))
            case .string(let text): (3, Array(text.utf8))
            case .blob(let data): (4, Array(data))
            }
        guard storageClass != 0 else { return [0] }
        let length = UInt32(truncatingIfNeeded: payload.count)
        return [storageClass, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)] + payload
    }

    /// Whether `text` is a hash as stored: 64 lower-case hex digits.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func bytes(ofHex text: String) -> [UInt8]? {
        guard self.isHash(text) else { return nil }
        let digits = Array(text.utf8).map { $0 <= 57 ? $0 - 48 : $0 - 87 }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
