@testable import AllowancesPlugin
import KioskDomain
import KioskPluginKit
import Testing

@Suite("Allowance eligibility rules, without I/O")
struct EligibilityTests {
    static func input(
        _ kind: AllowanceKind, born: String = "2010-05-01", today: String = "2025-03-10", categories: [ChildCategory],
        granted: [AllowanceKind] = [], open: [AllowanceKind] = []
    ) throws -> EligibilityInput {
        EligibilityInput(
            kind: kind, birthDate: try CalendarDate(iso: born), categories: categories, today: try CalendarDate(iso: today),
            grantedKinds: granted, openApplicationKinds: open
        )
    }

    static func result(_ rule: String, _ input: EligibilityInput) -> CheckResult? {
        Eligibility.evaluate(input).first { $0.rule == rule }
    }

    @Test("age: the day before the 18th birthday passes, the birthday itself fails, and both say why")
    func ageBoundary() throws {
        let before = try Self.input(.orphanBasicLiving, born: "2007-06-15", today: "2025-06-14", categories: [ChildCategory(.orphan)])
        let on = try Self.input(.orphanBasicLiving, born: "2007-06-15", today: "2025-06-15", categories: [ChildCategory(.orphan)])
        let after = try Self.input(.orphanBasicLiving, born: "2007-06-15", today: "2025-06-16", categories: [ChildCategory(.orphan)])
        #expect(Self.result("age-under-18", before)?.passed == true)
        #expect(Self.result("age-under-18", before)?.explanation == "born 2007-06-15, 17 years old on 2025-06-14; under 18 until 2025-06-15")
        #expect(Self.result("age-under-18", on)?.passed == false)
        #expect(Self.result("age-under-18", on)?.explanation == "born 2007-06-15, 18 years old on 2025-06-15; turned 18 on 2025-06-15")
        #expect(Self.result("age-under-18", after)?.passed == false)
    }

    @Test("a child born on 29 February turns 18 on 1 March in a common year")
    func leapDayBirthday() throws {
        let last = try Self.input(.orphanBasicLiving, born: "2008-02-29", today: "2026-02-28", categories: [ChildCategory(.orphan)])
        let first = try Self.input(.orphanBasicLiving, born: "2008-02-29", today: "2026-03-01", categories: [ChildCategory(.orphan)])
        #expect(Self.result("age-under-18", last)?.passed == true)
        #expect(Self.result("age-under-18", first)?.passed == false)
        #expect(Self.result("age-under-18", last)?.explanation == "born 2008-02-29, 17 years old on 2026-02-28; under 18 until 2026-03-01")
        #expect(Self.result("age-under-18", first)?.explanation == "born 2008-02-29, 18 years old on 2026-03-01; turned 18 on 2026-03-01")
        let leapYear = try Self.input(.orphanBasicLiving, born: "2008-02-29", today: "2026-02-28", categories: [])
        #expect(AgeLimit.eighteenthBirthday(of: leapYear.birthDate) == (try CalendarDate(iso: "2026-03-01")))
        // 18 years after a leap year is never one: a child born on 29 February always turns 18 on 1 March.
        #expect(AgeLimit.eighteenthBirthday(of: try CalendarDate(iso: "2004-02-29")) == (try CalendarDate(iso: "2022-03-01")))
        #expect(AgeLimit.eighteenthBirthday(of: try CalendarDate(iso: "2010-02-28")) == (try CalendarDate(iso: "2028-02-28")))
    }

    @Test("the last month paid: the birthday's month when it is paid, else the month before")
    func lastMonthPaid() throws {
        let eighteenth = try CalendarDate(iso: "2025-06-15")
        #expect(AgeLimit(birthdayMonthPaid: true).lastMonthPaid(eighteenth: eighteenth) == Month("2025-06"))
        #expect(AgeLimit(birthdayMonthPaid: false).lastMonthPaid(eighteenth: eighteenth) == Month("2025-05"))
        #expect(AgeLimit(birthdayMonthPaid: false).lastMonthPaid(eighteenth: try CalendarDate(iso: "2025-01-01")) == Month("2024-12"))
    }

    @Test("each type needs its category", arguments: [
        (AllowanceKind.orphanBasicLiving, "category-orphan", ChildCategory.Kind.orphan),
        (.deFactoUnattendedBasicLiving, "category-de-facto-unattended", .deFactoUnattended),
        (.minimumLivingChildSupplement, "category-minimum-living-guarantee", .minimumLivingGuarantee),
        (.disabilityLivingSubsidy, "category-minimum-living-guarantee", .minimumLivingGuarantee),
    ])
    func categoryRule(kind: AllowanceKind, rule: String, needed: ChildCategory.Kind) throws {
        let without = try Self.input(kind, categories: [ChildCategory(.outOfSchool)])
        let with = try Self.input(kind, categories: [ChildCategory(needed)])
        #expect(Self.result(rule, without)?.passed == false)
        #expect(Self.result(rule, without)?.explanation == "the child's record does not have category \(needed.rawValue)")
        #expect(Self.result(rule, with)?.passed == true)
    }

    @Test("nursing subsidy: grade 2 passes, grade 3 fails, no certificate fails")
    func nursingGrade() throws {
        let grade2 = try Self.input(.severeDisabilityNursing, categories: [ChildCategory(.disability, disabilityType: .intellectual, disabilityGrade: 2)])
        let grade3 = try Self.input(.severeDisabilityNursing, categories: [ChildCategory(.disability, disabilityType: .intellectual, disabilityGrade: 3)])
        let none = try Self.input(.severeDisabilityNursing, categories: [])
        #expect(Self.result("disability-certificate-grade", grade2)?.passed == true)
        #expect(Self.result("disability-certificate-grade", grade3)?.passed == false)
        #expect(Self.result("disability-certificate-grade", grade3)?.explanation == "disability certificate intellectual, grade 3; outside grade 1 to 2")
        #expect(Self.result("disability-certificate-grade", none)?.passed == false)
        #expect(Eligibility.evaluate(grade2).allSatisfy { $0.passed })
    }

    @Test("living subsidy: any grade 1–4 with the minimum living guarantee")
    func livingSubsidy() throws {
        let eligible = try Self.input(
            .disabilityLivingSubsidy,
            categories: [ChildCategory(.disability, disabilityType: .physical, disabilityGrade: 4), ChildCategory(.minimumLivingGuarantee)]
        )
        #expect(Eligibility.evaluate(eligible).allSatisfy { $0.passed })
    }

    @Test("an allowance that excludes this one fails its rule, naming it")
    func exclusion() throws {
        let orphan = try Self.input(.deFactoUnattendedBasicLiving, categories: [ChildCategory(.deFactoUnattended)], granted: [.orphanBasicLiving])
        #expect(Self.result("no-excluding-allowance", orphan)?.passed == false)
        #expect(Self.result("no-excluding-allowance", orphan)?.explanation.contains("orphan-basic-living") == true)
        let subsidy = try Self.input(
            .disabilityLivingSubsidy,
            categories: [ChildCategory(.disability, disabilityType: .physical, disabilityGrade: 1), ChildCategory(.minimumLivingGuarantee)],
            granted: [.orphanBasicLiving]
        )
        #expect(Self.result("no-excluding-allowance", subsidy)?.passed == false)
        let nursing = try Self.input(
            .severeDisabilityNursing, categories: [ChildCategory(.disability, disabilityType: .physical, disabilityGrade: 1)],
            granted: [.orphanBasicLiving, .disabilityLivingSubsidy]
        )
        #expect(Eligibility.evaluate(nursing).allSatisfy { $0.passed })
    }

    @Test("the same type already granted or under way fails not-already-granted")
    func duplicates() throws {
        let granted = try Self.input(.orphanBasicLiving, categories: [ChildCategory(.orphan)], granted: [.orphanBasicLiving])
        let open = try Self.input(.orphanBasicLiving, categories: [ChildCategory(.orphan)], open: [.orphanBasicLiving])
        #expect(Self.result("not-already-granted", granted)?.passed == false)
        #expect(Self.result("not-already-granted", open)?.explanation == "an application for orphan-basic-living is already under way")
    }

    @Test("continuing rules leave out the rules about other allowances")
    func continuing() throws {
        let input = try Self.input(.orphanBasicLiving, categories: [ChildCategory(.orphan)], granted: [.orphanBasicLiving])
        #expect(Eligibility.evaluateContinuing(input).map(\.rule) == ["age-under-18", "category-orphan"])
        #expect(Eligibility.evaluateContinuing(input).allSatisfy { $0.passed })
    }
}

@Suite("Months and the payment CSV")
struct MonthAndCSVTests {
    @Test("months parse YYYY-MM only", arguments: ["2025-3", "2025-13", "25-03", "2025-03-01", "", "abcd-ef"])
    func badMonths(text: String) {
        #expect(Month(text) == nil)
    }

    @Test("months order and print")
    func months() throws {
        #expect(Month("2025-03")!.description == "2025-03")
        #expect(Month("2024-12")! < Month("2025-01")!)
        #expect(Month(try CalendarDate(iso: "2025-07-31")) == Month("2025-07"))
    }

    @Test("fen become yuan with two decimals")
    func yuan() {
        #expect(PaymentCSV.yuan(60000) == "600.00")
        #expect(PaymentCSV.yuan(123_456) == "1234.56")
        #expect(PaymentCSV.yuan(5) == "0.05")
    }

    @Test("fields with commas or quotes are quoted")
    func quoting() {
        #expect(PaymentCSV.field("a,b") == "\"a,b\"")
        #expect(PaymentCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(PaymentCSV.field("王小莲") == "王小莲")
    }
}
