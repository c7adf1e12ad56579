public import Foundation
public import KioskProtos
public import NIOCore

extension Kiosk_Wire_V1_Frame {
    /// A `headers` frame opening call `callID` on `method`.
    public static func headers(callID: UInt32, method: String, metadata: [Kiosk_Wire_V1_MetadataEntry] = []) -> Self {
        var frame = Self()
        frame.callID = callID
        frame.headers.method = method
        frame.headers.metadata = metadata
        return frame
    }

    /// A `message` frame carrying `data` on call `callID`.
    public static func message(callID: UInt32, data: Data) -> Self {
        var frame = Self()
        frame.callID = callID
        frame.message.data = data
        return frame
    }

    /// The client's `end_of_stream` on call `callID`.
    public static func endOfStream(callID: UInt32) -> Self {
        var frame = Self()
        frame.callID = callID
        frame.endOfStream = Kiosk_Wire_V1_EndOfStream()
        return frame
    }

    /// A `cancel` of call `callID`.
    public static func cancel(callID: UInt32) -> Self {
        var frame = Self()
        frame.callID = callID
        frame.cancel = Kiosk_Wire_V1_Cancel()
        return frame
    }

    /// The `status` ending call `callID`.
    public static func status(
        callID: UInt32,
        code: UInt32,
        message: String,
        trailers: [Kiosk_Wire_V1_MetadataEntry] = []
    ) -> Self {
        var frame = Self()
        frame.callID = callID
        frame.status.code = code
        frame.status.message = message
        frame.status.trailers = trailers
        return frame
    }

    /// A `ping` with `payload`.
    public static func ping(payload: UInt64) -> Self {
        var frame = Self()
        frame.ping.payload = payload
        return frame
    }

    /// The `pong` answering a ping with `payload`.
    public static func pong(payload: UInt64) -> Self {
        var frame = Self()
        frame.pong.payload = payload
        return frame
    }
}

extension ChannelPipeline.SynchronousOperations {
    /// Adds the kiosk wire's framing: inbound bytes to `Frame`s (at most `maxFrameBytes` each) and,
    /// unless `encodeFrames` is false, outbound `Frame`s to bytes.
    public func addKioskWireHandlers(maxFrameBytes: Int, encodeFrames: Bool = true) throws {
        try self.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
        if encodeFrames { try self.addHandler(MessageToByteHandler(FrameEncoder())) }
    }
}
