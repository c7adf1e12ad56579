import KioskStore
public import KioskPluginKit
import Synchronization

/// Wakes the streams that follow applications when a transaction with new events commits.
public final class ApplicationEvents: Sendable {
    private let waiters = Mutex<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// Creates the notifier; the host makes one for the whole server.
    public init() {}

    /// Wakes every follower.
    public func notify() {
        let waiters = self.waiters.withLock { $0 }
        for continuation in waiters.values { continuation.yield() }
    }

    /// Runs `body` with a stream that yields whenever new events may have been committed.
    public func withWakeUps<T: Sendable>(_ body: (AsyncStream<Void>) async throws -> T) async rethrows -> T {
        let id = self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.waiters.withLock { $0[id] = continuation }
        defer {
            self.waiters.withLock { _ = $0.removeValue(forKey: id) }
            continuation.finish()
        }
        return try await body(stream)
    }
}

/// The plugins' hooks by plugin id, filled in as the host builds the plugins.
public final class ApplicationHookTable: Sendable {
    private let hooks = Mutex<[String: any ApplicationHooks]>([:])

    /// Creates an empty table.
    public init() {}

    /// Sets the hooks of `pluginID`'s applications.
    public func set(_ hooks: any ApplicationHooks, for pluginID: String) {
        self.hooks.withLock { $0[pluginID] = hooks }
    }

    /// The hooks of `pluginID`'s applications, if it has any.
    public func hooks(for pluginID: String) -> (any ApplicationHooks)? {
        self.hooks.withLock { $0[pluginID] }
    }
}
