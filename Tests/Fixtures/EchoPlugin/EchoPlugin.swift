import GRDB
import SwiftProtobuf
public import GRPCCore
public import KioskPluginKit
public import ServiceLifecycle
import Synchronization

/// A plugin used only by the test suite: one migration, a recorded unary write, a server-streaming
/// read and a background service. It exercises every part of the plugin API.
public struct EchoPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "echo",
        version: "1.0.0",
        displayName: "Echo (tests only)",
        coreData: [.childRegistry, .applications, .workList, .consent],
        applicationKinds: [
            ApplicationKindDeclaration("note", title: LocalizedText(zh: "测试申请", en: "Echo note")),
            ApplicationKindDeclaration("referral", title: LocalizedText(zh: "测试转介", en: "Echo referral"), consent: .referral(to: "echo")),
            ApplicationKindDeclaration("shared-note", title: LocalizedText(zh: "共享测试记录", en: "Shared echo note"), consent: EchoPlugin.sharing),
        ],
        consentPurposes: [ConsentPurposeDeclaration(EchoPlugin.sharing, title: LocalizedText(zh: "共享测试记录", en: "Sharing echo notes"))]
    )

    /// The plugin's own consent purpose.
    public static let sharing = ConsentPurpose("echo.share-notes")

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try migrations.add("v1.notes") { db in
            try db.execute(sql: "CREATE TABLE echo_note (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)")
        }
    }

    public let services: [any RegistrableRPCService]
    public let backgroundServices: [any Service]
    public let applicationHooks: (any ApplicationHooks)? = EchoHooks()

    public init(context: PluginContext) async throws {
        let ticker = Ticker()
        self.services = [EchoService(store: context.store, core: context.core, ticker: ticker)]
        self.backgroundServices = [ticker]
    }
}

/// Refuses to activate an application whose note is "block-activation"; notes every transition.
struct EchoHooks: ApplicationHooks {
    func willTransition(_ change: ApplicationChange, in db: Database) throws {
        let payload = try Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest(serializedBytes: change.application.payload)
        if change.action == .activate, payload.note == "block-activation" {
            throw RPCError(code: .failedPrecondition, message: "echo: this application cannot be activated")
        }
    }

    func didTransition(_ change: ApplicationChange, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO echo_note (text) VALUES (?)",
            arguments: ["transition \(change.application.applicationID) \(change.action.rawValue) -> \(change.to.rawValue)"]
        )
    }
}

/// Counts ticks every 20 ms until graceful shutdown.
final class Ticker: Service, Sendable {
    private let count = Mutex<Int64>(0)

    var ticks: Int64 { self.count.withLock { $0 } }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                self.count.withLock { $0 += 1 }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
