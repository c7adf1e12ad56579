public import KioskProtos
public import NIOCore
import SwiftProtobuf

/// Splits a byte stream into `Frame`s: a 4-byte big-endian length, then that many bytes of protobuf.
///
/// An oversized or zero length is rejected as soon as the prefix is read, before any of the body
/// is buffered, so a peer cannot make the server hold more than `maxFrameBytes` for it.
public struct FrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = Kiosk_Wire_V1_Frame

    /// The largest frame body accepted.
    public let maxFrameBytes: Int

    /// Creates a decoder that accepts frame bodies of 1 to `maxFrameBytes` bytes.
    public init(maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes) {
        precondition(maxFrameBytes > 0, "maxFrameBytes must be positive")
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try self.decodeFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        let state = try self.decode(context: context, buffer: &buffer)
        if state == .needMoreData, buffer.readableBytes > 0 {
            throw WireError(
                code: .truncatedFrame,
                message: "connection closed \(buffer.readableBytes) bytes into a frame"
            )
        }
        return state
    }

    /// Reads one whole frame from `buffer`, or returns nil (consuming nothing) when more bytes are needed.
    public func decodeFrame(from buffer: inout ByteBuffer) throws -> Kiosk_Wire_V1_Frame? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard length > 0 else {
            throw WireError(code: .frameTooLarge, message: "frame length 0: a frame carries 1 to \(self.maxFrameBytes) bytes")
        }
        guard length <= self.maxFrameBytes else {
            throw WireError(
                code: .frameTooLarge,
                message: "frame length \(length) exceeds the limit of \(self.maxFrameBytes) bytes"
            )
        }
        let total = FrameLimits.lengthPrefixBytes + Int(length)
        guard buffer.readableBytes >= total else { return nil }

        buffer.moveReaderIndex(forwardBy: FrameLimits.lengthPrefixBytes)
        let body = buffer.readSlice(length: Int(length))!
        return try Self.parse(body)
    }

    private static func parse(_ body: ByteBuffer) throws -> Kiosk_Wire_V1_Frame {
        let frame: Kiosk_Wire_V1_Frame
        do {
            frame = try Kiosk_Wire_V1_Frame(serializedBytes: Array(buffer: body))
        } catch {
            throw WireError(code: .malformedFrame, message: "frame of \(body.readableBytes) bytes is not a valid kiosk.wire.v1.Frame")
        }
        guard frame.kind != nil else {
            if let field = Self.firstFieldNumber(in: Array(frame.unknownFields.data)) {
                // New kinds come only with a new protocol version (docs/PROTOCOL.md §10).
                throw WireError(
                    code: .malformedFrame,
                    message: "frame has a kind unknown to protocol version 1 (field \(field))"
                )
            }
            throw WireError(code: .malformedFrame, message: "frame has no kind set")
        }
        return frame
    }

    /// The field number of the first field in `bytes` (a protobuf tag is a varint, field << 3 | type).
    static func firstFieldNumber(in bytes: [UInt8]) -> UInt64? {
        var tag: UInt64 = 0
        for (index, byte) in bytes.prefix(10).enumerated() {
            tag |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return tag >> 3 }
        }
        return nil
    }
}
