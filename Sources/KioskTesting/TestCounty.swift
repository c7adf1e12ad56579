import Foundation
public import GRPCCore
import KioskDomain
public import KioskHost
public import KioskPluginKit
public import KioskProtos
public import KioskTransport

/// A small county for tests of the core and of plugins: two townships, three villages, a signed-in
/// worker of every role, one kiosk, and a clock standing on a fixed day.
///
/// ```swift
/// try await TestCounty.with(plugins: [FosterCarePlugin.self]) { county in
///     let child = try await county.registerChild("王小莲", born: "2015-04-23")
///     try await county.as(.directorA1) { client in
///         let foster = Kiosk_Plugins_Fostercare_V1_FosterCare.Client(wrapping: client)
///         …
///     }
///     let code = await rpcCode { try await county.as(.directorB1) { … } }   // another township: NOT_FOUND
/// }
/// ```
///
/// | worker | role | jurisdiction |
/// |---|---|---|
/// | `directorA1`, `directorA2` | village director | villages A1, A2 of township A |
/// | `directorB1` | village director | village B1 of township B |
/// | `supervisorA`, `supervisorB` | township supervisor | townships A, B |
/// | `officer` | county officer | the county |
/// | `otherCountyOfficer` | county officer | another county |
/// | `operatorWorker` | operator | the county |
public struct TestCounty: Sendable {
    /// The county, `530102`.
    public static let county = "530102"
    /// Township A, `530102001`.
    public static let townshipA = "530102001"
    /// Township B, `530102002`.
    public static let townshipB = "530102002"
    /// Village A1 in township A.
    public static let villageA1 = "530102001001"
    /// Village A2 in township A.
    public static let villageA2 = "530102001002"
    /// Village B1 in township B.
    public static let villageB1 = "530102002001"
    /// A neighbouring county, `530103`.
    public static let otherCounty = "530103"
    /// The day the clock stands on unless told otherwise.
    public static let defaultToday = "2026-11-23"
    /// Every test worker's PIN.
    public static let pin = "135790"

    /// The running host.
    public let host: LiveKioskHost
    /// The county's kiosk.
    public let kiosk: LiveKioskHost.Kiosk
    /// The clock; move it with `clock.set(today:)`.
    public let clock: ManualClock

    /// The county's workers.
    public enum Who: String, CaseIterable, Sendable {
        case directorA1, directorA2, directorB1, supervisorA, supervisorB, officer, otherCountyOfficer, operatorWorker

        /// The worker's role.
        public var role: WorkerRole {
            switch self {
            case .directorA1, .directorA2, .directorB1: .villageDirector
            case .supervisorA, .supervisorB: .townshipSupervisor
            case .officer, .otherCountyOfficer: .countyOfficer
            case .operatorWorker: .operator
            }
        }

        /// The worker's jurisdiction.
        public var jurisdiction: String {
            switch self {
            case .directorA1: TestCounty.villageA1
            case .directorA2: TestCounty.villageA2
            case .directorB1: TestCounty.villageB1
            case .supervisorA: TestCounty.townshipA
            case .supervisorB: TestCounty.townshipB
            case .officer, .operatorWorker: TestCounty.county
            case .otherCountyOfficer: TestCounty.otherCounty
            }
        }

        /// The worker's id and PIN.
        public var worker: LiveKioskHost.Worker { .init(id: self.rawValue, pin: TestCounty.pin) }
    }

    /// Starts a host with `plugins` and the county's workers and kiosk, runs `body`, and stops it.
    ///
    /// `settings` gives plugin settings as `"<plugin id>.<key>": value`, as the settings file or the
    /// environment would (`["allowances.birthday-month-paid": "false"]`); a value that breaks its rule
    /// makes this throw the host's error naming the plugin, the key and the rule. `configure` adjusts
    /// the rest of the server's configuration. With `databasePath` the database is that file, kept
    /// afterwards (for tests that inspect or change it); by default a temporary one.
    public static func with<T: Sendable>(
        plugins: [any KioskPlugin.Type],
        today: String = TestCounty.defaultToday,
        settings: [String: String] = [:],
        databasePath: String? = nil,
        configure: (inout KioskServerConfiguration) -> Void = { _ in },
        _ body: (TestCounty) async throws -> T
    ) async throws -> T {
        let clock = ManualClock(today: try CalendarDate(iso: today))
        return try await LiveKioskHost.with(
            plugins: plugins,
            databasePath: databasePath,
            clock: clock,
            configure: { Self.apply(settings, to: &$0); configure(&$0) }
        ) { host in
            for who in Who.allCases {
                _ = try await host.addWorker(who.rawValue, role: who.role, jurisdiction: who.jurisdiction, pin: Self.pin)
            }
            let kiosk = try await host.registerKiosk("kiosk-county")
            return try await body(TestCounty(host: host, kiosk: kiosk, clock: clock))
        }
    }

    /// Sets `settings` (`"<section>.<key>": value`) as the environment overrides of the settings file.
    static func apply(_ settings: [String: String], to configuration: inout KioskServerConfiguration) {
        for (name, value) in settings {
            let section = String(name.prefix { $0 != "." })
            let key = String(name.dropFirst(section.count + 1))
            configuration.environment[HostSettings.environmentName(section: section, key: key)] = value
        }
    }

    /// Runs `body` with a client signed in as `who`.
    public func `as`<T: Sendable>(_ who: Who, _ body: (GRPCClient<KioskClientTransport>) async throws -> T) async throws -> T {
        try await self.host.withSignedInClient(kiosk: self.kiosk, worker: who.worker, body)
    }

    /// Registers a child as `who` and returns it; throws when duplicate candidates come back.
    public func register(
        _ details: Kiosk_Core_V1_ChildDetails,
        as who: Who = .directorA1,
        confirmed: Bool = false
    ) async throws -> Kiosk_Core_V1_Child {
        try await self.as(who) { client in
            var request = Kiosk_Core_V1_RegisterChildRequest()
            request.details = details
            request.confirmedNotDuplicate = confirmed
            let response = try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request)
            guard case .child(let child) = response.result else {
                throw RPCError(code: .internalError, message: "expected a registered child, got duplicate candidates")
            }
            return child
        }
    }

    /// Registers a child with the details of ``childDetails(_:born:sex:village:identityNumber:hukou:categories:)``
    /// as `who` (a director of the village by default), confirmed not to be a duplicate.
    public func registerChild(
        _ name: String,
        born: String = "2019-04-23",
        sex: Kiosk_Core_V1_Sex = .female,
        village: String = TestCounty.villageA1,
        hukou: Kiosk_Core_V1_HukouStatus = .registeredLocal,
        categories: [Kiosk_Core_V1_CategoryKind] = [],
        as who: Who? = nil
    ) async throws -> Kiosk_Core_V1_Child {
        let details = childDetails(name, born: born, sex: sex, village: village, hukou: hukou, categories: categories)
        return try await self.register(details, as: who ?? Self.director(of: village), confirmed: true)
    }

    /// Takes `action` on an application as `who` through the core Applications service, effective on
    /// `effectiveDate` (`YYYY-MM-DD`; empty for today).
    @discardableResult
    public func transition(
        _ applicationID: String,
        _ action: Kiosk_Core_V1_ApplicationAction,
        reason: String = "",
        effectiveDate: String = "",
        as who: Who
    ) async throws -> Kiosk_Core_V1_Application {
        try await self.as(who) { client in
            var request = Kiosk_Core_V1_TransitionApplicationRequest()
            request.applicationID = applicationID
            request.action = action
            request.reason = reason
            request.effectiveDate = effectiveDate
            return try await Kiosk_Core_V1_Applications.Client(wrapping: client).transitionApplication(request).application
        }
    }

    /// Takes an application from submitted to approved: township review, forward, county approval.
    @discardableResult
    public func approve(_ applicationID: String) async throws -> Kiosk_Core_V1_Application {
        _ = try await self.transition(applicationID, .beginReview, as: .supervisorA)
        _ = try await self.transition(applicationID, .forward, as: .supervisorA)
        return try await self.transition(applicationID, .approve, as: .officer)
    }

    /// The village director of `village` (A1 when the village has none in the county).
    public static func director(of village: String) -> Who {
        switch village {
        case Self.villageA2: .directorA2
        case Self.villageB1: .directorB1
        default: .directorA1
        }
    }
}

/// Details of a child registered locally, with no identity number unless given.
public func childDetails(
    _ name: String,
    born: String = "2019-04-23",
    sex: Kiosk_Core_V1_Sex = .female,
    village: String = TestCounty.villageA1,
    identityNumber: String = "",
    hukou: Kiosk_Core_V1_HukouStatus = .registeredLocal,
    categories: [Kiosk_Core_V1_CategoryKind] = []
) -> Kiosk_Core_V1_ChildDetails {
    var details = Kiosk_Core_V1_ChildDetails()
    details.name = name
    details.birthDate = born
    details.sex = sex
    details.village = village
    details.identityNumber = identityNumber
    details.hukouStatus = hukou
    details.categories = categories.map { kind in
        var category = Kiosk_Core_V1_Category()
        category.kind = kind
        return category
    }
    return details
}

/// A valid resident identity number for someone born on `born` (`YYYYMMDD`) with `sequence`
/// (odd for male, even for female) registered in `county`.
public func identityNumber(county: String = TestCounty.county, born: String, sequence: Int) -> String {
    let body = county + born + String(format: "%03d", sequence)
    let check = ResidentIdentityNumber.checkCharacter(forDigits: body.compactMap { $0.wholeNumberValue }) ?? "0"
    return body + String(check)
}
