import AllowancesPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

@Suite("Allowances over the wire: the 18th birthday, exactly, whatever day a month is run")
struct AgeLimitTests {
    @Test("born 29 February: eligible until 1 March, suspended on 1 March with an exact reason, March paid, April not")
    func leapDayChild() async throws {
        try await TestCounty.allowances(today: "2030-01-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2030-01", fen: 60_000)
            let child = try await county.child("林闰", born: "2012-02-29", categories: [category(.orphan)])
            let id = try await county.grant(child, .orphanBasicLiving, from: "2030-01-01")

            try county.clock.set(today: "2030-02-28")
            let check = try await county.allowances(.directorA1) { client in
                try await client.checkEligibility(.with { $0.childID = child; $0.allowanceType = .deFactoUnattendedBasicLiving })
            }
            #expect(check.checks.first?.explanation == "born 2012-02-29, 17 years old on 2030-02-28; under 18 until 2030-03-01")
            #expect(try await county.runChecks().isEmpty)

            try county.clock.set(today: "2030-03-01")
            let reason = "automatic check on 2030-03-01: age-under-18: born 2012-02-29, 18 years old on 2030-03-01; "
                + "turned 18 on 2030-03-01; not paid from 2030-04"
            #expect(try await county.runChecks().map(\.reason) == [reason])
            #expect(try await county.allowance(id)?.statusReason == reason)
            let application = try await county.as(.officer) { client in
                try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(.with { $0.applicationID = id }).application
            }
            #expect(application.state == .suspended)
            #expect(application.history.last?.reason == reason)
            #expect(application.history.last?.effectiveDate == "2030-04-01")

            #expect(try await county.runPayments(month: "2030-03").paid.map(\.allowanceID) == [id])
            try county.clock.set(today: "2030-04-01")
            let april = try await county.runPayments(month: "2030-04")
            #expect(april.paid.isEmpty)
            #expect(april.skipped.map(\.reason) == ["suspended: \(reason)"])
        }
    }

    @Test("months before the birthday's are paid even when run late, after the suspension")
    func lateRuns() async throws {
        try await TestCounty.allowances(today: "2025-04-10") { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await county.child("吴晚", born: "2007-06-15", categories: [category(.orphan)])
            let id = try await county.grant(child, .orphanBasicLiving, from: "2025-04-01")
            try county.clock.set(today: "2025-08-05")
            for month in ["2025-04", "2025-05", "2025-06"] {
                let run = try await county.runPayments(month: month)
                #expect(run.paid.map(\.allowanceID) == [id], "\(month)")
            }
            let july = try await county.runPayments(month: "2025-07")
            #expect(july.paid.isEmpty)
            #expect(july.skipped.first?.reason.hasSuffix("not paid from 2025-07") == true)
            #expect(try await county.allowance(id)?.status == .suspended)
        }
    }

    @Test("birthday-month-paid = false: the birthday's month is not paid, run before or after the birthday")
    func birthdayMonthNotPaid() async throws {
        try await TestCounty.allowances(today: "2025-05-10", settings: ["allowances.birthday-month-paid": "false"]) { county in
            try await county.setRate(.orphanBasicLiving, from: "2025-01", fen: 60_000)
            let child = try await county.child("郑早", born: "2007-06-15", categories: [category(.orphan)])
            let id = try await county.grant(child, .orphanBasicLiving, from: "2025-05-01")
            #expect(try await county.runPayments(month: "2025-05").paid.map(\.allowanceID) == [id])

            try county.clock.set(today: "2025-06-10")
            let early = try await county.runPayments(month: "2025-06")
            #expect(early.paid.isEmpty)
            #expect(early.skipped.map(\.reason) == ["the child turns 18 on 2025-06-15; paid through 2025-05"])
            #expect(try await county.allowance(id)?.status == .active)

            try county.clock.set(today: "2025-06-20")
            let late = try await county.runPayments(month: "2025-06")
            #expect(late.paid.isEmpty)
            #expect(late.suspendedNow.first?.reason.hasSuffix("turned 18 on 2025-06-15; not paid from 2025-06") == true)
            #expect(late.skipped.map(\.allowanceID) == [id])
        }
    }

    @Test("a bad setting stops the host, naming the plugin, the key and the rule", arguments: [
        ("allowances.check-interval-hours", "0", "setting allowances.check-interval-hours = '0' must be a whole number from 1 to 168"),
        ("allowances.birthday-month-paid", "sometimes", "setting allowances.birthday-month-paid = 'sometimes' must be true or false"),
    ])
    func badSetting(name: String, value: String, message: String) async throws {
        do {
            try await TestCounty.allowances(today: "2025-05-10", settings: [name: value]) { _ in }
            Issue.record("the host started with \(name) = \(value)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }
}
