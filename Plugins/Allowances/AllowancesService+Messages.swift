import Foundation
import GRPCCore
import KioskDomain
public import KioskPluginKit

typealias ProtoAllowanceType = Kiosk_Plugins_Allowances_V1_AllowanceType

extension AllowanceKind {
    /// The kind a request names; INVALID_ARGUMENT naming `field` when it names none.
    init(_ type: ProtoAllowanceType, field: String = "allowance_type") throws {
        self = try RequestField.required(Self(proto: type), field: field)
    }

    /// The kind of a wire value, nil for none.
    init?(proto type: ProtoAllowanceType) {
        switch type {
        case .orphanBasicLiving: self = .orphanBasicLiving
        case .deFactoUnattendedBasicLiving: self = .deFactoUnattendedBasicLiving
        case .disabilityLivingSubsidy: self = .disabilityLivingSubsidy
        case .severeDisabilityNursing: self = .severeDisabilityNursing
        case .minimumLivingChildSupplement: self = .minimumLivingChildSupplement
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: ProtoAllowanceType {
        switch self {
        case .orphanBasicLiving: .orphanBasicLiving
        case .deFactoUnattendedBasicLiving: .deFactoUnattendedBasicLiving
        case .disabilityLivingSubsidy: .disabilityLivingSubsidy
        case .severeDisabilityNursing: .severeDisabilityNursing
        case .minimumLivingChildSupplement: .minimumLivingChildSupplement
        }
    }
}

extension AllowanceStatus {
    var proto: Kiosk_Plugins_Allowances_V1_AllowanceStatus {
        switch self {
        case .active: .active
        case .suspended: .suspended
        case .closed: .closed
        }
    }

    init?(_ status: Kiosk_Plugins_Allowances_V1_AllowanceStatus) {
        switch status {
        case .active: self = .active
        case .suspended: self = .suspended
        case .closed: self = .closed
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }
}

extension Kiosk_Plugins_Allowances_V1_Check: CheckResultMessage {}

extension Kiosk_Plugins_Allowances_V1_Rate {
    init(_ rate: RateRow) {
        self.init()
        self.county = rate.county
        self.allowanceType = rate.kind.proto
        self.effectiveMonth = rate.effectiveMonth.description
        self.monthlyAmountFen = rate.amountFen
        self.setBy = rate.setBy
    }
}

extension Kiosk_Plugins_Allowances_V1_RateChange {
    init(_ change: RateChangeRow) {
        self.init()
        self.county = change.rate.county
        self.allowanceType = change.rate.kind.proto
        self.effectiveMonth = change.rate.effectiveMonth.description
        self.monthlyAmountFen = change.rate.amountFen
        self.replaced = change.previousAmountFen != nil
        self.previousAmountFen = change.previousAmountFen ?? 0
        self.setBy = change.rate.setBy
        self.setAtUnix = Int64(change.setAt.timeIntervalSince1970)
    }
}

extension Kiosk_Plugins_Allowances_V1_Allowance {
    init(_ row: AllowanceRow) {
        self.init()
        self.allowanceID = row.allowanceID
        self.childID = row.childID
        self.village = row.village
        self.allowanceType = row.kind.proto
        self.status = row.status.proto
        self.startMonth = row.startMonth.description
        self.statusReason = row.statusReason
    }
}

extension Kiosk_Plugins_Allowances_V1_Payment {
    init(_ row: PaymentRow) {
        self.init()
        self.allowanceID = row.allowanceID
        self.childID = row.childID
        self.village = row.village
        self.allowanceType = row.kind.proto
        self.month = row.month.description
        self.amountFen = row.amountFen
        self.runID = row.runID
    }
}

extension Kiosk_Plugins_Allowances_V1_SkippedAllowance {
    init(_ notice: AllowanceNotice) {
        self.init()
        self.allowanceID = notice.allowanceID
        self.childID = notice.childID
        self.reason = notice.reason
    }
}

extension Kiosk_Plugins_Allowances_V1_Decision {
    init(_ entry: DecisionEntry) {
        self.init()
        self.stage = entry.stage
        self.actor = entry.actor
        self.atUnix = Int64(entry.at.timeIntervalSince1970)
        self.evaluatedOn = entry.evaluatedOn.isoString
        self.checks = entry.checks.map(Kiosk_Plugins_Allowances_V1_Check.init)
    }
}

/// The county a county officer acts for; PERMISSION_DENIED for other roles or other counties.
func officerCounty(_ text: String, caller: Caller) throws -> String {
    guard text.count == 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw RPCError.invalidArgument("county: '\(text)' is not a 6-digit county code")
    }
    guard caller.role == .countyOfficer else {
        throw RPCError(code: .permissionDenied, message: "only county officers manage rates and payments")
    }
    guard caller.jurisdiction.digits == text else {
        throw RPCError(code: .permissionDenied, message: "county \(text) is outside your jurisdiction \(caller.jurisdiction)")
    }
    return text
}
