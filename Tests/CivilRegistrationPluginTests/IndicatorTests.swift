import CivilRegistrationPlugin
import KioskProtos
import KioskTesting
import Testing

@Suite("Civil registration in the programme's reports")
struct IndicatorTests {
    @Test("registrations completed by outcome month; children waiting on the police as of each month's end")
    func completedAndWaiting() async throws {
        try await TestCounty.civilRegistration(today: "2026-01-05") { county in
            let first = try await county.approvedCase(try await county.child("林小花"))
            let second = try await county.approvedCase(try await county.child("林小草", born: "2020-02-02"))
            let third = try await county.approvedCase(try await county.child("林小树", born: "2021-03-03"))
            _ = try await county.handOver(first.caseID, sent: "2026-01-05")
            _ = try await county.handOver(second.caseID, sent: "2026-01-05")
            try county.clock.set(today: "2026-02-20")
            _ = try await county.handOver(third.caseID, sent: "2026-02-10")
            _ = try await county.outcome(first.caseID, registered: true, on: "2026-02-15")
            _ = try await county.outcome(second.caseID, registered: false, on: "2026-02-16", note: "documents refused")

            let report = try await county.indicators(from: "2026-01", through: "2026-02")
            #expect(report.value("civil_registration.registrations-completed") == 1)
            #expect(report.value("civil_registration.registrations-completed", month: "2026-02") == 1)
            #expect(report.value("civil_registration.registrations-completed", month: "2026-01") == 0)
            #expect(report.value("civil_registration.waiting-on-police", month: "2026-01") == 2)
            #expect(report.value("civil_registration.waiting-on-police", month: "2026-02") == 1)
            #expect(report.value("civil_registration.waiting-on-police") == 1)
            #expect(report.value("core.applications.civil_registration.hukou", group: "closed") == 2)
            #expect(report.value("core.applications.civil_registration.hukou", group: "approved") == 1)
        }
    }
}
