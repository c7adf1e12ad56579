import AllowancesPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import Testing

@Suite("Allowances over the wire: eligibility refusals, suspension, resumption, appeal")
struct SuspensionTests {
    @Test("an ineligible submission is refused with every failing rule in words; a second one is a duplicate")
    func ineligible() async throws {
        try await Desk.with(today: "2025-03-10") { desk in
            let child = try await desk.registerChild(name: "孙小", born: "2013-04-04", categories: [category(.disability, grade: 3)])
            let nursing = await rpcError { _ = try await desk.submit(child, .severeDisabilityNursing) }
            #expect(nursing?.code == .failedPrecondition)
            #expect(nursing?.message.contains("disability-certificate-grade: disability certificate physical, grade 3; outside grade 1 to 2") == true)
            let orphan = await rpcError { _ = try await desk.submit(child, .orphanBasicLiving) }
            #expect(orphan?.message.contains("category-orphan: the child's record does not have category orphan") == true)

            try await desk.setCategories(child, [category(.disability, grade: 3), category(.minimumLivingGuarantee)])
            _ = try await desk.submit(child, .disabilityLivingSubsidy)
            let duplicate = await rpcError { _ = try await desk.submit(child, .disabilityLivingSubsidy) }
            #expect(duplicate?.code == .failedPrecondition)
            #expect(duplicate?.message.contains("not-already-granted") == true)
        }
    }

    @Test("turning 18: the day before nothing happens, on the birthday the allowance is suspended and skipped; resume is refused")
    func eighteenthBirthday() async throws {
        try await Desk.with(today: "2025-03-10") { desk in
            try await desk.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await desk.registerChild(name: "周强", born: "2007-06-15", categories: [category(.orphan)])
            let id = try await desk.grant(child, .orphanBasicLiving, from: "2025-03-01")
            try desk.setToday("2025-06-14")
            #expect(try await desk.runChecks().isEmpty)
            #expect(try await desk.allowanceStatus(id)?.status == .active)
            try desk.setToday("2025-06-15")
            let suspended = try await desk.runChecks()
            #expect(suspended.map(\.allowanceID) == [id])
            #expect(suspended.first?.reason.contains("turned 18 on 2025-06-15") == true)
            let allowance = try await desk.allowanceStatus(id)
            #expect(allowance?.status == .suspended)
            #expect(allowance?.statusReason.contains("automatic check on 2025-06-15") == true)

            let june = try await desk.runPayments(month: "2025-06")
            #expect(june.paid.isEmpty)
            #expect(june.skipped.map(\.allowanceID) == [id])
            #expect(june.skipped.first?.reason.hasPrefix("suspended: automatic check") == true)
            let resume = await rpcError { try await desk.transition(id, .resume, by: desk.county) }
            #expect(resume?.code == .failedPrecondition)
            #expect(resume?.message.contains("age-under-18") == true)
            let closed = try await desk.transition(id, .close, by: desk.county, reason: "the child is 18")
            #expect(closed.state == .closed)
            #expect(try await desk.allowanceStatus(id)?.status == .closed)
        }
    }

    @Test("removing the qualifying category suspends; restoring it lets the county resume")
    func categoryRemoved() async throws {
        try await Desk.with(today: "2025-03-10") { desk in
            try await desk.setRate(.minimumLivingChildSupplement, from: "2025-01", fen: 10_000)
            let child = try await desk.registerChild(name: "吴芳", born: "2012-09-09", categories: [category(.minimumLivingGuarantee)])
            let id = try await desk.grant(child, .minimumLivingChildSupplement, from: "2025-03-01")
            try await desk.setCategories(child, [])
            let run = try await desk.runPayments(month: "2025-03")
            #expect(run.suspendedNow.map(\.allowanceID) == [id])
            #expect(run.suspendedNow.first?.reason.contains("does not have category minimum-living-guarantee") == true)
            #expect(run.paid.isEmpty)
            #expect(run.skipped.map(\.allowanceID) == [id])

            let refused = await rpcError { try await desk.transition(id, .resume, by: desk.county) }
            #expect(refused?.code == .failedPrecondition)
            try await desk.setCategories(child, [category(.minimumLivingGuarantee)])
            let byDirector = await rpcError { try await desk.transition(id, .resume, by: desk.village) }
            #expect(byDirector?.code == .permissionDenied)
            let resumed = try await desk.transition(id, .resume, by: desk.county)
            #expect(resumed.state == .active)
            #expect(try await desk.allowanceStatus(id)?.status == .active)
            #expect(try await desk.runPayments(month: "2025-03").paid.map(\.amountFen) == [10_000])
        }
    }

    @Test("a county officer suspends by hand; a rejected application is reopened by an appeal")
    func manualSuspensionAndAppeal() async throws {
        try await Desk.with(today: "2025-03-10") { desk in
            try await desk.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await desk.registerChild(name: "郑洁", born: "2011-11-11", categories: [category(.orphan)])
            let id = try await desk.grant(child, .orphanBasicLiving, from: "2025-03-01")
            try await desk.transition(id, .suspend, by: desk.county, reason: "guardian to confirm the bank account")
            #expect(try await desk.allowanceStatus(id)?.statusReason == "guardian to confirm the bank account")
            let run = try await desk.runPayments(month: "2025-03")
            #expect(run.skipped.first?.reason == "suspended: guardian to confirm the bank account")

            let other = try await desk.registerChild(name: "郑明", born: "2012-12-12", categories: [category(.orphan)])
            let application = try await desk.submit(other, .orphanBasicLiving)
            try await desk.transition(application, .beginReview, by: desk.township)
            try await desk.transition(application, .forward, by: desk.township)
            try await desk.transition(application, .reject, by: desk.county, reason: "death certificate missing")
            let appealed = try await desk.transition(application, .appeal, by: desk.village, reason: "certificate now on file")
            #expect(appealed.state == .countyReview)
            let approved = try await desk.transition(application, .approve, by: desk.county)
            #expect(approved.state == .approved)
            let stages = try await desk.allowances(desk.county) { client in
                var request = Kiosk_Plugins_Allowances_V1_ListDecisionsRequest()
                request.applicationID = application
                return try await client.listDecisions(request).decisions.map(\.stage)
            }
            #expect(stages == ["submit", "reject", "appeal", "approve"])
        }
    }
}
