import Dispatch
import NIOCore

// KioskWireTests depends on NIOCore only (through KioskWire), not on NIOEmbedded or NIOTestUtils, so
// `EmbeddedChannel` is not available. These two small types are just enough of a channel to run a
// `ByteToMessageHandler(FrameDecoder())` in a real `ChannelPipeline`, which is the only way to reach
// `decodeLast` (it needs a `ChannelHandlerContext`).

/// An event loop that runs everything at once on the calling thread. It never schedules timers.
final class InlineEventLoop: EventLoop, @unchecked Sendable {
    var inEventLoop: Bool { true }

    func execute(_ task: @escaping @Sendable () -> Void) {
        task()
    }

    func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        let promise: EventLoopPromise<T> = self.makePromise()
        promise.fail(EventLoopError.unsupportedOperation)
        return Scheduled(promise: promise, cancellationTask: {})
    }

    func scheduleTask<T>(in delay: TimeAmount, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        self.scheduleTask(deadline: .now() + delay, task)
    }

    func preconditionInEventLoop(file: StaticString, line: UInt) {}

    func preconditionNotInEventLoop(file: StaticString, line: UInt) {
        preconditionFailure("InlineEventLoop is always the current event loop", file: file, line: line)
    }

    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
        queue.async { callback(nil) }
    }
}

/// A channel with no I/O: inbound events are fed by the test, and whatever reaches the tail of the
/// pipeline (reads and errors) is recorded.
final class RecordingChannel: Channel, ChannelCore, @unchecked Sendable {
    let inlineLoop = InlineEventLoop()
    var eventLoop: any EventLoop { self.inlineLoop }
    let allocator = ByteBufferAllocator()
    private var _pipeline: ChannelPipeline?
    private let closePromise: EventLoopPromise<Void>
    private var open = true

    /// Messages that went through every inbound handler.
    private(set) var reads: [NIOAny] = []
    /// Errors that went through every inbound handler.
    private(set) var errors: [any Error] = []

    init() {
        self.closePromise = self.inlineLoop.makePromise()
        self._pipeline = ChannelPipeline(channel: self)
    }

    var pipeline: ChannelPipeline { self._pipeline! }
    var closeFuture: EventLoopFuture<Void> { self.closePromise.futureResult }
    var localAddress: SocketAddress? { nil }
    var remoteAddress: SocketAddress? { nil }
    var parent: (any Channel)? { nil }
    var isWritable: Bool { true }
    var isActive: Bool { self.open }
    var _channelCore: any ChannelCore { self }

    func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) -> EventLoopFuture<Void> {
        self.eventLoop.makeSucceededVoidFuture()
    }

    func getOption<Option: ChannelOption>(_ option: Option) -> EventLoopFuture<Option.Value> {
        self.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
    }

    /// Feeds bytes in as if they had been read from the socket.
    func feed(_ bytes: [UInt8]) {
        self.pipeline.syncOperations.fireChannelRead(NIOAny(ByteBuffer(bytes: bytes)))
    }

    /// The peer closed the connection: fires channelInactive and tears the pipeline down.
    func closeFromPeer() {
        self.close0(error: ChannelError.eof, mode: .all, promise: nil)
    }

    /// The values read at the tail of the pipeline, as `T`.
    func readValues<T>(as type: T.Type = T.self) -> [T] {
        self.reads.map { self.unwrapData($0, as: T.self) }
    }

    // MARK: ChannelCore

    func localAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }
    func remoteAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }
    func register0(promise: EventLoopPromise<Void>?) { promise?.succeed() }
    func registerAlreadyConfigured0(promise: EventLoopPromise<Void>?) { promise?.succeed() }
    func bind0(to: SocketAddress, promise: EventLoopPromise<Void>?) { promise?.fail(ChannelError.operationUnsupported) }
    func connect0(to: SocketAddress, promise: EventLoopPromise<Void>?) { promise?.fail(ChannelError.operationUnsupported) }
    func write0(_ data: NIOAny, promise: EventLoopPromise<Void>?) { promise?.succeed() }
    func flush0() {}
    func read0() {}

    func close0(error: any Error, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard self.open else {
            promise?.fail(ChannelError.alreadyClosed)
            return
        }
        self.open = false
        promise?.succeed()
        self.pipeline.syncOperations.fireChannelInactive()
        self.pipeline.syncOperations.fireChannelUnregistered()
        self.removeHandlers(pipeline: self.pipeline)
        self.closePromise.succeed()
    }

    func triggerUserOutboundEvent0(_ event: Any, promise: EventLoopPromise<Void>?) {
        promise?.fail(ChannelError.operationUnsupported)
    }

    func channelRead0(_ data: NIOAny) {
        self.reads.append(data)
    }

    func errorCaught0(error: any Error) {
        self.errors.append(error)
    }
}
