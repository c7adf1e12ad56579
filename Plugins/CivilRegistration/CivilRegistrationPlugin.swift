public import GRPCCore
public import KioskPluginKit

/// Civil registration: getting unregistered children a household registration. See README.md.
public struct CivilRegistrationPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "civil_registration",
        version: "1.0.0",
        displayName: "Civil registration",
        coreData: [.childRegistry, .childRegistryWrite, .applications]
    )

    /// Cases with the police longer than this many days are listed by default as overdue.
    static let defaultPoliceWaitDays = 30

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try CivilRegistrationMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]

    public init(context: PluginContext) async throws {
        self.services = [
            CivilRegistrationService(
                store: context.store, core: context.core, clock: context.clock, policeWaitDays: Self.defaultPoliceWaitDays
            )
        ]
    }
}
