import GRPCCore
import Synchronization

/// One call on a server connection: its request stream, its handler's task, and when it must stop.
///
/// GRPCCore on its own only flips the call's cancellation handle when `grpc-timeout` passes, and a
/// handler that never looks at the handle runs on. So the call stops its handler itself, the same way
/// for a passed deadline and for the kiosk's `cancel`: it cancels the handler's task and the RPC
/// handle, ends the request stream with the reason, and has the ``ResponseWriter`` answer
/// `DEADLINE_EXCEEDED` (or `CANCELLED`) unless the handler still finishes with a real response — a
/// write whose savepoint had already run commits, and its answer is the truth. A handler that ignores
/// cancellation gets `grace`; then the status is sent anyway and anything later is dropped.
///
/// It also holds the wire's rule of one request message per call (docs/PROTOCOL.md §4): a second
/// message, or `end_of_stream` before the first, ends the request stream with `INVALID_ARGUMENT`.
final class ServerCall: Sendable {
    typealias Requests = AsyncThrowingStream<RPCRequestPart<[UInt8]>, any Error>

    private struct State: Sendable {
        var cancellation: ServerContext.RPCCancellationHandle?
        var handlerTask: Task<Void, Never>?
        var stopped: CallStop?
        var messages = 0
        var requestsFinished = false
    }

    let id: UInt32
    let writer: ResponseWriter
    let requests: Requests
    private let deadline: ContinuousClock.Instant?
    private let grace: Duration
    private let requestContinuation: Requests.Continuation
    private let stopRequests: AsyncStream<CallStop>
    private let stopContinuation: AsyncStream<CallStop>.Continuation
    private let state = Mutex(State())

    init(id: UInt32, writer: ResponseWriter, timeout: Duration?, grace: Duration) {
        self.id = id
        self.writer = writer
        self.grace = grace
        self.deadline = timeout.map { ContinuousClock.now + $0 }
        (self.requests, self.requestContinuation) = Requests.makeStream()
        (self.stopRequests, self.stopContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Hands the call's metadata to the handler's request stream.
    func deliver(metadata: Metadata) {
        self.requestContinuation.yield(.metadata(metadata))
    }

    /// Hands a request message on, or refuses the call's second one.
    func deliver(message bytes: [UInt8]) {
        let accepted: Bool? = self.state.withLock { state in
            guard !state.requestsFinished else { return nil }
            state.messages += 1
            guard state.messages == 1 else {
                state.requestsFinished = true
                return false
            }
            return true
        }
        switch accepted {
        case true: self.requestContinuation.yield(.message(bytes))
        case false: self.requestContinuation.finish(throwing: Self.oneMessage("this call sent a second"))
        case nil: break  // Late: the call already stopped or refused its requests.
        }
    }

    /// The kiosk sent `end_of_stream`.
    func finishRequests() {
        let messages: Int? = self.state.withLock { state in
            guard !state.requestsFinished else { return nil }
            state.requestsFinished = true
            return state.messages
        }
        switch messages {
        case 0: self.requestContinuation.finish(throwing: Self.oneMessage("end_of_stream came before it"))
        case .some: self.requestContinuation.finish()
        case nil: break
        }
    }

    /// Asks the call to stop (the kiosk cancelled it); the stop itself happens in ``run(_:)``.
    func requestStop(_ stop: CallStop) {
        self.stopContinuation.yield(stop)
    }

    /// The connection is gone: stop at once; no status can be sent.
    func abandon() {
        self.stop(.connectionClosed)
    }

    /// Runs `handler` in a task of its own, stopping it on deadline or cancel, and ends with a status.
    func run(_ handler: @escaping @Sendable (ServerContext.RPCCancellationHandle) async -> Void) async {
        let task = Task {
            await withServerContextRPCCancellationHandle { handle in
                let stopped = self.state.withLock { state in
                    state.cancellation = handle
                    return state.stopped != nil
                }
                if stopped { handle.cancel() }
                await handler(handle)
            }
        }
        let stoppedEarly = self.state.withLock { state in
            state.handlerTask = task
            return state.stopped != nil
        }
        if stoppedEarly { task.cancel() }
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.enforceStop() }
                await task.value
                self.stopContinuation.finish()
                group.cancelAll()
            }
        } onCancel: {
            task.cancel()
        }
        await self.writer.ensureStatus()
    }

    /// Waits for the deadline or a stop request; stops the call; after `grace`, answers anyway.
    private func enforceStop() async {
        guard let stop = await self.nextStop() else { return }
        self.stop(stop)
        do {
            try await Task.sleep(for: self.grace)
        } catch {
            return  // The handler finished within its grace.
        }
        await self.writer.ensureStatus()
    }

    private func nextStop() async -> CallStop? {
        await withTaskGroup(of: CallStop?.self) { group in
            group.addTask {
                for await stop in self.stopRequests { return stop }
                return nil
            }
            if let deadline = self.deadline {
                group.addTask {
                    do {
                        try await Task.sleep(until: deadline, clock: .continuous)
                        return .deadlineExceeded
                    } catch {
                        return nil
                    }
                }
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }

    private func stop(_ stop: CallStop) {
        let (handle, task, first) = self.state.withLock { state in
            let first = state.stopped == nil
            if first { state.stopped = stop }
            state.requestsFinished = true
            return (state.cancellation, state.handlerTask, first)
        }
        guard first else { return }
        self.writer.stopped(stop)
        handle?.cancel()
        task?.cancel()
        self.requestContinuation.finish(throwing: RPCError(code: stop.code, message: stop.message))
    }

    private static func oneMessage(_ detail: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "a call carries exactly one request message; \(detail)")
    }
}

/// Why a call was stopped before its handler finished.
enum CallStop: Sendable, Hashable {
    /// The call's `grpc-timeout` passed.
    case deadlineExceeded
    /// The kiosk sent `cancel`.
    case cancelledByKiosk
    /// The connection closed.
    case connectionClosed

    /// The status a stopped call ends with.
    var code: RPCError.Code {
        switch self {
        case .deadlineExceeded: .deadlineExceeded
        case .cancelledByKiosk: .cancelled
        case .connectionClosed: .unavailable
        }
    }

    /// The status message a stopped call ends with.
    var message: String {
        switch self {
        case .deadlineExceeded: "the call's deadline (grpc-timeout) passed before it finished"
        case .cancelledByKiosk: "the kiosk cancelled the call"
        case .connectionClosed: "the connection closed"
        }
    }
}
