import AllowancesPlugin
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

@Suite("Allowances over the wire: rate changes kept, children's allowances confined like every read")
struct RatesAndListsTests {
    @Test("setting a month's rate again replaces it, says so, and keeps both in the rate changes")
    func rateReplaced() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            let first = try await county.setRate(.orphanBasicLiving, from: "2025-04", fen: 60_000)
            #expect(!first.hasReplaced)
            let second = try await county.setRate(.orphanBasicLiving, from: "2025-04", fen: 62_000)
            #expect(second.hasReplaced)
            #expect(second.replaced.monthlyAmountFen == 60_000)
            #expect(second.replaced.effectiveMonth == "2025-04")
            #expect(second.rate.monthlyAmountFen == 62_000)
            try await county.setRate(.minimumLivingChildSupplement, from: "2025-04", fen: 10_000)

            let listed = try await county.allowances(.supervisorA) { client in
                try await client.listRates(.with { $0.county = TestCounty.county; $0.allowanceType = .orphanBasicLiving })
            }
            #expect(listed.rates.map(\.monthlyAmountFen) == [62_000])
            #expect(listed.changes.map(\.monthlyAmountFen) == [60_000, 62_000])
            #expect(listed.changes.map(\.replaced) == [false, true])
            #expect(listed.changes.map(\.previousAmountFen) == [0, 60_000])
            #expect(listed.changes.allSatisfy { $0.setBy == "officer" && $0.effectiveMonth == "2025-04" })
            let all = try await county.allowances(.officer) { try await $0.listRates(.with { $0.county = TestCounty.county }) }
            #expect(all.changes.count == 3)
        }
    }

    @Test("ListAllowances for a child outside the jurisdiction is NOT_FOUND; inside, the child's allowances")
    func listAllowancesConfined() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let inB1 = try await county.child("冯远", born: "2012-02-02", categories: [category(.orphan)], village: TestCounty.villageB1)
            let id = try await county.allowances(.directorB1) { client in
                try await client.submitApplication(.with { $0.childID = inB1; $0.allowanceType = .orphanBasicLiving }).applicationID
            }
            try await county.transition(id, .beginReview, as: .supervisorB)
            try await county.transition(id, .forward, as: .supervisorB)
            try await county.transition(id, .approve, as: .officer)
            try await county.transition(id, .activate, effectiveDate: "2025-03-01", as: .officer)
            for who in [TestCounty.Who.directorA1, .supervisorA] {
                let outside = await rpcError {
                    _ = try await county.allowances(who) { try await $0.listAllowances(.with { $0.childID = inB1 }) }
                }
                #expect(outside?.code == .notFound, "\(who)")
            }
            let unknown = await rpcError {
                _ = try await county.allowances(.officer) { try await $0.listAllowances(.with { $0.childID = "CNOSUCHCHILD" }) }
            }
            #expect(unknown?.code == .notFound)
            let badID = await rpcError {
                _ = try await county.allowances(.officer) { try await $0.listAllowances(.with { $0.childID = "not an id" }) }
            }
            #expect(badID?.message == "child_id: is not an id (1 to 64 letters, digits, '-' or '_')")
            let own = try await county.allowances(.directorB1) { try await $0.listAllowances(.with { $0.childID = inB1 }) }
            #expect(own.allowances.map(\.allowanceID) == [id])
            let everyone = try await county.allowances(.supervisorA) { try await $0.listAllowances(.init()) }
            #expect(everyone.allowances.isEmpty)
        }
    }

    @Test("every application kind the plugin submits is declared with titles in both languages and the referral consent")
    func applicationKinds() {
        let kinds = AllowancesPlugin.metadata.applicationKinds
        #expect(kinds.map(\.kind) == [
            "orphan-basic-living", "de-facto-unattended-basic-living", "disability-living-subsidy", "severe-disability-nursing",
            "minimum-living-child-supplement",
        ])
        #expect(kinds.allSatisfy { !$0.title.zh.isEmpty && !$0.title.en.isEmpty && $0.consent?.id == "referral:allowances" })
        #expect(AllowancesPlugin.metadata.problem == nil)
    }
}
