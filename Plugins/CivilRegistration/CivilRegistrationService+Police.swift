import Foundation
import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

extension CivilRegistrationService {
    static let systemActor = CoreActor.system("civil_registration")

    func recordHandOver(
        request: Kiosk_Plugins_Civilregistration_V1_RecordHandOverRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_RecordHandOverResponse {
        let caller = try Caller.required()
        let station = try RequestField.text(request.policeStation, field: "police_station")
        let sent = try RequestField.pastDate(request.dateSent, field: "date_sent", today: self.clock.today())
        let workflow = self.core.applications
        return try await self.store.write { db in
            var row = try Self.load(request.caseID, caller: caller, in: db)
            guard row.state == .submitted, let applicationID = row.applicationID else {
                throw RPCError(code: .failedPrecondition, message: "case \(row.caseID) is \(row.state.rawValue); only a submitted case is handed over")
            }
            let application = try workflow.application(applicationID, in: db, actor: .worker(caller), action: "civil-registration.hand-over")
            guard application.state == .approved else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "application \(applicationID) is \(application.state.rawValue); hand over to the police after the county approved"
                )
            }
            if let approvedOn = Self.approvalDate(of: application), sent < approvedOn {
                throw RPCError.invalidArgument("date_sent: \(sent) is before the county approved the case on \(approvedOn)")
            }
            row.state = .withPolice
            row.policeStation = station
            row.dateSent = sent
            try CaseTable.update(row, in: db)
            var response = Kiosk_Plugins_Civilregistration_V1_RecordHandOverResponse()
            response.registrationCase = ProtoCase(row)
            return response
        }
    }

    func recordOutcome(
        request: Kiosk_Plugins_Civilregistration_V1_RecordOutcomeRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_RecordOutcomeResponse {
        let caller = try Caller.required()
        let today = self.clock.today()
        let decided = try RequestField.pastDate(request.outcomeDate, field: "outcome_date", today: today)
        let booklet = request.registered ? try RequestField.text(request.householdBookletNumber, field: "household_booklet_number", maximumLength: 64) : ""
        let note = request.registered
            ? try RequestField.optionalText(request.note, field: "note", maximumLength: 500)
            : try RequestField.text(request.note, field: "note", maximumLength: 500)
        let (children, workflow) = (self.core.children, self.core.applications)
        return try await self.store.write { db in
            var row = try Self.load(request.caseID, caller: caller, in: db)
            guard row.state == .withPolice, let applicationID = row.applicationID, let sent = row.dateSent else {
                throw RPCError(code: .failedPrecondition, message: "case \(row.caseID) is \(row.state.rawValue); record the hand-over first")
            }
            guard decided >= sent else { throw RPCError.invalidArgument("outcome_date: \(decided) is before date_sent \(sent)") }
            let actor = CoreActor.worker(caller)
            if request.registered {
                let child = try children.child(row.childID, in: db, actor: actor, action: "civil-registration.record-outcome")
                let number = request.identityNumber.isEmpty
                    ? nil
                    : try IdentityCheck.validate(request.identityNumber, birthDate: child.details.birthDate, sex: child.details.sex, today: today)
                _ = try children.update(row.childID, expectedVersion: nil, in: db, actor: actor, action: "civil-registration.record-outcome") {
                    $0.hukouStatus = .registeredLocal
                    $0.identityNumber = number
                    // The registry refuses the category beside a registered hukou status; it goes with the registration.
                    $0.categories.removeAll { $0.kind == .unregistered }
                }
            }
            row.state = request.registered ? .registered : .refused
            row.outcomeDate = decided
            row.outcomeNote = note
            row.householdBookletNumber = booklet
            try CaseTable.update(row, in: db)
            let reason = request.registered
                ? "household registered on \(decided) at \(row.policeStation)"
                : "police station \(row.policeStation) refused on \(decided): \(note)"
            for action in [ApplicationAction.activate, .close] {
                _ = try workflow.transition(
                    applicationID, action: action, reason: reason, effectiveDate: decided, expectedVersion: nil, in: db, actor: Self.systemActor
                )
            }
            var response = Kiosk_Plugins_Civilregistration_V1_RecordOutcomeResponse()
            response.registrationCase = ProtoCase(row)
            return response
        }
    }

    /// The day the county last approved the application: the approval's effective date, else the day
    /// (China Standard Time) it was recorded.
    static func approvalDate(of application: ApplicationRecord) -> CalendarDate? {
        guard let approval = application.history.last(where: { $0.action == .approve }) else { return nil }
        return approval.effectiveDate ?? CalendarDate(approval.at, in: chinaStandardTime)
    }
}

private let chinaStandardTime = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
