import AllowancesPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import Testing

@Suite("Allowances over the wire: eligibility refusals, suspension, resumption, appeal")
struct SuspensionTests {
    @Test("an ineligible submission is refused with every failing rule in words; a second one is a duplicate")
    func ineligible() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            let child = try await county.child("孙小", born: "2013-04-04", categories: [category(.disability, grade: 3)])
            let nursing = await rpcError { _ = try await county.submit(child, .severeDisabilityNursing) }
            #expect(nursing?.code == .failedPrecondition)
            #expect(nursing?.message.contains("disability-certificate-grade: disability certificate physical, grade 3; outside grade 1 to 2") == true)
            let orphan = await rpcError { _ = try await county.submit(child, .orphanBasicLiving) }
            #expect(orphan?.message.contains("category-orphan: the child's record does not have category orphan") == true)

            try await county.setCategories(child, [category(.disability, grade: 3), category(.minimumLivingGuarantee)])
            _ = try await county.submit(child, .disabilityLivingSubsidy)
            let duplicate = await rpcError { _ = try await county.submit(child, .disabilityLivingSubsidy) }
            #expect(duplicate?.code == .failedPrecondition)
            #expect(duplicate?.message.contains("not-already-granted") == true)
        }
    }

    @Test("turning 18: the day before nothing happens; on the birthday the allowance is suspended from the next month, its month still paid; resume is refused")
    func eighteenthBirthday() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await county.child("周强", born: "2007-06-15", categories: [category(.orphan)])
            let id = try await county.grant(child, .orphanBasicLiving, from: "2025-03-01")
            try county.clock.set(today: "2025-06-14")
            #expect(try await county.runChecks().isEmpty)
            #expect(try await county.allowance(id)?.status == .active)
            try county.clock.set(today: "2025-06-15")
            let suspended = try await county.runChecks()
            #expect(suspended.map(\.allowanceID) == [id])
            #expect(suspended.first?.reason.contains("turned 18 on 2025-06-15") == true)
            #expect(suspended.first?.reason.hasSuffix("; not paid from 2025-07") == true)
            let allowance = try await county.allowance(id)
            #expect(allowance?.status == .suspended)
            #expect(allowance?.statusReason.contains("automatic check on 2025-06-15") == true)

            // The month of the 18th birthday is paid (birthday-month-paid = true), even run after the birthday.
            let june = try await county.runPayments(month: "2025-06")
            #expect(june.paid.map(\.allowanceID) == [id])
            #expect(june.skipped.isEmpty)
            try county.clock.set(today: "2025-07-02")
            let july = try await county.runPayments(month: "2025-07")
            #expect(july.paid.isEmpty)
            #expect(july.skipped.map(\.allowanceID) == [id])
            #expect(july.skipped.first?.reason.hasPrefix("suspended: automatic check") == true)
            let resume = await rpcError { try await county.transition(id, .resume, as: .officer) }
            #expect(resume?.code == .failedPrecondition)
            #expect(resume?.message.contains("age-under-18") == true)
            let closed = try await county.transition(id, .close, reason: "the child is 18", as: .officer)
            #expect(closed.state == .closed)
            #expect(try await county.allowance(id)?.status == .closed)
        }
    }

    @Test("removing the qualifying category suspends; restoring it lets the county resume")
    func categoryRemoved() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.minimumLivingChildSupplement, from: "2025-01", fen: 10_000)
            let child = try await county.child("吴芳", born: "2012-09-09", categories: [category(.minimumLivingGuarantee)])
            let id = try await county.grant(child, .minimumLivingChildSupplement, from: "2025-03-01")
            try await county.setCategories(child, [])
            let run = try await county.runPayments(month: "2025-03")
            #expect(run.suspendedNow.map(\.allowanceID) == [id])
            #expect(run.suspendedNow.first?.reason.contains("does not have category minimum-living-guarantee") == true)
            #expect(run.paid.isEmpty)
            #expect(run.skipped.map(\.allowanceID) == [id])

            let refused = await rpcError { try await county.transition(id, .resume, as: .officer) }
            #expect(refused?.code == .failedPrecondition)
            try await county.setCategories(child, [category(.minimumLivingGuarantee)])
            let byDirector = await rpcError { try await county.transition(id, .resume, as: .directorA1) }
            #expect(byDirector?.code == .permissionDenied)
            let resumed = try await county.transition(id, .resume, as: .officer)
            #expect(resumed.state == .active)
            #expect(try await county.allowance(id)?.status == .active)
            #expect(try await county.runPayments(month: "2025-03").paid.map(\.amountFen) == [10_000])
        }
    }

    @Test("a county officer suspends by hand; a rejected application is reopened by an appeal")
    func manualSuspensionAndAppeal() async throws {
        try await TestCounty.allowances(today: "2025-03-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await county.child("郑洁", born: "2011-11-11", categories: [category(.orphan)])
            let id = try await county.grant(child, .orphanBasicLiving, from: "2025-03-01")
            try await county.transition(id, .suspend, reason: "guardian to confirm the bank account", as: .officer)
            #expect(try await county.allowance(id)?.statusReason == "guardian to confirm the bank account")
            let run = try await county.runPayments(month: "2025-03")
            #expect(run.skipped.first?.reason == "suspended: guardian to confirm the bank account")

            let other = try await county.child("郑明", born: "2012-12-12", categories: [category(.orphan)])
            let application = try await county.submit(other, .orphanBasicLiving)
            try await county.transition(application, .beginReview, as: .supervisorA)
            try await county.transition(application, .forward, as: .supervisorA)
            try await county.transition(application, .reject, reason: "death certificate missing", as: .officer)
            let appealed = try await county.transition(application, .appeal, reason: "certificate now on file", as: .directorA1)
            #expect(appealed.state == .countyReview)
            let approved = try await county.transition(application, .approve, as: .officer)
            #expect(approved.state == .approved)
            let stages = try await county.allowances(.officer) { client in
                var request = Kiosk_Plugins_Allowances_V1_ListDecisionsRequest()
                request.applicationID = application
                return try await client.listDecisions(request).decisions.map(\.stage)
            }
            #expect(stages == ["submit", "reject", "appeal", "approve"])
        }
    }
}
