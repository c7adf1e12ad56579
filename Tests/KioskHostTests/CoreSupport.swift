import EchoPlugin
import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport

/// A small county for the core services' tests: two townships, three villages, a worker of each
/// role, a kiosk, and a clock standing on 2026-11-23.
struct CoreCounty: Sendable {
    static let county = "530102"
    static let townshipA = "530102001"
    static let townshipB = "530102002"
    static let villageA1 = "530102001001"
    static let villageA2 = "530102001002"
    static let villageB1 = "530102002001"
    static let otherCounty = "530103"
    static let today = try! CalendarDate(iso: "2026-11-23")

    let host: LiveKioskHost
    let kiosk: LiveKioskHost.Kiosk
    let clock: ManualClock

    /// Workers by role and place.
    enum Who: String, CaseIterable, Sendable {
        case directorA1, directorA2, directorB1, supervisorA, supervisorB, officer, otherCountyOfficer, operatorWorker

        var role: WorkerRole {
            switch self {
            case .directorA1, .directorA2, .directorB1: .villageDirector
            case .supervisorA, .supervisorB: .townshipSupervisor
            case .officer, .otherCountyOfficer: .countyOfficer
            case .operatorWorker: .operator
            }
        }

        var jurisdiction: String {
            switch self {
            case .directorA1: CoreCounty.villageA1
            case .directorA2: CoreCounty.villageA2
            case .directorB1: CoreCounty.villageB1
            case .supervisorA: CoreCounty.townshipA
            case .supervisorB: CoreCounty.townshipB
            case .officer, .operatorWorker: CoreCounty.county
            case .otherCountyOfficer: CoreCounty.otherCounty
            }
        }

        var worker: LiveKioskHost.Worker { .init(id: self.rawValue, pin: "135790") }
    }

    static func with<T: Sendable>(_ body: (CoreCounty) async throws -> T) async throws -> T {
        let clock = ManualClock(today: Self.today)
        return try await LiveKioskHost.with(plugins: [EchoPlugin.self], clock: clock) { host in
            for who in Who.allCases {
                _ = try await host.addWorker(who.rawValue, role: who.role, jurisdiction: who.jurisdiction, pin: "135790")
            }
            let kiosk = try await host.registerKiosk("kiosk-core")
            return try await body(CoreCounty(host: host, kiosk: kiosk, clock: clock))
        }
    }

    /// Runs `body` with a client signed in as `who`.
    func `as`<T: Sendable>(_ who: Who, _ body: (GRPCClient<KioskClientTransport>) async throws -> T) async throws -> T {
        try await self.host.withSignedInClient(kiosk: self.kiosk, worker: who.worker, body)
    }

    /// Registers a child as `who` and returns it (failing the test when candidates come back).
    func register(
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
                throw RPCError(code: .internalError, message: "expected a registered child, got \(response)")
            }
            return child
        }
    }
}

/// Details of a child registered locally, with no identity number unless given.
func childDetails(
    _ name: String,
    born: String = "2019-04-23",
    sex: Kiosk_Core_V1_Sex = .female,
    village: String = CoreCounty.villageA1,
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
func identityNumber(county: String = "530102", born: String, sequence: Int) -> String {
    let body = county + born + String(format: "%03d", sequence)
    let check = ResidentIdentityNumber.checkCharacter(forDigits: body.compactMap { $0.wholeNumberValue })!
    return body + String(check)
}
