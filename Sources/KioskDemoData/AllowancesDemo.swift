#if Allowances
import GRDB
import KioskDomain
import KioskPluginKit
import SwiftProtobuf
import AllowancesPlugin

/// The county's rates, allowance applications, allowances and monthly payment runs
/// (`Plugins/Allowances`).
///
/// Children apply for what their categories make them eligible for (the plugin's rules): orphans
/// and children without care for the basic living allowance (95% and 90% apply), grades 1–2 for
/// the nursing subsidy (80%), disability with the minimum living guarantee for the living subsidy
/// (70%), the guarantee for the child supplement (85%). Each month's run pays on the 5th every
/// allowance active for that month, until its suspension, closing or the child's 18th birthday month.
struct AllowancesDemo {
    static let isBuilt = true
    let run: TownshipRun

    /// Monthly rates in fen (our round figures, not any county's): basic living 1,400 yuan, the
    /// disability subsidies 110, the child supplement 200.
    static let rates: [(kind: String, wire: Kiosk_Plugins_Allowances_V1_AllowanceType, fen: Int)] = [
        ("orphan-basic-living", .orphanBasicLiving, 140_000), ("de-facto-unattended-basic-living", .deFactoUnattendedBasicLiving, 140_000),
        ("disability-living-subsidy", .disabilityLivingSubsidy, 11_000), ("severe-disability-nursing", .severeDisabilityNursing, 11_000),
        ("minimum-living-child-supplement", .minimumLivingChildSupplement, 20_000),
    ]

    func generate(_ children: [DemoChild]) throws {
        if self.run.townshipIndex == 0 { try self.setRates() }
        for child in children where child.birth.adding(years: 18) > self.run.spec.start {
            for (index, rate) in Self.rates.enumerated() where self.eligible(child, index) {
                try self.apply(child, rate: rate)
            }
        }
    }

    private func eligible(_ child: DemoChild, _ index: Int) -> Bool {
        let kinds = child.kinds
        let grade = child.disabilityGrade ?? 9
        let share: Double =
            switch index {
            case 0: kinds.contains(.orphan) ? 0.95 : 0
            case 1: kinds.contains(.deFactoUnattended) ? 0.9 : 0
            case 2: kinds.contains(.disability) && kinds.contains(.minimumLivingGuarantee) && !kinds.contains(.orphan)
                && !kinds.contains(.deFactoUnattended) ? 0.7 : 0
            case 3: grade <= 2 ? 0.8 : 0
            default: kinds.contains(.minimumLivingGuarantee) ? 0.85 : 0
            }
        return share > 0 && self.run.random.chance(share)
    }

    private func setRates() throws {
        let month = String(self.run.spec.start.adding(months: -24).isoString.prefix(7))
        let at = DemoTime.instant(self.run.spec.start.adding(months: -24), hour: 9, minute: 0)
        for rate in Self.rates {
            try self.run.writer.insert(
                "allowances_rate", "county, allowance_type, effective_month, amount_fen, set_by, set_at",
                [self.run.county, rate.kind, month, rate.fen, self.run.officer, at]
            )
            try self.run.writer.insert(
                "allowances_rate_change", "county, allowance_type, effective_month, amount_fen, previous_amount_fen, set_by, set_at",
                [self.run.county, rate.kind, month, rate.fen, nil, self.run.officer, at]
            )
        }
    }

    private func apply(_ child: DemoChild, rate: (kind: String, wire: Kiosk_Plugins_Allowances_V1_AllowanceType, fen: Int)) throws {
        let spec = self.run.spec
        var request = Kiosk_Plugins_Allowances_V1_SubmitApplicationRequest()
        request.childID = child.id
        request.allowanceType = rate.wire
        let target = self.run.random.weighted([
            (ApplicationState.active, 70.0), (.suspended, 3), (.closed, 5), (.approved, 2), (.countyReview, 4), (.townshipReview, 4),
            (.submitted, 3), (.rejected, 6), (.withdrawn, 2), (.returned, 1),
        ])
        let submitted = self.run.day(from: max(child.registered, spec.start.adding(months: -12)), to: max(child.registered, spec.until.adding(days: -20)))
        let application = try self.run.application(
            kind: "allowances.\(rate.kind)", child: child, submitted: submitted, target: target, summary: "Application for the \(rate.kind)",
            payload: (try request.serializedBytes() as [UInt8], Kiosk_Plugins_Allowances_V1_SubmitApplicationRequest.protoMessageName)
        )
        guard let activated = application.days[.activate] else { return }
        let status = application.state == .suspended ? "suspended" : application.state == .closed ? "closed" : "active"
        let startMonth = Self.month(activated)
        let suspendedFrom = application.days[.suspend].map(Self.month)
        let eighteenth = child.birth.adding(years: 18)
        try self.run.writer.insert(
            "allowances_allowance",
            "allowance_id, child_id, village, county, allowance_type, status, start_month, status_reason, updated_at, turns_18_on, suspended_from",
            [application.id, child.id, child.village, self.run.county, rate.kind, status, startMonth,
             status == "active" ? "" : status == "suspended" ? "待核实家庭情况" : "情况变化，结束",
             DemoTime.office(application.days[.close] ?? application.days[.suspend] ?? activated, &self.run.random), eighteenth.isoString, suspendedFrom]
        )
        try self.pay(application, child, rate: rate, from: activated, eighteenth: eighteenth)
    }

    /// The runs from the allowance's first month: paid while active for the month, on the 5th.
    private func pay(_ application: DemoApplication, _ child: DemoChild, rate: (kind: String, wire: Kiosk_Plugins_Allowances_V1_AllowanceType, fen: Int), from activated: CalendarDate, eighteenth: CalendarDate) throws {
        var first = (try? CalendarDate(year: activated.year, month: activated.month, day: 1)) ?? activated
        let stop = application.days[.suspend] ?? application.days[.close]
        while first.adding(days: 4) <= self.run.spec.until {
            let month = Self.month(first)
            if let stop, month >= Self.month(stop) { break }
            if month > Self.month(eighteenth) { break }
            if first >= self.run.spec.start.adding(months: -12) {
                try self.run.writer.insert(
                    "allowances_payment", "allowance_id, child_id, village, county, allowance_type, month, amount_fen, run_id, paid_at",
                    [application.id, child.id, child.village, self.run.county, rate.kind, month, rate.fen, "run-\(self.run.county)-\(month)",
                     DemoTime.instant(first.adding(days: 4), hour: 10, minute: 0)]
                )
            }
            first = first.adding(months: 1)
        }
    }

    static func month(_ day: CalendarDate) -> String {
        String(day.isoString.prefix(7))
    }
}
#else
struct AllowancesDemo {
    static let isBuilt = false
    let run: TownshipRun
    func generate(_ children: [DemoChild]) throws {}
}
#endif
