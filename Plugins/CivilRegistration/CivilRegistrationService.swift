import GRDB
import GRPCCore
import KioskDomain
import KioskPluginKit

/// `kiosk.plugins.civilregistration.v1.CivilRegistration`: cases, documents seen, submission.
struct CivilRegistrationService: Kiosk_Plugins_Civilregistration_V1_CivilRegistration.SimpleServiceProtocol {
    let store: PluginStore
    let core: CoreServices
    let clock: any WallClock
    /// Default for ListWaitingOnPolice: cases waiting longer than this many days.
    let policeWaitDays: Int

    func openCase(
        request: Kiosk_Plugins_Civilregistration_V1_OpenCaseRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_OpenCaseResponse {
        let caller = try Caller.required()
        guard caller.role == .villageDirector || caller.role == .townshipSupervisor else {
            throw RPCError(code: .permissionDenied, message: "registration cases are opened by village or township workers")
        }
        let childID = try RequestField.id(request.childID, field: "child_id")
        let reason = try RegistrationReason(request.reason)
        let (children, now) = (self.core.children, self.clock.now())
        return try await self.store.write { db in
            let child = try children.child(childID, in: db, actor: .worker(caller), action: "civil-registration.open-case")
            guard child.details.hukouStatus == .unregistered else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "child \(child.childID) is not unregistered (hukou_status \(child.details.hukouStatus.rawValue))"
                )
            }
            if let open = try CaseTable.openCaseID(childID: child.childID, in: db) {
                throw RPCError(code: .failedPrecondition, message: "child \(child.childID) already has an open case \(open)")
            }
            let row = CaseRow(
                caseID: RecordID.make("R"), childID: child.childID, village: child.details.village, reason: reason, state: .draft,
                applicationID: nil, policeStation: "", dateSent: nil, outcomeDate: nil, outcomeNote: "",
                householdBookletNumber: "", documents: []
            )
            try CaseTable.insert(row, openedBy: caller.workerID, at: now, in: db)
            var response = Kiosk_Plugins_Civilregistration_V1_OpenCaseResponse()
            response.registrationCase = ProtoCase(row)
            return response
        }
    }

    func getCase(
        request: Kiosk_Plugins_Civilregistration_V1_GetCaseRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_GetCaseResponse {
        let caller = try Caller.required()
        let row = try await self.store.read { db in try Self.load(request.caseID, caller: caller, in: db) }
        var response = Kiosk_Plugins_Civilregistration_V1_GetCaseResponse()
        response.registrationCase = ProtoCase(row)
        return response
    }

    func recordDocument(
        request: Kiosk_Plugins_Civilregistration_V1_RecordDocumentRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_RecordDocumentResponse {
        let caller = try Caller.required()
        let kind = try DocumentKind(request.type)
        let number = try RequestField.text(request.number, field: "number", maximumLength: 64)
        let today = self.clock.today()
        let seenOn = request.seenOn.isEmpty ? today : try RequestField.pastDate(request.seenOn, field: "seen_on", today: today)
        return try await self.store.write { db in
            var row = try Self.load(request.caseID, caller: caller, in: db)
            guard row.state == .draft else {
                throw RPCError(code: .failedPrecondition, message: "case \(row.caseID) is \(row.state.rawValue); documents are recorded before submission")
            }
            guard row.reason.requirements.joined().contains(kind) else {
                throw RPCError.invalidArgument("type: \(kind.rawValue) is not on the document list for reason \(row.reason.rawValue)")
            }
            let document = DocumentRow(kind: kind, number: number, seenBy: caller.workerID, seenOn: seenOn)
            try CaseTable.addDocument(document, caseID: row.caseID, in: db)
            row.documents.append(document)
            var response = Kiosk_Plugins_Civilregistration_V1_RecordDocumentResponse()
            response.registrationCase = ProtoCase(row)
            return response
        }
    }

    func submitCase(
        request: Kiosk_Plugins_Civilregistration_V1_SubmitCaseRequest,
        context: ServerContext
    ) async throws -> Kiosk_Plugins_Civilregistration_V1_SubmitCaseResponse {
        let caller = try Caller.required()
        let workflow = self.core.applications
        return try await self.store.write { db in
            var row = try Self.load(request.caseID, caller: caller, in: db)
            guard row.state == .draft else {
                throw RPCError(code: .failedPrecondition, message: "case \(row.caseID) is already \(row.state.rawValue)")
            }
            let seen = Set(row.documents.map(\.kind))
            if let missing = DocumentRules.missingMessage(for: row.reason, seen: seen) {
                throw RPCError(code: .failedPrecondition, message: missing)
            }
            let checks = DocumentRules.status(for: row.reason, seen: seen).map { status in
                let documents = row.documents.filter { status.anyOf.contains($0.kind) }
                    .map { "\($0.kind.title) no. \($0.number), seen by \($0.seenBy) on \($0.seenOn)" }
                return CheckResult(rule: "document-seen", passed: true, explanation: documents.joined(separator: "; "))
            }
            let application = try workflow.submit(
                kind: CaseApplication.kind, childID: row.childID, summary: "Household registration (\(row.reason.rawValue))",
                payload: ProtoCase(row), checks: checks, in: db, actor: .worker(caller)
            )
            row.state = .submitted
            row.applicationID = application.applicationID
            try CaseTable.update(row, in: db)
            var response = Kiosk_Plugins_Civilregistration_V1_SubmitCaseResponse()
            response.registrationCase = ProtoCase(row)
            return response
        }
    }

    /// The case if the caller may see its village; NOT_FOUND otherwise (as if it did not exist).
    static func load(_ caseID: String, caller: Caller, in db: Database) throws -> CaseRow {
        guard caller.role != .operator else {
            throw RPCError(code: .permissionDenied, message: "operators do not read or change children's records")
        }
        let caseID = try RequestField.id(caseID, field: "case_id")
        guard let row = try CaseTable.fetch(caseID, in: db), caller.jurisdiction.contains(row.village) else {
            throw RPCError(code: .notFound, message: "no registration case '\(caseID)' in your jurisdiction")
        }
        return row
    }
}
