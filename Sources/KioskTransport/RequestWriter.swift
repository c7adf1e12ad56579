import Foundation
import GRPCCore
import KioskProtos
import KioskWire
import NIOCore
import Synchronization

/// Turns GRPCCore's request parts for one call into frames: headers, messages, end of stream.
final class RequestWriter: ClosableRPCWriterProtocol, Sendable {
    typealias Element = RPCRequestPart<[UInt8]>

    private let callID: UInt32
    private let method: String
    private let timeout: Duration?
    private let outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>
    private let opened = Mutex(false)

    /// Whether the headers frame has been handed to the channel: until then the server has not
    /// heard of the call, and a cancel for it would be a protocol violation.
    var isOpen: Bool { self.opened.withLock { $0 } }

    init(callID: UInt32, method: String, timeout: Duration?, outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) {
        self.callID = callID
        self.method = method
        self.timeout = timeout
        self.outbound = outbound
    }

    func write(_ element: Element) async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = self.callID
        switch element {
        case .metadata(var metadata):
            if let timeout = self.timeout {
                metadata.replaceOrAddString(GRPCTimeoutFormat.format(timeout), forKey: GRPCTimeoutFormat.key)
            }
            var headers = Kiosk_Wire_V1_Headers()
            headers.method = self.method
            headers.metadata = metadata.wireEntries
            frame.headers = headers
        case .message(let bytes):
            var message = Kiosk_Wire_V1_Message()
            message.data = Data(bytes)
            frame.message = message
        }
        try await self.outbound.write(frame)
        if case .metadata = element { self.opened.withLock { $0 = true } }
    }

    func write(contentsOf elements: some Sequence<Element>) async throws {
        for element in elements { try await self.write(element) }
    }

    func finish() async {
        try? await self.outbound.write(.endOfStream(callID: self.callID))
    }

    func finish(throwing error: any Error) async {
        guard self.isOpen else { return }
        try? await self.outbound.write(.cancel(callID: self.callID))
    }
}
