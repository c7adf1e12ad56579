import Foundation
import KioskProtos

/// Where the server is and who the harness is to it.
public struct HarnessSettings: Sendable {
    /// The server's address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The kiosk the harness connects as.
    public var kioskID: String
    /// Its credential.
    public var credential: String
    /// Variables every scenario starts with (e.g. worker_id, worker_pin); kiosk_id is added.
    public var variables: [String: String]
    /// How long to wait for any answer, in milliseconds.
    public var timeoutMs: Int32
    /// The CA the server's certificate must lead to (TLS); nil for plaintext, to loopback only.
    public var caFile: String?

    /// Creates settings.
    public init(
        host: String = "127.0.0.1",
        port: Int,
        caFile: String? = nil,
        kioskID: String,
        credential: String,
        variables: [String: String] = [:],
        timeoutMs: Int32 = 10_000
    ) {
        self.host = host
        self.port = port
        self.caFile = caFile
        self.kioskID = kioskID
        self.credential = credential
        self.variables = variables
        self.timeoutMs = timeoutMs
    }
}

/// How one step went.
public struct StepResult: Sendable {
    /// The step's name and line.
    public var name: String
    public var line: Int
    /// What did not match; empty when the step passed.
    public var failures: [String]
    /// Whether the step passed.
    public var passed: Bool { self.failures.isEmpty }
}

/// How a scenario went; it stops at the first failed step.
public struct ScenarioResult: Sendable {
    /// The scenario's name and file.
    public var name: String
    public var file: String
    /// The steps run.
    public var steps: [StepResult]
    /// Whether every step passed.
    public var passed: Bool { self.steps.allSatisfy(\.passed) }

    /// A report for people: one line per step, failures indented.
    public var report: String {
        var lines = ["\(self.passed ? "PASS" : "FAIL") \(self.name) (\(self.file))"]
        for step in self.steps {
            lines.append("  \(step.passed ? "ok  " : "FAIL") \(step.name) (line \(step.line))")
            lines += step.failures.map { "         \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs scenarios against a live server over the kiosk wire.
public struct Harness: Sendable {
    private let schema: ProtoSchema
    private let settings: HarnessSettings

    /// Creates a harness for the server in `settings`, with the methods and types of `schema`.
    public init(schema: ProtoSchema, settings: HarnessSettings) {
        self.schema = schema
        self.settings = settings
    }

    /// Runs one scenario (blocking: call it off the Swift concurrency pool, e.g. ``run(_:)-async``).
    public func runBlocking(_ scenario: Scenario) -> ScenarioResult {
        var run = ScenarioRun(schema: self.schema, settings: self.settings)
        var results: [StepResult] = []
        for step in scenario.steps {
            let failures: [String]
            do {
                failures = try run.perform(step)
            } catch {
                failures = ["\(error)"]
            }
            results.append(StepResult(name: step.name, line: step.line, failures: failures))
            if !failures.isEmpty { break }
        }
        return ScenarioResult(name: scenario.name, file: scenario.file, steps: results)
    }

    /// Runs one scenario on a thread of its own.
    public func run(_ scenario: Scenario) async -> ScenarioResult {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.runBlocking(scenario)) }.start()
        }
    }
}
