import GRPCCore
import GuardianshipPlugin
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// Each pair of an application's state and its arrangement, over the wire (README.md, "Arrangements and their applications").
@Suite("Guardianship over the wire: arrangements and their applications stay in step")
struct ArrangementConsistencyTests {
    @Test("a new arrangement replaces the one in effect and closes its application")
    func replacedClosesApplication() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("赵小雨")
            let first = try await county.entrustedCare(child)
            let second = try await county.entrustedCare(child, caregiver: "王爷爷", age: 70)
            let arrangements = try await county.arrangements(child)
            #expect(arrangements.map(\.arrangementID) == [first, second])
            #expect(arrangements.map(\.endReason) == [.replaced, .unspecified])
            #expect(arrangements.first?.endNote == "replaced by \(second)")
            let old = try await county.application(first)
            #expect(old.state == .closed)
            #expect(old.history.last?.actor == "system:guardianship")
            #expect(old.history.last?.reason == "replaced by arrangement \(second)")
            #expect(try await county.application(second).state == .active)
        }
    }

    @Test("a county suspension takes the arrangement off the overdue list and stops reviews; resuming puts it back")
    func suspension() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("钱小月")
            let id = try await county.entrustedCare(child)
            try await county.transition(id, .suspend, reason: "caregiver in hospital", as: .officer)
            let suspended = try #require(try await county.arrangements(child).first)
            #expect(suspended.suspendedOn == "2026-11-23")
            #expect(suspended.suspensionReason == "caregiver in hospital")
            #expect(suspended.endedOn.isEmpty)

            try county.clock.set(today: "2027-03-01")
            #expect(try await county.overdue().isEmpty)
            let review = await rpcError {
                _ = try await county.guardianship(.directorA1) { client in
                    try await client.recordReview(.with { $0.arrangementID = id; $0.reviewedOn = "2027-03-01"; $0.notes = "visited" })
                }
            }
            #expect(review?.code == .failedPrecondition)
            #expect(review?.message == "arrangement \(id) is suspended since 2026-11-23 (caregiver in hospital); the county resumes it before it is reviewed")

            try await county.transition(id, .resume, as: .officer)
            let resumed = try #require(try await county.arrangements(child).first)
            #expect(resumed.suspendedOn.isEmpty && resumed.suspensionReason.isEmpty)
            #expect(try await county.overdue() == [id])
            _ = try await county.guardianship(.directorA1) { client in
                try await client.recordReview(.with { $0.arrangementID = id; $0.reviewedOn = "2027-03-01"; $0.notes = "visited" })
            }
            #expect(try await county.overdue().isEmpty)
        }
    }

    @Test("a suspended arrangement replaced by a new one: its application is closed from suspended")
    func suspendedThenReplaced() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("孙小星")
            let first = try await county.entrustedCare(child)
            try await county.transition(first, .suspend, reason: "caregiver in hospital", as: .officer)
            let second = try await county.entrustedCare(child, caregiver: "王爷爷", age: 70)
            #expect(try await county.application(first).state == .closed)
            #expect(try await county.arrangements(child).map(\.endReason) == [.replaced, .unspecified])
            #expect(try await county.application(second).state == .active)
        }
    }

    @Test("the county closing the application ends the arrangement; ending the arrangement closes the application")
    func closingAndEnding() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("李小河")
            let closedByCounty = try await county.entrustedCare(child)
            try await county.transition(closedByCounty, .close, reason: "the mother came home", as: .officer)
            let ended = try #require(try await county.arrangements(child).first)
            #expect(ended.endReason == .other)
            #expect(ended.endNote == "application closed: the mother came home")
            #expect(try await county.overdue().isEmpty)

            let other = try await county.leftBehindChild("李小山", born: "2017-05-01")
            let endedHere = try await county.entrustedCare(other)
            _ = try await county.guardianship(.directorA1) { client in
                try await client.endArrangement(.with { $0.arrangementID = endedHere; $0.endedOn = "2026-11-23"; $0.reason = .movedAway })
            }
            #expect(try await county.application(endedHere).state == .closed)
        }
    }

    @Test("operators are refused reviews and ends with PERMISSION_DENIED, as by every other call")
    func operators() async throws {
        try await TestCounty.with(plugins: [GuardianshipPlugin.self]) { county in
            let child = try await county.leftBehindChild("周小林")
            let id = try await county.entrustedCare(child)
            for arrangementID in [id, "GNOSUCHTHING"] {
                let review = await rpcError {
                    _ = try await county.guardianship(.operatorWorker) { client in
                        try await client.recordReview(.with { $0.arrangementID = arrangementID; $0.reviewedOn = "2026-11-23"; $0.notes = "x" })
                    }
                }
                #expect(review?.code == .permissionDenied)
                #expect(review?.message == "operators do not read or change children's records")
                let end = await rpcError {
                    _ = try await county.guardianship(.operatorWorker) { client in
                        try await client.endArrangement(.with { $0.arrangementID = arrangementID; $0.endedOn = "2026-11-23"; $0.reason = .movedAway })
                    }
                }
                #expect(end?.code == .permissionDenied)
            }
            let overdue = await rpcError { _ = try await county.overdue(.operatorWorker) }
            #expect(overdue?.code == .permissionDenied)
            #expect(try await county.arrangements(child).first?.endedOn.isEmpty == true)
        }
    }

    @Test("the review intervals and the assessment's validity are settings")
    func settings() async throws {
        let settings = ["guardianship.review-months-high-risk": "2", "guardianship.assessment-valid-days": "30"]
        try await TestCounty.with(plugins: [GuardianshipPlugin.self], settings: settings) { county in
            let child = try await county.leftBehindChild("吴小溪")
            let id = try await county.entrustedCare(child)
            let arrangement = try #require(try await county.arrangements(child).first)
            #expect(arrangement.arrangementID == id)
            #expect(arrangement.reviewIntervalMonths == 2)
            #expect(arrangement.nextReviewDue == "2027-01-23")

            try county.clock.set(today: "2026-12-24")
            let stale = await rpcError {
                _ = try await county.guardianship(.directorA1) { client in
                    try await client.submitArrangement(.with {
                        $0.childID = child
                        $0.type = .entrustedCare
                        $0.caregiver = .with { $0.name = "王奶奶"; $0.relationship = .grandparent; $0.age = 78 }
                        $0.entrustingParent = .mother
                        $0.agreementDate = "2026-12-01"
                    })
                }
            }
            #expect(stale?.code == .failedPrecondition)
            #expect(stale?.message.contains("caregiver-assessed-fit: 王奶奶 was assessed high risk on 2026-11-23, 31 days ago (at most 30 days)") == true)
        }
        for (name, value, rule) in [
            ("guardianship.review-months-other", "0", "a whole number from 1 to 24"),
            ("guardianship.assessment-valid-days", "ninety", "a whole number from 1 to 730"),
        ] {
            do {
                try await TestCounty.with(plugins: [GuardianshipPlugin.self], settings: [name: value]) { _ in }
                Issue.record("the host started with \(name) = \(value)")
            } catch {
                #expect("\(error)".hasPrefix("setting \(name) = '\(value)' must be \(rule)"), "\(error)")
            }
        }
    }

    @Test("every arrangement type is declared as an application kind needing the referral consent")
    func applicationKinds() {
        let kinds = GuardianshipPlugin.metadata.applicationKinds
        #expect(kinds.map(\.kind) == ["entrusted-care", "kinship-care", "foster-family", "institutional-care"])
        #expect(kinds.allSatisfy { !$0.title.zh.isEmpty && !$0.title.en.isEmpty && $0.consent?.id == "referral:guardianship" })
    }
}
