public import GRPCCore
public import KioskPluginKit

/// Care arrangements for children without adequate family care: each parent's situation, the
/// caregiver's assessed capacity, arrangement applications through the core workflow, review
/// schedules and urgent cases. See `README.md`.
public struct GuardianshipPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "guardianship",
        version: "1.0.0",
        displayName: "Guardianship",
        coreData: [.childRegistry, .applications, .workList]
    )

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try GuardianshipMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]
    public let applicationHooks: (any ApplicationHooks)?

    public init(context: PluginContext) throws {
        self.services = [GuardianshipService(context: context)]
        self.applicationHooks = ArrangementHooks()
    }
}
