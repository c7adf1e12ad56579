public import GRPCCore
public import KioskPluginKit
public import ServiceLifecycle

/// Allowances for vulnerable children: eligibility rules with reasons, county rate tables, monthly
/// payment runs, automatic suspension. See README.md.
public struct AllowancesPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "allowances",
        version: "1.2.0",
        displayName: "Allowances",
        coreData: [.childRegistry, .applications],
        applicationKinds: AllowanceKind.allCases.map {
            ApplicationKindDeclaration($0.rawValue, title: $0.localizedTitle, consent: AllowancesPlugin.consent)
        }
    )

    /// The guardian's consent every allowance application needs: a referral of the child to the
    /// county's allowances (README.md, "Guardian consent").
    public static let consent = ConsentPurpose.referral(to: "allowances")

    public static let settings: [any SettingDeclaration] = AllowancesSettings.all

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try AllowancesMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]
    public let backgroundServices: [any Service]
    public let applicationHooks: (any ApplicationHooks)?
    public let indicators: (any IndicatorProvider)? = AllowancesIndicators()

    public init(context: PluginContext) async throws {
        let core = context.core
        let ageLimit = AgeLimit(birthdayMonthPaid: context.settings[AllowancesSettings.birthdayMonthPaid])
        let evaluator = EligibilityEvaluator(children: core.children, applications: core.applications, clock: context.clock)
        let checks = AutomaticChecks(children: core.children, applications: core.applications, clock: context.clock, ageLimit: ageLimit)
        self.services = [
            AllowancesService(store: context.store, core: core, clock: context.clock, evaluator: evaluator, checks: checks)
        ]
        let interval = Duration.seconds(3600 * context.settings[AllowancesSettings.checkIntervalHours])
        self.backgroundServices = [AllowanceMonitor(checks: checks, store: context.store, logger: context.logger, interval: interval)]
        self.applicationHooks = AllowancesHooks(evaluator: evaluator, clock: context.clock)
    }
}
