import GRPCCore
public import KioskDomain

/// Who is acting on core data: a signed-in worker, or a plugin's own background work.
public enum CoreActor: Sendable, Hashable {
    /// A worker, through a call.
    case worker(Caller)
    /// A plugin acting on its own (a scheduler, an automatic suspension), named by plugin id.
    case system(String)

    /// The worker of the current call; UNAUTHENTICATED without one.
    public static func currentWorker() throws -> CoreActor {
        .worker(try Caller.required())
    }

    /// Where the actor may see and act; nil for system actors, which act everywhere.
    public var jurisdiction: Jurisdiction? {
        switch self {
        case .worker(let caller): caller.jurisdiction
        case .system: nil
        }
    }

    /// How the audit log and workflow history name the actor: a worker id or `system:<plugin>`.
    public var name: String {
        switch self {
        case .worker(let caller): caller.workerID
        case .system(let plugin): "system:\(plugin)"
        }
    }

    /// The level the actor acts at: `village`, `township`, `county` or `system`.
    public var level: String {
        switch self {
        case .worker(let caller): caller.role.level.name
        case .system: "system"
        }
    }

    /// The kiosk of the worker's session, if any.
    public var kioskID: String? {
        switch self {
        case .worker(let caller): caller.kioskID
        case .system: nil
        }
    }

    /// Whether the actor may see children in `village`.
    public func canSee(_ village: DivisionCode) -> Bool {
        switch self {
        case .worker(let caller): caller.role != .operator && caller.jurisdiction.contains(village)
        case .system: true
        }
    }
}

extension CoreActor {
    /// The 12-digit codes a worker may see, narrowed to `division` (a 6-, 9- or 12-digit code; empty
    /// for the whole jurisdiction), for plugins' own lists: `village BETWEEN lowest AND highest`.
    ///
    /// INVALID_ARGUMENT for a malformed division, PERMISSION_DENIED for one outside the jurisdiction
    /// and for operators, who see no children's records.
    public func villageRange(division text: String) throws -> (lowest: String, highest: String) {
        if case .worker(let caller) = self, caller.role == .operator {
            throw RPCError(code: .permissionDenied, message: "operators do not read children's records")
        }
        var division: Jurisdiction?
        if !text.isEmpty {
            do {
                division = try Jurisdiction(text)
            } catch {
                throw RPCError(code: .invalidArgument, message: "division '\(text)': \(error.message)")
            }
        }
        return try ChildSearch.villageRange(actor: self, division: division)
    }
}

extension Jurisdiction {
    /// The lowest and highest 12-digit codes inside the jurisdiction, for `BETWEEN` in SQL.
    public var villageRange: (lowest: String, highest: String) {
        let missing = 12 - self.digits.count
        return (self.digits + String(repeating: "0", count: missing), self.digits + String(repeating: "9", count: missing))
    }
}
