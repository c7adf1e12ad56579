public import GRPCCore
public import KioskPluginKit

/// Civil registration: getting unregistered children a household registration. See README.md.
public struct CivilRegistrationPlugin: KioskPlugin {
    public static let metadata = PluginMetadata(
        id: "civil_registration",
        version: "1.2.0",
        displayName: "Civil registration",
        coreData: [.childRegistry, .childRegistryWrite, .applications],
        applicationKinds: [
            ApplicationKindDeclaration(
                CaseApplication.kind,
                title: LocalizedText(zh: "无户口儿童户口登记", en: "Household registration of an unregistered child"),
                consent: CivilRegistrationPlugin.consent
            )
        ]
    )

    /// The guardian's consent a registration application needs: a referral of the child to the
    /// registration service (README.md, "Guardian consent").
    public static let consent = ConsentPurpose.referral(to: "civil_registration")

    public static let settings: [any SettingDeclaration] = CivilRegistrationSettings.all

    public static func registerMigrations(in migrations: inout PluginMigrations) throws {
        try CivilRegistrationMigrations.register(in: &migrations)
    }

    public let services: [any RegistrableRPCService]
    public let applicationHooks: (any ApplicationHooks)?
    public let indicators: (any IndicatorProvider)? = CivilRegistrationIndicators()

    public init(context: PluginContext) async throws {
        self.services = [
            CivilRegistrationService(
                store: context.store, core: context.core, clock: context.clock,
                policeWaitDays: context.settings[CivilRegistrationSettings.policeWaitDays]
            )
        ]
        self.applicationHooks = CaseHooks()
    }
}
