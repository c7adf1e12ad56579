import Foundation
import GRPCCore
import KioskProtos
import KioskWire
import NIOCore
import Synchronization

/// Turns GRPCCore's response parts for one call into frames, and makes sure every call ends with a status.
final class ResponseWriter: ClosableRPCWriterProtocol, Sendable {
    typealias Element = RPCResponsePart<[UInt8]>

    private let callID: UInt32
    private let outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>
    private let statusSent = Mutex(false)

    init(callID: UInt32, outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) {
        self.callID = callID
        self.outbound = outbound
    }

    func write(_ element: Element) async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = self.callID
        switch element {
        case .metadata(let metadata):
            var headers = Kiosk_Wire_V1_Headers()
            headers.metadata = metadata.wireEntries
            frame.headers = headers
        case .message(let bytes):
            var message = Kiosk_Wire_V1_Message()
            message.data = Data(bytes)
            frame.message = message
        case .status(let status, let trailers):
            guard self.claimStatus() else { return }
            frame = Kiosk_Wire_V1_Frame.status(
                callID: self.callID,
                code: UInt32(status.code.rawValue),
                message: status.message,
                trailers: trailers.wireEntries
            )
        }
        try await self.outbound.write(frame)
    }

    func write(contentsOf elements: some Sequence<Element>) async throws {
        for element in elements { try await self.write(element) }
    }

    func finish() async {}

    func finish(throwing error: any Error) async {
        let status: (UInt32, String)
        if let error = error as? RPCError {
            status = (UInt32(error.code.rawValue), error.message)
        } else if error is CancellationError {
            status = (UInt32(Status.Code.cancelled.rawValue), "the call was cancelled")
        } else {
            status = (UInt32(Status.Code.unknown.rawValue), "the call failed")
        }
        await self.sendStatus(code: status.0, message: status.1)
    }

    /// Sends a status if none was sent: a call that ended without one is reported as cancelled.
    func ensureStatus() async {
        await self.sendStatus(code: UInt32(Status.Code.cancelled.rawValue), message: "the call ended without a status")
    }

    private func sendStatus(code: UInt32, message: String) async {
        guard self.claimStatus() else { return }
        try? await self.outbound.write(Kiosk_Wire_V1_Frame.status(callID: self.callID, code: code, message: message))
    }

    /// Returns true exactly once: the first caller gets to send the call's status.
    private func claimStatus() -> Bool {
        self.statusSent.withLock { sent in
            defer { sent = true }
            return !sent
        }
    }
}
