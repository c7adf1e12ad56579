public import GRPCCore
public import KioskPluginKit

/// Growth monitoring with the WHO Child Growth Standards (2006) for children 0–5 years, referrals
/// for severe acute malnutrition and nutrition support applications. See `README.md`.
public struct NutritionPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "nutrition",
        version: "1.0.0",
        displayName: "Nutrition",
        coreData: [.childRegistry, .applications, .workList]
    )

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try NutritionMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]

    public init(context: PluginContext) throws {
        let standards = try GrowthStandards.bundled()
        self.services = [NutritionService(store: context.store, core: context.core, clock: context.clock, standards: standards)]
    }
}
