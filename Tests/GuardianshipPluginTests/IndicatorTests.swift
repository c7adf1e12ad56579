import GuardianshipPlugin
import KioskProtos
import KioskTesting
import Testing

@Suite("Guardianship in the programme's reports")
struct IndicatorTests {
    @Test("arrangements in effect by type on each month's end; a review overdue once its interval has passed")
    func activeAndOverdue() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("王小莲")
            _ = try await county.entrustedCare(child)
            let november = try await county.indicators(from: "2026-10", through: "2026-11")
            #expect(november.value("guardianship.arrangements-active") == 1)
            #expect(november.value("guardianship.arrangements-active", group: "entrusted-care") == 1)
            #expect(november.value("guardianship.arrangements-active", month: "2026-10") == 0)
            #expect(november.value("guardianship.arrangements-active", area: TestCounty.townshipA, month: "2026-11") == 1)
            #expect(november.value("guardianship.reviews-overdue") == 0)
            let later = try await county.indicators(from: "2026-12", through: "2027-06")
            #expect(later.value("guardianship.reviews-overdue", month: "2026-12") == 0)
            #expect(later.value("guardianship.reviews-overdue", month: "2027-06") == 1)
            #expect(later.value("guardianship.arrangements-active", month: "2027-06") == 1)
            // Support counts only for children whose record shows a lack of family care; this one has no category.
            #expect(november.value("core.supported-children-without-family-care") == 0)
            #expect(november.value("core.applications.guardianship.entrusted-care", group: "active") == 1)
        }
    }
}
