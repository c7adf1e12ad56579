import Dispatch
import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskHost
import KioskProtos
import KioskStore
import KioskTesting
import KioskWire
import SwiftProtobuf
import Testing

let deadlineExceeded = UInt32(RPCError.Code.deadlineExceeded.rawValue)

/// Occupies the store's writer with a batch that waits on a semaphore, so that later writes queue up.
struct WriterBlocker {
    let release = DispatchSemaphore(value: 0)
    let done: Task<Void, any Error>

    init(_ writer: GroupCommitWriter) async {
        let (release, started) = (self.release, DispatchSemaphore(value: 0))
        self.done = Task { try await writer.write { _ in started.signal(); release.wait() } }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { started.wait(); continuation.resume() }
        }
    }

    func finish() async throws {
        self.release.signal()
        try await self.done.value
    }
}

extension GroupCommitWriter {
    func waitForQueue(_ count: Int) async throws {
        while self.queuedWrites < count { try await Task.sleep(for: .milliseconds(2)) }
    }
}

@Suite("Deadlines are enforced by the transport for every call shape")
struct DeadlineTests {
    static func noteCount(_ host: LiveKioskHost) async throws -> Int? {
        try await host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") }
    }

    @Test("a unary call whose request never comes ends DEADLINE_EXCEEDED at its deadline; late frames are ignored")
    func waitingForTheRequest() async throws {
        try await LiveKioskHost.withEcho(configure: { $0.idleTimeout = .seconds(5) }) { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let start = ContinuousClock.now
                let metadata = [authorization, textEntry("grpc-timeout", "300m")]
                try await raw.send(.headers(callID: 3, method: "/kiosk.testing.echo.v1.Echo/Say", metadata: metadata))
                let status = try await raw.status(of: 3).status
                #expect(status?.code == deadlineExceeded)
                #expect(ContinuousClock.now - start < .seconds(3))
                try await raw.send(.message(callID: 3, data: try sayRequest("late").serializedData()))
                try await raw.send(.endOfStream(callID: 3))
                #expect(try await raw.roundTrip())
            }
            #expect(try await Self.noteCount(host) == 0)
        }
    }

    @Test("a running handler is cancelled at the deadline: DEADLINE_EXCEEDED, nothing written")
    func runningHandler() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let start = ContinuousClock.now
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: try sayRequest("slow", delayMs: 8_000).serializedData(),
                    metadata: [authorization, textEntry("grpc-timeout", "300m")]
                )
                #expect(try await raw.status(of: 3).status?.code == deadlineExceeded)
                #expect(ContinuousClock.now - start < .seconds(3))
            }
            #expect(try await Self.noteCount(host) == 0)
        }
    }

    @Test("a following stream ends DEADLINE_EXCEEDED at its deadline; a cancelled one ends CANCELLED")
    func followingStream() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                var follow = Kiosk_Core_V1_FollowApplicationsRequest()
                follow.follow = true
                let method = "/kiosk.core.v1.Applications/FollowApplications"
                let start = ContinuousClock.now
                try await raw.sendUnaryRequest(
                    callID: 3, method: method, request: try follow.serializedData(),
                    metadata: [authorization, textEntry("grpc-timeout", "500m")]
                )
                let timedOut = try await raw.status(of: 3).status
                #expect(timedOut?.code == deadlineExceeded)
                #expect(ContinuousClock.now - start < .seconds(4))

                try await raw.sendUnaryRequest(callID: 5, method: method, request: try follow.serializedData(), metadata: [authorization])
                #expect(try await raw.roundTrip())  // The stream is open and idle now.
                try await raw.send(.cancel(callID: 5))
                let cancelled = try await raw.status(of: 5).status
                #expect(cancelled?.code == UInt32(RPCError.Code.cancelled.rawValue))
                #expect(cancelled?.message == "the kiosk cancelled the call")
            }
        }
    }

    @Test("a write still queued when its deadline passes is skipped: DEADLINE_EXCEEDED; a resend with its key runs it once")
    func writeSkipped() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let key = textEntry("idempotency-key", "skip-1")
                let writer = host.host.database.writer
                let blocker = await WriterBlocker(writer)
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: try sayRequest("queued").serializedData(),
                    metadata: [authorization, key, textEntry("grpc-timeout", "200m")]
                )
                try await writer.waitForQueue(1)
                // The deadline passes while the write waits behind the blocking batch.
                try await Task.sleep(for: .milliseconds(400))
                try await blocker.finish()
                #expect(try await raw.status(of: 3).status?.code == deadlineExceeded)
                #expect(try await Self.noteCount(host) == 0)

                #expect(try await raw.say("queued", callID: 5, metadata: [authorization, key])?.code == 0)
                #expect(try await raw.say("queued", callID: 7, metadata: [authorization, key])?.code == 0)
            }
            #expect(try await Self.noteCount(host) == 1)
        }
    }

    @Test("a write whose savepoint ran before the deadline is committed and answered OK; a resend gets the same answer")
    func writeCommitted() async throws {
        // A wide grace, so that a slow machine still sees the commit within it.
        try await LiveKioskHost.withEcho(configure: { $0.stopGrace = .seconds(5) }) { host, kiosk in
            try await RawWireConnection.with(host) { raw in
                let authorization = try await raw.helloAndSignIn(kiosk)
                let key = textEntry("idempotency-key", "commit-1")
                let writer = host.host.database.writer
                let blocker = await WriterBlocker(writer)
                try await raw.sendUnaryRequest(
                    callID: 3,
                    method: "/kiosk.testing.echo.v1.Echo/Say",
                    request: try sayRequest("in the batch").serializedData(),
                    metadata: [authorization, key, textEntry("grpc-timeout", "400m")]
                )
                try await writer.waitForQueue(1)
                // Queued behind the Say, in the same batch: it holds the batch open past the Say's deadline.
                let slow = Task {
                    try await writer.write { db in
                        let said = try Int.fetchOne(db, sql: "SELECT count(*) FROM echo_note") ?? 0
                        Thread.sleep(forTimeInterval: 1.0)
                        return said
                    }
                }
                try await writer.waitForQueue(2)
                try await blocker.finish()
                #expect(try await slow.value == 1, "the Say's savepoint ran first in the batch")
                let (status, kinds) = try await raw.status(of: 3)
                #expect(status?.code == 0)
                #expect(kinds == ["headers", "message", "status"])

                let again = try await raw.say("in the batch", callID: 5, metadata: [authorization, key])
                #expect(again?.code == 0)
            }
            #expect(try await Self.noteCount(host) == 1)
        }
    }
}
