/// The static description of a plugin: who it is, what core data it uses, what it declares.
public struct PluginMetadata: Sendable, Hashable {
    /// Unique id: a lower-case letter, then lower-case letters, digits or `_` (at most 32); also the
    /// namespace of its migrations and, with `_`, the prefix of its tables (`<id>_…`). No installed
    /// plugin's prefix may begin another's (`civil` beside `civil_registration` is refused).
    public var id: String
    /// The plugin's version, e.g. "1.2.0".
    public var version: String
    /// A name for people, e.g. "Civil registration".
    public var displayName: String
    /// The core data the plugin reads or changes; the host grants exactly these in ``CoreServices``.
    public var coreData: Set<CoreDataAccess>
    /// The kinds of application the plugin submits, with the consent each needs.
    public var applicationKinds: [ApplicationKindDeclaration]
    /// Consent purposes the plugin defines beside the core's (ids `<plugin id>.<name>`).
    public var consentPurposes: [ConsentPurposeDeclaration]

    /// Creates metadata.
    public init(
        id: String,
        version: String,
        displayName: String,
        coreData: Set<CoreDataAccess> = [],
        applicationKinds: [ApplicationKindDeclaration] = [],
        consentPurposes: [ConsentPurposeDeclaration] = []
    ) {
        self.id = id
        self.version = version
        self.displayName = displayName
        self.coreData = coreData
        self.applicationKinds = applicationKinds
        self.consentPurposes = consentPurposes
    }

    /// Ids no plugin may take: their table prefixes belong to the core, SQLite and GRDB.
    public static let reservedIDs: Set<String> = ["core", "sqlite", "grdb", "kiosk"]

    /// The prefix of the plugin's tables, `<id>_`; its SQL is confined to tables starting with it.
    public static func tablePrefix(of pluginID: String) -> String {
        pluginID + "_"
    }

    /// Why this metadata cannot be installed, or nil when it can.
    public var problem: String? {
        if let problem = self.idProblem { return problem }
        let kinds = self.applicationKinds.map(\.kind)
        if let twice = kinds.first(where: { kind in kinds.filter { $0 == kind }.count > 1 }) {
            return "plugin '\(self.id)' declares application kind '\(twice)' twice"
        }
        for declaration in self.consentPurposes where !declaration.purpose.id.hasPrefix("\(self.id).") {
            return "plugin '\(self.id)' declares consent purpose '\(declaration.purpose.id)'; its purposes are named '\(self.id).<name>'"
        }
        return nil
    }

    /// Why `id` is not a valid plugin id, or nil when it is.
    public var idProblem: String? {
        guard !self.id.isEmpty, self.id.count <= 32 else { return "plugin id must be 1 to 32 characters" }
        guard let first = self.id.first, first.isASCII, first.isLowercase else {
            return "plugin id '\(self.id)' must start with a lower-case letter"
        }
        guard self.id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            return "plugin id '\(self.id)' may contain only lower-case letters, digits and '_' (it prefixes the plugin's tables)"
        }
        guard !Self.reservedIDs.contains(self.id) else { return "plugin id '\(self.id)' is reserved" }
        return nil
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
    /// Read the consents guardians gave for children (recording them is the core's alone).
    public static let consent = CoreDataAccess("consent")

    public var description: String { self.name }
}
