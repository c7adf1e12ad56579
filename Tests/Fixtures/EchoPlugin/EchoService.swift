import KioskDomain
import GRDB
import GRPCCore
import KioskPluginKit

/// `kiosk.testing.echo.v1.Echo`.
struct EchoService: Kiosk_Testing_Echo_V1_Echo.SimpleServiceProtocol {
    let store: PluginStore
    let core: CoreServices
    let ticker: Ticker

    func say(
        request: Kiosk_Testing_Echo_V1_SayRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_SayResponse {
        guard !request.text.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "text is empty")
        }
        if request.delayMs > 0 {
            try await Task.sleep(for: .milliseconds(min(request.delayMs, 10_000)))
        }
        let text = request.text
        return try await self.store.write { db in
            try db.execute(sql: "INSERT INTO echo_note (text) VALUES (?)", arguments: [text])
            var response = Kiosk_Testing_Echo_V1_SayResponse()
            response.noteID = db.lastInsertedRowID
            response.text = text
            return response
        }
    }

    func listNotes(
        request: Kiosk_Testing_Echo_V1_ListNotesRequest,
        response: RPCWriter<Kiosk_Testing_Echo_V1_Note>,
        context: ServerContext
    ) async throws {
        let afterID = request.afterID
        let notes = try await self.store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, text FROM echo_note WHERE id > ? ORDER BY id", arguments: [afterID])
                .map { row in
                    var note = Kiosk_Testing_Echo_V1_Note()
                    note.id = row["id"]
                    note.text = row["text"]
                    return note
                }
        }
        try await response.write(contentsOf: notes)
    }

    func tickCount(
        request: Kiosk_Testing_Echo_V1_TickCountRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_TickCountResponse {
        var response = Kiosk_Testing_Echo_V1_TickCountResponse()
        response.ticks = self.ticker.ticks
        return response
    }

    func submitNoteApplication(
        request: Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_SubmitNoteApplicationResponse {
        let actor = try CoreActor.currentWorker()
        let workflow = self.core.applications
        let check = CheckResult(
            rule: "echo-check",
            passed: !request.failCheck,
            explanation: request.failCheck ? "the request asked this check to fail" : "the request did not ask this check to fail"
        )
        return try await self.store.write { db in
            let application = try workflow.submit(
                kind: request.kind.isEmpty ? "note" : request.kind, childID: request.childID, summary: "Echo note", payload: request, checks: [check], in: db, actor: actor
            )
            var response = Kiosk_Testing_Echo_V1_SubmitNoteApplicationResponse()
            response.applicationID = application.applicationID
            return response
        }
    }

    func raiseAlert(
        request: Kiosk_Testing_Echo_V1_RaiseAlertRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_RaiseAlertResponse {
        let actor = try CoreActor.currentWorker()
        let workList = self.core.workList
        return try await self.store.write { db in
            let item = try workList.raise(kind: "alert", childID: request.childID, urgency: .urgent, summary: request.summary, in: db, actor: actor)
            var response = Kiosk_Testing_Echo_V1_RaiseAlertResponse()
            response.itemID = item.itemID
            return response
        }
    }

    func readChild(
        request: Kiosk_Testing_Echo_V1_ReadChildRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_ReadChildResponse {
        let actor = try CoreActor.currentWorker()
        let children = self.core.children
        return try await self.store.write { db in
            let child = try children.child(request.childID, in: db, actor: actor, action: "echo.read-child")
            var response = Kiosk_Testing_Echo_V1_ReadChildResponse()
            response.birthDate = child.details.birthDate.isoString
            response.village = child.details.village.digits
            return response
        }
    }

    func checkConsent(
        request: Kiosk_Testing_Echo_V1_CheckConsentRequest,
        context: ServerContext
    ) async throws -> Kiosk_Testing_Echo_V1_CheckConsentResponse {
        let actor = try CoreActor.currentWorker()
        let consent = self.core.consent
        return try await self.store.write { db in
            var response = Kiosk_Testing_Echo_V1_CheckConsentResponse()
            let inForce = try consent.consent(for: ConsentPurpose(request.purpose), childID: request.childID, in: db, actor: actor)
            response.consentID = inForce?.consentID ?? ""
            response.consentsOnRecord = UInt32(try consent.consents(of: request.childID, in: db, actor: actor).count)
            return response
        }
    }
}
