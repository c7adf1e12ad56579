import CivilRegistrationPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import KioskTransport
import SwiftProtobuf

typealias CivilClient = Kiosk_Plugins_Civilregistration_V1_CivilRegistration.Client<KioskClientTransport>

/// The civil registration plugin's calls in the shared test county; village A1's director works the cases.
extension TestCounty {
    /// Runs `body` in a county with the civil registration plugin, on `today`.
    static func civilRegistration<T: Sendable>(
        today: String,
        settings: [String: String] = [:],
        _ body: (TestCounty) async throws -> T
    ) async throws -> T {
        try await TestCounty.with(plugins: [CivilRegistrationPlugin.self], today: today, settings: settings, body)
    }

    func civil<T: Sendable>(_ who: Who, _ body: (CivilClient) async throws -> T) async throws -> T {
        try await self.as(who) { try await body(CivilClient(wrapping: $0)) }
    }

    /// Registers a child in village A1, unregistered unless told otherwise; returns its id.
    ///
    /// The child's mother has consented to the referral to the registration service (the plugin's
    /// application needs it), unless `consented` is false.
    func child(
        _ name: String,
        born: String = "2019-04-23",
        hukou: Kiosk_Core_V1_HukouStatus = .unregistered,
        consented: Bool = true
    ) async throws -> String {
        let child = try await self.registerChild(name, born: born, hukou: hukou)
        if consented { _ = try await self.recordConsent(CivilRegistrationPlugin.consent, for: child) }
        return child.childID
    }

    func record(_ id: String) async throws -> Kiosk_Core_V1_Child {
        try await self.as(.directorA1) { client in
            try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(.with { $0.childID = id }).child
        }
    }

    func application(_ id: String) async throws -> Kiosk_Core_V1_Application {
        try await self.as(.officer) { client in
            try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(.with { $0.applicationID = id }).application
        }
    }

    func registrationCase(_ id: String) async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase {
        try await self.civil(.directorA1) { try await $0.getCase(.with { $0.caseID = id }).registrationCase }
    }

    func open(_ childID: String, _ reason: Kiosk_Plugins_Civilregistration_V1_Reason) async throws -> String {
        try await self.civil(.directorA1) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_OpenCaseRequest()
            request.childID = childID
            request.reason = reason
            return try await client.openCase(request).registrationCase.caseID
        }
    }

    @discardableResult
    func see(_ caseID: String, _ type: Kiosk_Plugins_Civilregistration_V1_DocumentType, number: String = "N-1")
        async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase
    {
        try await self.civil(.directorA1) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordDocumentRequest()
            request.caseID = caseID
            request.type = type
            request.number = number
            return try await client.recordDocument(request).registrationCase
        }
    }

    func submit(_ caseID: String) async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase {
        try await self.civil(.directorA1) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_SubmitCaseRequest()
            request.caseID = caseID
            return try await client.submitCase(request).registrationCase
        }
    }

    /// Opens a found-child case with its documents, submits it and has the county approve it.
    func approvedCase(_ childID: String) async throws -> (caseID: String, applicationID: String) {
        let caseID = try await self.open(childID, .abandonedOrFound)
        try await self.see(caseID, .policeFoundChildReport)
        try await self.see(caseID, .civilAffairsPlacementDocument)
        let applicationID = try await self.submit(caseID).applicationID
        try await self.approve(applicationID)
        return (caseID, applicationID)
    }

    func handOver(_ caseID: String, sent: String) async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase {
        try await self.civil(.directorA1) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordHandOverRequest()
            request.caseID = caseID
            request.policeStation = "城关派出所"
            request.dateSent = sent
            return try await client.recordHandOver(request).registrationCase
        }
    }

    func outcome(_ caseID: String, registered: Bool, on date: String, identityNumber: String = "", note: String = "")
        async throws -> Kiosk_Plugins_Civilregistration_V1_RegistrationCase
    {
        try await self.civil(.directorA1) { client in
            var request = Kiosk_Plugins_Civilregistration_V1_RecordOutcomeRequest()
            request.caseID = caseID
            request.registered = registered
            request.outcomeDate = date
            request.householdBookletNumber = registered ? "HB-530102-0042" : ""
            request.identityNumber = identityNumber
            request.note = note
            return try await client.recordOutcome(request).registrationCase
        }
    }
}
