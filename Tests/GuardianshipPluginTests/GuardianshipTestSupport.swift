import GRPCCore
import KioskProtos
import KioskTesting
import KioskTransport
import SwiftProtobuf
import GuardianshipPlugin

typealias GuardianshipClient = Kiosk_Plugins_Guardianship_V1_Guardianship.Client<KioskClientTransport>

func answers(name: String = "王奶奶", age: UInt32 = 78, income: Kiosk_Plugins_Guardianship_V1_Income = .low,
             willing: Bool = true, history: Bool = false) -> Kiosk_Plugins_Guardianship_V1_CapacityAnswers {
    var answers = Kiosk_Plugins_Guardianship_V1_CapacityAnswers()
    answers.caregiverName = name
    answers.caregiverAge = age
    answers.health = .good
    answers.income = income
    answers.housing = .inadequate
    answers.willing = willing
    answers.historyOfNeglectOrViolence = history
    return answers
}

/// The guardianship plugin's calls in the shared test county; village A1's director records and assesses.
extension TestCounty {
    func guardianship<T: Sendable>(_ who: Who, _ body: (GuardianshipClient) async throws -> T) async throws -> T {
        try await self.as(who) { try await body(GuardianshipClient(wrapping: $0)) }
    }

    /// Registers a child of village A1 whose mother has consented to the referral to the county's
    /// care arrangements (the plugin's kinds need it); returns its id.
    func consentingChild(_ name: String, born: String = "2018-05-01") async throws -> String {
        let child = try await self.registerChild(name, born: born)
        _ = try await self.recordConsent(GuardianshipPlugin.consent, for: child)
        return child.childID
    }

    /// A child of village A1 left behind (mother migrated, father deceased) with her grandmother as
    /// caregiver; the mother's consent to the referral is recorded unless `consented` is false.
    func leftBehindChild(_ name: String, born: String = "2018-05-01", consented: Bool = true) async throws -> String {
        let childID = consented ? try await self.consentingChild(name, born: born) : try await self.registerChild(name, born: born).childID
        _ = try await self.guardianship(.directorA1) { client in
            try await client.recordSituation(.with {
                $0.childID = childID
                $0.mother = .with { $0.status = .migrated; $0.migratedTo = "Guangzhou"; $0.migratedSince = "2025-03-01" }
                $0.father.status = .deceased
                $0.caregiver = .with { $0.name = "王奶奶"; $0.relationship = .grandparent; $0.age = 78 }
            })
        }
        return childID
    }

    /// Assesses `caregiver`, submits entrusted care with them, and has the county approve and activate it; returns its id.
    func entrustedCare(_ childID: String, caregiver: String = "王奶奶", age: UInt32 = 78) async throws -> String {
        let applicationID = try await self.guardianship(.directorA1) { client in
            _ = try await client.assessCaregiver(.with { $0.childID = childID; $0.answers = answers(name: caregiver, age: age) })
            return try await client.submitArrangement(.with {
                $0.childID = childID
                $0.type = .entrustedCare
                $0.caregiver = .with { $0.name = caregiver; $0.relationship = .grandparent; $0.age = age }
                $0.entrustingParent = .mother
                $0.agreementDate = "2026-11-20"
            }).applicationID
        }
        try await self.approve(applicationID)
        try await self.transition(applicationID, .activate, as: .officer)
        return applicationID
    }

    func arrangements(_ childID: String) async throws -> [Kiosk_Plugins_Guardianship_V1_Arrangement] {
        try await self.guardianship(.directorA1) { try await $0.getGuardianship(.with { $0.childID = childID }).arrangements }
    }

    func application(_ id: String) async throws -> Kiosk_Core_V1_Application {
        try await self.as(.officer) { client in
            try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(.with { $0.applicationID = id }).application
        }
    }

    func overdue(_ who: Who = .supervisorA) async throws -> [String] {
        try await self.guardianship(who) { try await $0.listOverdueReviews(.init()).arrangements.map(\.arrangementID) }
    }
}
