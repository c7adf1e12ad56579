import EchoPlugin
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTesting

extension TestCounty {
    /// Submits an echo application of `kind` ("" for "note"); returns its id.
    func submitEcho(_ childID: String, kind: String, as who: Who = .directorA1) async throws -> String {
        try await self.as(who) { client in
            var request = Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest()
            request.childID = childID
            request.note = "needs help"
            request.kind = kind
            return try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).submitNoteApplication(request).applicationID
        }
    }

    /// Runs `body` with the Consent service's client as `who`.
    func consent<T: Sendable>(as who: Who, _ body: (Kiosk_Core_V1_Consent.Client<KioskClientTransportAlias>) async throws -> T) async throws -> T {
        try await self.as(who) { client in try await body(Kiosk_Core_V1_Consent.Client(wrapping: client)) }
    }

    /// Records an urgent override as `who`.
    func recordOverride(_ childID: String, purpose: ConsentPurpose, reason: String = "the child is at risk", as who: Who = .supervisorA)
        async throws -> Kiosk_Core_V1_UrgentOverride
    {
        try await self.consent(as: who) { consent in
            var request = Kiosk_Core_V1_RecordUrgentOverrideRequest()
            request.childID = childID
            request.purpose = purpose.id
            request.reason = reason
            return try await consent.recordUrgentOverride(request).urgentOverride
        }
    }

    /// A child of village A1 with a mother linked to it; returns the child (as read back) and her id.
    func childWithMother(_ name: String = "王小莲", born: String = "2019-04-23") async throws -> (child: Kiosk_Core_V1_Child, mother: String) {
        let child = try await self.registerChild(name, born: born)
        let consent = try await self.recordConsent(.registration, for: child)
        let withMother = try await self.as(.directorA1) { client in
            var get = Kiosk_Core_V1_GetChildRequest()
            get.childID = child.childID
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(get).child
        }
        return (withMother, consent.caregiverID)
    }
}

/// A signed-paper consent by `caregiver` for `purpose`, given on `givenOn`.
func consentRequest(_ childID: String, _ purpose: String, caregiver: String, givenOn: String = "2026-11-20") -> Kiosk_Core_V1_RecordConsentRequest {
    var request = Kiosk_Core_V1_RecordConsentRequest()
    request.childID = childID
    request.purpose = purpose
    request.givenBy = .caregiver
    request.caregiverID = caregiver
    request.method = .signedPaper
    request.givenOn = givenOn
    return request
}

let echoReferral = ConsentPurpose.referral(to: "echo")
