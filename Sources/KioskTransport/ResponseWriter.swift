import Foundation
import GRPCCore
import KioskProtos
import KioskWire
import NIOCore
import Synchronization

/// Turns GRPCCore's response parts for one call into frames, and makes sure every call ends with
/// exactly one status.
///
/// Once the call was stopped (deadline passed, kiosk cancelled), the handler's status stands only if it
/// is OK and the handler wrote a response message after the stop: its work finished, e.g. a write that
/// was already being committed, and its answer is the truth. Any other status becomes the stop's
/// (`DEADLINE_EXCEEDED`, `CANCELLED`). Nothing is written after the status.
final class ResponseWriter: ClosableRPCWriterProtocol, Sendable {
    typealias Element = RPCResponsePart<[UInt8]>

    private struct State: Sendable {
        var statusSent = false
        var stop: CallStop?
        var answeredAfterStop = false
    }

    private let callID: UInt32
    private let outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>
    private let state = Mutex(State())

    init(callID: UInt32, outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) {
        self.callID = callID
        self.outbound = outbound
    }

    func write(_ element: Element) async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = self.callID
        switch element {
        case .metadata(let metadata):
            try self.checkOpen(answering: false)
            frame.headers.metadata = metadata.wireEntries
        case .message(let bytes):
            try self.checkOpen(answering: true)
            frame.message.data = Data(bytes)
        case .status(let status, let trailers):
            guard let (code, message) = self.claimStatus(code: status.code.rawValue, message: status.message) else { return }
            frame = Kiosk_Wire_V1_Frame.status(callID: self.callID, code: code, message: message, trailers: trailers.wireEntries)
        }
        try await self.send(frame)
    }

    func write(contentsOf elements: some Sequence<Element>) async throws {
        for element in elements { try await self.write(element) }
    }

    func finish() async {}

    func finish(throwing error: any Error) async {
        let status: (Int, String)
        if let error = error as? RPCError {
            status = (error.code.rawValue, error.message)
        } else if error is CancellationError {
            status = (Status.Code.cancelled.rawValue, "the call was cancelled")
        } else {
            status = (Status.Code.unknown.rawValue, "the call failed")
        }
        await self.sendStatus(code: status.0, message: status.1)
    }

    /// The call was stopped: from now on its status is the stop's unless the handler finishes with an answer.
    func stopped(_ stop: CallStop) {
        self.state.withLock { $0.stop = $0.stop ?? stop }
    }

    /// Sends a status if none was sent: the stop's, if the call was stopped (e.g. its handler did not
    /// finish within its grace), otherwise CANCELLED, as the handler ended without one.
    func ensureStatus() async {
        await self.sendStatus(code: Status.Code.cancelled.rawValue, message: "the call ended without a status")
    }

    private func sendStatus(code: Int, message: String) async {
        guard let (code, message) = self.claimStatus(code: code, message: message) else { return }
        try? await self.send(Kiosk_Wire_V1_Frame.status(callID: self.callID, code: code, message: message))
    }

    /// Returns the status to send exactly once (nil after that), applying a stop's override.
    private func claimStatus(code: Int, message: String) -> (UInt32, String)? {
        self.state.withLock { state in
            guard !state.statusSent else { return nil }
            state.statusSent = true
            if let stop = state.stop, !(code == Status.Code.ok.rawValue && state.answeredAfterStop) {
                return (UInt32(stop.code.rawValue), stop.message)
            }
            return (UInt32(code), message)
        }
    }

    /// Writes `frame`. The outbound writer refuses to write from a cancelled task, and a stopped call's
    /// handler runs in one: its answer (a committed write's OK, the stop's status) goes out from a task
    /// of its own, awaited so that the call's frames keep their order.
    private func send(_ frame: Kiosk_Wire_V1_Frame) async throws {
        if Task.isCancelled || self.state.withLock({ $0.stop != nil }) {
            try await Task { try await self.outbound.write(frame) }.value
        } else {
            try await self.outbound.write(frame)
        }
    }

    /// Throws once the status is out, so that a streaming handler stops producing.
    private func checkOpen(answering: Bool) throws {
        try self.state.withLock { state in
            guard !state.statusSent else { throw RPCError(code: .cancelled, message: "the call has already ended") }
            if answering, state.stop != nil { state.answeredAfterStop = true }
        }
    }
}
