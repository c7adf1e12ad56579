import AllowancesPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import KioskTransport
import SwiftProtobuf

typealias AllowancesClient = Kiosk_Plugins_Allowances_V1_Allowances.Client<KioskClientTransport>

/// The allowances plugin's calls in the shared test county (township A's director, supervisor and
/// the county officer of 530102 act unless told otherwise).
extension TestCounty {
    /// Runs `body` in a county with the allowances plugin, on `today`.
    static func allowances<T: Sendable>(
        today: String,
        settings: [String: String] = [:],
        _ body: (TestCounty) async throws -> T
    ) async throws -> T {
        try await TestCounty.with(plugins: [AllowancesPlugin.self], today: today, settings: settings, body)
    }

    func allowances<T: Sendable>(_ who: Who, _ body: (AllowancesClient) async throws -> T) async throws -> T {
        try await self.as(who) { try await body(AllowancesClient(wrapping: $0)) }
    }

    /// Registers a child in village A1 with `categories` (disability grades included); returns its id.
    ///
    /// The child's mother has consented to the referral to the allowances (the plugin's kinds need
    /// it), unless `consented` is false.
    func child(
        _ name: String,
        born: String,
        categories: [Kiosk_Core_V1_Category],
        village: String = TestCounty.villageA1,
        consented: Bool = true
    ) async throws -> String {
        var details = childDetails(name, born: born, village: village)
        details.categories = categories
        let child = try await self.register(details, as: TestCounty.director(of: village), confirmed: true)
        if consented { _ = try await self.recordConsent(AllowancesPlugin.consent, for: child) }
        return child.childID
    }

    /// Replaces a child's categories.
    func setCategories(_ childID: String, _ categories: [Kiosk_Core_V1_Category]) async throws {
        try await self.as(.directorA1) { client in
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            let child = try await children.getChild(.with { $0.childID = childID }).child
            var update = Kiosk_Core_V1_UpdateChildRequest()
            update.childID = childID
            update.expectedVersion = child.version
            update.details = child.details
            update.details.categories = categories
            _ = try await children.updateChild(update)
        }
    }

    @discardableResult
    func setRate(_ type: Kiosk_Plugins_Allowances_V1_AllowanceType, from month: String, fen: Int64) async throws
        -> Kiosk_Plugins_Allowances_V1_SetRateResponse
    {
        try await self.allowances(.officer) { client in
            var request = Kiosk_Plugins_Allowances_V1_SetRateRequest()
            request.county = TestCounty.county
            request.allowanceType = type
            request.effectiveMonth = month
            request.monthlyAmountFen = fen
            return try await client.setRate(request)
        }
    }

    func submit(_ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType, as who: Who = .directorA1) async throws -> String {
        try await self.allowances(who) { client in
            var request = Kiosk_Plugins_Allowances_V1_SubmitApplicationRequest()
            request.childID = childID
            request.allowanceType = type
            return try await client.submitApplication(request).applicationID
        }
    }

    /// Submits an application and has it reviewed and approved; the county has yet to activate it.
    func approvedApplication(_ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType) async throws -> String {
        let id = try await self.submit(childID, type)
        try await self.approve(id)
        return id
    }

    /// Approves and activates from `start` (a date in the first month paid); submitted by the
    /// director of `village` and reviewed by its township's supervisor.
    func grant(
        _ childID: String, _ type: Kiosk_Plugins_Allowances_V1_AllowanceType, from start: String, village: String = TestCounty.villageA1
    ) async throws -> String {
        let id = try await self.submit(childID, type, as: TestCounty.director(of: village))
        let supervisor: Who = village.hasPrefix(TestCounty.townshipB) ? .supervisorB : .supervisorA
        try await self.transition(id, .beginReview, as: supervisor)
        try await self.transition(id, .forward, as: supervisor)
        try await self.transition(id, .approve, as: .officer)
        try await self.transition(id, .activate, effectiveDate: start, as: .officer)
        return id
    }

    func runPayments(month: String, limit: UInt32 = 0) async throws -> Kiosk_Plugins_Allowances_V1_RunPaymentsResponse {
        try await self.allowances(.officer) { client in
            var request = Kiosk_Plugins_Allowances_V1_RunPaymentsRequest()
            request.county = TestCounty.county
            request.month = month
            request.limit = limit
            return try await client.runPayments(request)
        }
    }

    func payments(month: String) async throws -> Kiosk_Plugins_Allowances_V1_ListPaymentsResponse {
        try await self.allowances(.officer) { client in
            var request = Kiosk_Plugins_Allowances_V1_ListPaymentsRequest()
            request.county = TestCounty.county
            request.month = month
            return try await client.listPayments(request)
        }
    }

    func allowance(_ id: String) async throws -> Kiosk_Plugins_Allowances_V1_Allowance? {
        try await self.allowances(.officer) { client in
            try await client.listAllowances(.init()).allowances.first { $0.allowanceID == id }
        }
    }

    func runChecks() async throws -> [Kiosk_Plugins_Allowances_V1_SkippedAllowance] {
        try await self.allowances(.officer) { try await $0.runAutomaticChecks(.init()).suspended }
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
