import KioskStore
public import KioskPluginKit
import GRPCCore

/// The core data a user of the core APIs was granted: the core's own services hold all of it,
/// a plugin what its metadata declared.
public struct CoreGrants: Sendable, Hashable {
    /// Who holds the grants, for error messages: `core` or a plugin id.
    public let holder: String
    /// What they may use.
    public let access: Set<CoreDataAccess>

    /// Creates grants.
    public init(holder: String, access: Set<CoreDataAccess>) {
        self.holder = holder
        self.access = access
    }

    /// Everything, for the core's own services.
    public static let core = CoreGrants(
        holder: "core",
        access: [.childRegistry, .childRegistryWrite, .applications, .workList, .consent]
    )

    /// Throws unless `needed` was granted: a plugin must declare the core data it uses.
    public func require(_ needed: CoreDataAccess) throws {
        guard self.access.contains(needed) else {
            throw RPCError(
                code: .internalError,
                message: "plugin '\(self.holder)' uses \(needed) without declaring it in its metadata's coreData"
            )
        }
    }
}
