public import GRPCCore
public import KioskPluginKit

/// Care arrangements for children without adequate family care: each parent's situation, the
/// caregiver's assessed capacity, arrangement applications through the core workflow, review
/// schedules and urgent cases. See `README.md`.
public struct GuardianshipPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "guardianship",
        version: "1.2.0",
        displayName: "Guardianship",
        coreData: [.childRegistry, .applications, .workList],
        applicationKinds: ArrangementType.allCases.map {
            ApplicationKindDeclaration($0.rawValue, title: $0.title, consent: GuardianshipPlugin.consent)
        }
    )

    /// The guardian's consent every arrangement application needs: a referral of the child to the
    /// county's care arrangements (README.md, "Guardian consent").
    public static let consent = ConsentPurpose.referral(to: "guardianship")

    public static let settings: [any SettingDeclaration] = GuardianshipSettings.all

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try GuardianshipMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]
    public let applicationHooks: (any ApplicationHooks)?
    public let indicators: (any IndicatorProvider)? = GuardianshipIndicators()

    public init(context: PluginContext) throws {
        let schedule = ReviewSchedule(
            highRiskMonths: context.settings[GuardianshipSettings.reviewMonthsHighRisk],
            otherMonths: context.settings[GuardianshipSettings.reviewMonthsOther]
        )
        let assessmentValidDays = context.settings[GuardianshipSettings.assessmentValidDays]
        self.services = [GuardianshipService(context: context, schedule: schedule, assessmentValidDays: assessmentValidDays)]
        self.applicationHooks = ArrangementHooks(
            applications: context.core.applications, schedule: schedule, system: .system(context.pluginID)
        )
    }
}
