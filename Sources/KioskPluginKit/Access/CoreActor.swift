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
    /// The villages the actor may see, narrowed to `division` (nil for the whole jurisdiction), for
    /// plugins' own lists: `village BETWEEN range.lowest AND range.highest`.
    ///
    /// PERMISSION_DENIED for a division outside the jurisdiction and for operators, who see no
    /// children's records. Parse a request's division with ``RequestField/division(_:field:)``.
    public func villageRange(_ division: Jurisdiction?) throws -> VillageRange {
        if case .worker(let caller) = self, caller.role == .operator {
            throw RPCError(code: .permissionDenied, message: "operators do not read children's records")
        }
        guard let division else { return self.jurisdiction?.villageRange ?? .everywhere }
        if let own = self.jurisdiction, !own.contains(division) {
            throw RPCError(code: .permissionDenied, message: "division \(division) is outside your jurisdiction \(own)")
        }
        return division.villageRange
    }
}

/// The 12-digit village codes inside a jurisdiction, as bounds for `BETWEEN` in SQL.
public struct VillageRange: Sendable, Hashable {
    /// The lowest code, e.g. `530102001000`.
    public var lowest: String
    /// The highest code, e.g. `530102001999`.
    public var highest: String

    /// Creates a range.
    public init(lowest: String, highest: String) {
        self.lowest = lowest
        self.highest = highest
    }

    /// Every village.
    public static let everywhere = VillageRange(lowest: "000000000000", highest: "999999999999")

    /// Whether `village` (a 12-digit code) is inside the range.
    public func contains(_ village: String) -> Bool {
        village.count == 12 && self.lowest <= village && village <= self.highest
    }
}

extension Jurisdiction {
    /// The lowest and highest 12-digit codes inside the jurisdiction, for `BETWEEN` in SQL.
    public var villageRange: VillageRange {
        let missing = 12 - self.digits.count
        return VillageRange(lowest: self.digits + String(repeating: "0", count: missing), highest: self.digits + String(repeating: "9", count: missing))
    }
}
