/// The static description of a plugin.
public struct PluginMetadata: Sendable, Hashable {
    /// Unique id: lower-case letters, digits, `_` or `-`; also the namespace of its migrations and the
    /// prefix of its tables (`<id>_…`).
    public var id: String
    /// The plugin's version, e.g. "1.2.0".
    public var version: String
    /// A name for people, e.g. "Civil registration".
    public var displayName: String
    /// The core data the plugin reads or changes; the host grants exactly these in ``CoreServices``.
    public var coreData: Set<CoreDataAccess>

    /// Creates metadata.
    public init(id: String, version: String, displayName: String, coreData: Set<CoreDataAccess> = []) {
        self.id = id
        self.version = version
        self.displayName = displayName
        self.coreData = coreData
    }

    /// Why `id` is not a valid plugin id, or nil when it is.
    public var idProblem: String? {
        guard !self.id.isEmpty, self.id.count <= 32 else { return "plugin id must be 1 to 32 characters" }
        guard let first = self.id.first, first.isASCII, first.isLowercase else {
            return "plugin id '\(self.id)' must start with a lower-case letter"
        }
        let allowed = self.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }
        return allowed ? nil : "plugin id '\(self.id)' may contain only lower-case letters, digits, '_' and '-'"
    }
}

/// A kind of core data a plugin may use. New kinds arrive with the core services that own them.
public struct CoreDataAccess: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    /// Creates an access kind by name.
    public init(_ name: String) {
        self.name = name
    }

    /// Read children's records (identity, date of birth, village, categories).
    public static let childRegistry = CoreDataAccess("child-registry")
    /// Change fields of children's records (e.g. identity number, hukou status).
    public static let childRegistryWrite = CoreDataAccess("child-registry-write")
    /// Submit and follow applications through the shared workflow.
    public static let applications = CoreDataAccess("applications")
    /// Raise urgent items on a jurisdiction's work list.
    public static let workList = CoreDataAccess("work-list")

    public var description: String { self.name }
}
