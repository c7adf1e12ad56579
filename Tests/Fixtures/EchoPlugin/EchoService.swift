import GRDB
import GRPCCore
import KioskPluginKit

/// `kiosk.testing.echo.v1.Echo`.
struct EchoService: Kiosk_Testing_Echo_V1_Echo.SimpleServiceProtocol {
    let store: PluginStore
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
}
