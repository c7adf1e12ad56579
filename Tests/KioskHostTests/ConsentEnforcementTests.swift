import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskRecords
import KioskStore
import KioskTesting
import Testing

@Suite("Consent enforced at submission")
struct ConsentEnforcementTests {
    @Test("a kind that needs consent is refused without it, naming the purpose and the child; the refusal is audited")
    func refusedWithoutConsent() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            for (kind, purpose) in [("referral", "referral:echo"), ("shared-note", "echo.share-notes")] {
                let error = await rpcError { _ = try await county.submitEcho(child.childID, kind: kind) }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.message.contains("child \(child.childID) has no consent for \(purpose) on record") == true, "\(String(describing: error))")
                #expect(error?.message.contains("application kind echo.\(kind) needs it") == true)
                #expect(error?.message.contains("王小莲") == false)
            }
            _ = try await county.submitEcho(child.childID, kind: "")
            let refusals = try await county.host.host.database.read { db in
                try AuditLog.entries(in: db).filter { $0.outcome.hasPrefix("refused") }.map { "\($0.action) \($0.childID ?? "-") \($0.outcome)" }
            }
            #expect(
                refusals == [
                    "applications.submit \(child.childID) refused: no consent for referral:echo",
                    "applications.submit \(child.childID) refused: no consent for echo.share-notes",
                ]
            )
            let stored = try await county.host.host.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM core_application") }
            #expect(stored == 1)
        }
    }

    @Test("with the consent in force the submission goes through; a plugin's own purpose works the same")
    func acceptedWithConsent() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            _ = try await county.recordConsent(echoReferral, for: child)
            _ = try await county.submitEcho(child.childID, kind: "referral")
            let shared = await rpcCode { _ = try await county.submitEcho(child.childID, kind: "shared-note") }
            #expect(shared == .failedPrecondition)
            let reread = try await county.as(.directorA1) { client in
                var get = Kiosk_Core_V1_GetChildRequest()
                get.childID = child.childID
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(get).child
            }
            _ = try await county.recordConsent(EchoPlugin.sharing, for: reread)
            _ = try await county.submitEcho(child.childID, kind: "shared-note")
        }
    }

    @Test("a kind the plugin does not declare is INTERNAL naming the plugin and the kind")
    func undeclaredKind() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            let error = await rpcError { _ = try await county.submitEcho(child.childID, kind: "surprise") }
            #expect(error?.code == .internalError)
            #expect(error?.message == "plugin 'echo' submits application kind 'surprise' without declaring it in its metadata's applicationKinds")
        }
    }

    @Test("plugins read consent through context.core.consent, in the worker's jurisdiction")
    func pluginReadsConsent() async throws {
        try await CoreCounty.with { county in
            let child = try await county.registerChild("王小莲")
            func check(as who: TestCounty.Who) async throws -> Kiosk_Testing_Echo_V1_CheckConsentResponse {
                try await county.as(who) { client in
                    var request = Kiosk_Testing_Echo_V1_CheckConsentRequest()
                    request.childID = child.childID
                    request.purpose = "referral:echo"
                    return try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).checkConsent(request)
                }
            }
            #expect(try await check(as: .directorA1).consentID.isEmpty)
            let consent = try await county.recordConsent(echoReferral, for: child)
            let seen = try await check(as: .supervisorA)
            #expect(seen.consentID == consent.consentID && seen.consentsOnRecord == 1)
            #expect(await rpcCode { _ = try await check(as: .directorB1) } == .notFound)
            #expect(await rpcCode { _ = try await check(as: .operatorWorker) } == .permissionDenied)
        }
    }

    @Test("a plugin that did not declare consent access gets INTERNAL; one that declares no kinds is not checked")
    func grantsAndUndeclaredPlugins() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        try KioskHost.migrator(for: []).migrate(database)
        let clock = ManualClock(today: try CalendarDate(iso: "2026-11-23"))
        let legacy = PluginMetadata(id: "legacy", version: "1", displayName: "Legacy", coreData: [.applications, .childRegistry])
        let records = CoreRecords(clock: clock)
        let core = records.services(for: .core, installedPlugins: [legacy])
        let plugin = records.services(for: CoreGrants(holder: "legacy", access: legacy.coreData), installedPlugins: [legacy])
        let actor = CoreActor.system("legacy")
        let outcome = try await database.writer.write { db in
            let details = ChildDetails(
                name: "王小莲", sex: .female, birthDate: try CalendarDate(iso: "2019-04-23"), village: try DivisionCode("530102001001"),
                hukouStatus: .registeredLocal
            )
            let registered = try core.children.register(details, confirmedNotDuplicate: true, in: db, actor: actor)
            guard case .registered(let child) = registered else { throw RPCError(code: .internalError, message: "not registered") }
            let application = try plugin.applications.submit(
                kind: "anything", childID: child.childID, summary: "s", payload: Kiosk_Core_V1_GetChildRequest(), checks: [], in: db, actor: actor
            )
            let denied = Result { try plugin.consent.consents(of: child.childID, in: db, actor: actor) }
            return (application.kind, denied)
        }
        #expect(outcome.0 == "legacy.anything")
        guard case .failure(let error as RPCError) = outcome.1 else { Issue.record("consent read without the grant"); return }
        #expect(error.code == .internalError && error.message.contains("uses consent without declaring it"))
    }
}
