public import GRPCCore
public import KioskPluginKit

/// Growth monitoring with the WHO Child Growth Standards (2006) for children 0–5 years, referrals
/// for severe acute malnutrition and nutrition support applications. See `README.md`.
public struct NutritionPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "nutrition",
        version: "1.2.0",
        displayName: "Nutrition",
        coreData: [.childRegistry, .applications, .workList],
        applicationKinds: SupportKind.allCases.map {
            ApplicationKindDeclaration($0.rawValue, title: $0.title, consent: NutritionPlugin.consent)
        }
    )

    /// The guardian's consent every support application needs: a referral of the child to the
    /// nutrition service (README.md, "Guardian consent").
    public static let consent = ConsentPurpose.referral(to: "nutrition")

    public static let settings: [any SettingDeclaration] = NutritionSettings.all

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try NutritionMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]
    public let applicationHooks: (any ApplicationHooks)? = SupportHooks()
    public let indicators: (any IndicatorProvider)? = NutritionIndicators()

    public init(context: PluginContext) throws {
        let standards = try GrowthStandards.bundled()
        let eligibility = SupportEligibility(measurementValidDays: context.settings[NutritionSettings.recentMeasurementDays])
        self.services = [
            NutritionService(store: context.store, core: context.core, clock: context.clock, standards: standards, eligibility: eligibility)
        ]
    }
}
