public import KioskProtos
public import NIOCore
import SwiftProtobuf

/// Writes `Frame`s as a 4-byte big-endian length followed by the serialized frame.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Kiosk_Wire_V1_Frame

    /// Creates an encoder.
    public init() {}

    public func encode(data: Kiosk_Wire_V1_Frame, out: inout ByteBuffer) throws {
        try Self.encode(data, into: &out)
    }

    /// Appends one length-prefixed frame to `buffer`.
    public static func encode(_ frame: Kiosk_Wire_V1_Frame, into buffer: inout ByteBuffer) throws {
        let bytes: [UInt8] = try frame.serializedBytes()
        // An empty frame (no kind, call id 0) would serialize to nothing and break the 1-byte minimum.
        precondition(!bytes.isEmpty, "refusing to encode a frame with no kind")
        buffer.writeInteger(UInt32(bytes.count))
        buffer.writeBytes(bytes)
    }
}
