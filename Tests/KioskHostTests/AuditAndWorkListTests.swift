import KioskRecords
import EchoPlugin
import GRDB
import GRPCCore
import KioskHost
import KioskPluginKit
import KioskStore
import KioskProtos
import KioskTesting
import Testing

@Suite("The audit log and the work list")
struct AuditAndWorkListTests {
    @Test("every call that reads or changes a child's record is audited: who, which kiosk, what — never the personal data")
    func audit() async throws {
        try await CoreCounty.with { county in
            let number = identityNumber(born: "20190423", sequence: 2)
            let observations = "祖母生病，孩子一天只吃一顿饭"
            let child = try await county.register(childDetails("王小莲", identityNumber: number))
            try await county.as(.directorA1) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                var get = Kiosk_Core_V1_GetChildRequest()
                get.childID = child.childID
                _ = try await children.getChild(get)
                var search = Kiosk_Core_V1_SearchChildrenRequest()
                search.query = "王小莲"
                _ = try await children.searchChildren(search)
                var visit = Kiosk_Core_V1_RecordVisitRequest()
                visit.childID = child.childID
                visit.visitDate = "2026-11-20"
                visit.observations = observations
                visit.riskLevel = .high
                _ = try await children.recordVisit(visit)
                var read = Kiosk_Testing_Echo_V1_ReadChildRequest()
                read.childID = child.childID
                _ = try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).readChild(read)
            }
            try await county.as(.directorA2) { client in
                var get = Kiosk_Core_V1_GetChildRequest()
                get.childID = child.childID
                _ = await rpcCode { _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(get) }
            }
            let entries = try await county.host.host.database.read { db in try AuditLog.entries(in: db) }
            let summary = entries.map { "\($0.actor) \($0.action) \($0.childID ?? "-") \($0.outcome)" }
            #expect(
                summary == [
                    "directorA1 children.register \(child.childID) ok",
                    "directorA1 children.get \(child.childID) ok",
                    "directorA1 children.search - 1 results",
                    "directorA1 children.record-visit \(child.childID) ok",
                    "directorA1 echo.read-child \(child.childID) ok",
                    "directorA2 children.get \(child.childID) not-found",
                ]
            )
            #expect(entries.allSatisfy { $0.kioskID == county.kiosk.id })
            #expect(entries.map(\.actorLevel).allSatisfy { $0 == "village" })

            // Nothing personal anywhere in the audit table: not the name, its pinyin, the identity
            // number, the birth date or the observations.
            let dump = try await county.host.host.database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM core_audit").map { row in
                    row.databaseValues.map { "\($0)" }.joined(separator: "|")
                }.joined(separator: "\n")
            }
            for secret in ["王小莲", "小莲", "wang", number, "2019-04-23", "20190423", observations, "祖母"] {
                #expect(!dump.contains(secret), "the audit log contains \(secret)")
            }
        }
    }

    @Test("a plugin's urgent item shows on the township's work list only; supervisors resolve it, directors cannot")
    func workList() async throws {
        try await CoreCounty.with { county in
            let child = try await county.register(childDetails("王小莲"))
            let itemID = try await county.as(.directorA1) { client in
                var raise = Kiosk_Testing_Echo_V1_RaiseAlertRequest()
                raise.childID = child.childID
                raise.summary = "needs a visit this week"
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let first = try await echo.raiseAlert(raise).itemID
                raise.summary = "needs a visit today"
                #expect(try await echo.raiseAlert(raise).itemID == first)
                return first
            }
            let seen = try await county.as(.supervisorA) { client in
                try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.init()).items
            }
            #expect(seen.map(\.itemID) == [itemID])
            #expect(seen.first?.urgency == .urgent)
            #expect(seen.first?.kind == "echo.alert")
            #expect(seen.first?.summary == "needs a visit today")
            let elsewhere = try await county.as(.supervisorB) { client in
                try await Kiosk_Core_V1_WorkList.Client(wrapping: client).listWorkItems(.init()).items
            }
            #expect(elsewhere.isEmpty)

            var resolve = Kiosk_Core_V1_ResolveWorkItemRequest()
            resolve.itemID = itemID
            resolve.resolution = "visited with the township doctor"
            let denied = await rpcError {
                try await county.as(.directorA1) { client in
                    _ = try await Kiosk_Core_V1_WorkList.Client(wrapping: client).resolveWorkItem(resolve)
                }
            }
            #expect(denied?.code == .permissionDenied)
            #expect(
                await rpcCode {
                    try await county.as(.supervisorB) { client in
                        _ = try await Kiosk_Core_V1_WorkList.Client(wrapping: client).resolveWorkItem(resolve)
                    }
                } == .notFound
            )
            try await county.as(.supervisorA) { client in
                let workList = Kiosk_Core_V1_WorkList.Client(wrapping: client)
                var empty = resolve
                empty.resolution = " "
                #expect(await rpcCode { _ = try await workList.resolveWorkItem(empty) } == .invalidArgument)
                let resolved = try await workList.resolveWorkItem(resolve).item
                #expect(resolved.resolvedBy == CoreCounty.Who.supervisorA.rawValue)
                #expect(await rpcCode { _ = try await workList.resolveWorkItem(resolve) } == .failedPrecondition)
                #expect(try await workList.listWorkItems(.init()).items.isEmpty)
                var all = Kiosk_Core_V1_ListWorkItemsRequest()
                all.includeResolved = true
                #expect(try await workList.listWorkItems(all).items.map(\.itemID) == [itemID])
            }
        }
    }
}
