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

    /// Appends one length-prefixed frame to `buffer`; a frame with no kind is refused, as the peer would
    /// refuse it.
    public static func encode(_ frame: Kiosk_Wire_V1_Frame, into buffer: inout ByteBuffer) throws {
        guard frame.kind != nil else {
            throw WireError(code: .malformedFrame, message: "refusing to send a frame with no kind")
        }
        let bytes: [UInt8] = try frame.serializedBytes()
        buffer.writeInteger(UInt32(bytes.count))
        buffer.writeBytes(bytes)
    }
}
