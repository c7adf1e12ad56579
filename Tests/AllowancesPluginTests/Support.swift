import AllowancesPlugin
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport

typealias Client = GRPCClient<KioskClientTransport>
typealias AllowancesClient = Kiosk_Plugins_Allowances_V1_Allowances.Client<KioskClientTransport>

/// A live host with the allowances plugin, a kiosk and one worker at each level of county 530102.
struct Desk: Sendable {
    let host: LiveKioskHost
    let kiosk: LiveKioskHost.Kiosk
    let clock: ManualClock
    let village: LiveKioskHost.Worker
    let township: LiveKioskHost.Worker
    let county: LiveKioskHost.Worker
    let otherCounty: LiveKioskHost.Worker

    static func with<T: Sendable>(today: String, _ body: (Desk) async throws -> T) async throws -> T {
        let clock = ManualClock(today: try CalendarDate(iso: today))
        return try await LiveKioskHost.with(plugins: [AllowancesPlugin.self], clock: clock) { host in
            let desk = Desk(
                host: host,
                kiosk: try await host.registerKiosk("k1"),
                clock: clock,
                village: try await host.addWorker("vd-1", role: .villageDirector, jurisdiction: "530102001001"),
                township: try await host.addWorker("ts-1", role: .townshipSupervisor, jurisdiction: "530102001"),
                county: try await host.addWorker("co-1", role: .countyOfficer, jurisdiction: "530102"),
                otherCounty: try await host.addWorker("co-2", role: .countyOfficer, jurisdiction: "530103")
            )
            return try await body(desk)
        }
    }

    /// Runs `body` signed in as `worker` (a fresh session, so moving the clock never expires it).
    func signedIn<T: Sendable>(_ worker: LiveKioskHost.Worker, _ body: (Client) async throws -> T) async throws -> T {
        try await self.host.withSignedInClient(kiosk: self.kiosk, worker: worker, body)
    }

    func allowances<T: Sendable>(_ worker: LiveKioskHost.Worker, _ body: (AllowancesClient) async throws -> T) async throws -> T {
        try await self.signedIn(worker) { try await body(AllowancesClient(wrapping: $0)) }
    }

    func setToday(_ iso: String) throws {
        self.clock.set(today: try CalendarDate(iso: iso))
    }

    /// Registers a child in village 530102001001.
    func registerChild(name: String, born: String, categories: [Kiosk_Core_V1_Category]) async throws -> String {
        try await self.signedIn(self.village) { client in
            var request = Kiosk_Core_V1_RegisterChildRequest()
            request.details.name = name
            request.details.sex = .female
            request.details.birthDate = born
            request.details.village = "530102001001"
            request.details.hukouStatus = .registeredLocal
            request.details.categories = categories
            request.confirmedNotDuplicate = true
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child.childID
        }
    }

    /// Replaces a child's categories.
    func setCategories(_ childID: String, _ categories: [Kiosk_Core_V1_Category]) async throws {
        try await self.signedIn(self.village) { client in
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            var get = Kiosk_Core_V1_GetChildRequest()
            get.childID = childID
            let child = try await children.getChild(get).child
            var update = Kiosk_Core_V1_UpdateChildRequest()
            update.childID = childID
            update.expectedVersion = child.version
            update.details = child.details
            update.details.categories = categories
            _ = try await children.updateChild(update)
        }
    }

    func setRate(_ type: Kiosk_Plugins_Allowances_V1_AllowanceType, from month: String, fen: Int64) async throws {
        try await self.allowances(self.county) { client in
            var request = Kiosk_Plugins_Allowances_V1_SetRateRequest()
            request.county = "530102"
            request.allowanceType = type
            request.effectiveMonth = month
            request.monthlyAmountFen = fen
            _ = try await client.setRate(request)
        }
    }

    func submit(_ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType) async throws -> String {
        try await self.allowances(self.village) { client in
            var request = Kiosk_Plugins_Allowances_V1_SubmitApplicationRequest()
            request.childID = childID
            request.allowanceType = type
            return try await client.submitApplication(request).applicationID
        }
    }

    @discardableResult
    func transition(
        _ applicationID: String, _ action: Kiosk_Core_V1_ApplicationAction, by worker: LiveKioskHost.Worker,
        reason: String = "", effectiveDate: String = ""
    ) async throws -> Kiosk_Core_V1_Application {
        try await self.signedIn(worker) { client in
            var request = Kiosk_Core_V1_TransitionApplicationRequest()
            request.applicationID = applicationID
            request.action = action
            request.reason = reason
            request.effectiveDate = effectiveDate
            return try await Kiosk_Core_V1_Applications.Client(wrapping: client).transitionApplication(request).application
        }
    }

    /// Submits, reviews and approves an application, then leaves it for the county to activate.
    func approve(_ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType) async throws -> String {
        let id = try await self.submit(childID, type)
        try await self.transition(id, .beginReview, by: self.township)
        try await self.transition(id, .forward, by: self.township)
        try await self.transition(id, .approve, by: self.county)
        return id
    }

    /// Approves and activates from `start` (a date in the first month paid).
    func grant(_ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType, from start: String) async throws -> String {
        let id = try await self.approve(childID, type)
        try await self.transition(id, .activate, by: self.county, effectiveDate: start)
        return id
    }

    func runPayments(month: String, limit: UInt32 = 0) async throws -> Kiosk_Plugins_Allowances_V1_RunPaymentsResponse {
        try await self.allowances(self.county) { client in
            var request = Kiosk_Plugins_Allowances_V1_RunPaymentsRequest()
            request.county = "530102"
            request.month = month
            request.limit = limit
            return try await client.runPayments(request)
        }
    }

    func payments(month: String) async throws -> Kiosk_Plugins_Allowances_V1_ListPaymentsResponse {
        try await self.allowances(self.county) { client in
            var request = Kiosk_Plugins_Allowances_V1_ListPaymentsRequest()
            request.county = "530102"
            request.month = month
            return try await client.listPayments(request)
        }
    }

    func allowanceStatus(_ id: String) async throws -> Kiosk_Plugins_Allowances_V1_Allowance? {
        try await self.allowances(self.county) { client in
            try await client.listAllowances(.init()).allowances.first { $0.allowanceID == id }
        }
    }

    func runChecks() async throws -> [Kiosk_Plugins_Allowances_V1_SkippedAllowance] {
        try await self.allowances(self.county) { try await $0.runAutomaticChecks(.init()).suspended }
    }
}

func category(_ kind: Kiosk_Core_V1_CategoryKind, grade: UInt32 = 0) -> Kiosk_Core_V1_Category {
    var category = Kiosk_Core_V1_Category()
    category.kind = kind
    if kind == .disability {
        category.disabilityType = .physical
        category.disabilityGrade = grade
    }
    return category
}

