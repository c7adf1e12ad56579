import GRPCCore
import KioskDomain
public import KioskPluginKit
public import KioskProtos

extension TestCounty {
    /// Records a guardian's signed consent for `purpose` (e.g. `.referral(to: "fostercare")`) as
    /// `who` (the village's director by default), given today unless `givenOn` says otherwise.
    ///
    /// The consent is given by the child's first caregiver; a child without one first gets a
    /// household in its village with one caregiver, its mother, linked to it. Returns the consent.
    ///
    /// ```swift
    /// let child = try await county.registerChild("王小莲")
    /// _ = try await county.recordConsent(.referral(to: "fostercare"), for: child)
    /// ```
    public func recordConsent(
        _ purpose: ConsentPurpose,
        for child: Kiosk_Core_V1_Child,
        givenOn: String? = nil,
        as who: Who? = nil
    ) async throws -> Kiosk_Core_V1_ConsentRecord {
        let who = who ?? Self.director(of: child.details.village)
        var caregiverID = child.caregivers.first?.caregiverID ?? ""
        if caregiverID.isEmpty { caregiverID = try await self.linkCaregiver(to: child, as: who) }
        return try await self.as(who) { client in
            var request = Kiosk_Core_V1_RecordConsentRequest()
            request.childID = child.childID
            request.purpose = purpose.id
            request.givenBy = .caregiver
            request.caregiverID = caregiverID
            request.method = .signedPaper
            request.givenOn = givenOn ?? self.clock.today().isoString
            return try await Kiosk_Core_V1_Consent.Client(wrapping: client).recordConsent(request).consent
        }
    }

    /// Withdraws a consent as `who` (a director of village A1 by default), today.
    public func withdrawConsent(_ consentID: String, reason: String = "the guardian changed their mind", as who: Who = .directorA1) async throws
        -> Kiosk_Core_V1_WithdrawConsentResponse
    {
        try await self.as(who) { client in
            var request = Kiosk_Core_V1_WithdrawConsentRequest()
            request.consentID = consentID
            request.reason = reason
            return try await Kiosk_Core_V1_Consent.Client(wrapping: client).withdrawConsent(request)
        }
    }

    /// Gives `child` a household in its village with one caregiver, its mother; returns her id.
    private func linkCaregiver(to child: Kiosk_Core_V1_Child, as who: Who) async throws -> String {
        try await self.as(who) { client in
            let children = Kiosk_Core_V1_Children.Client(wrapping: client)
            var household = Kiosk_Core_V1_CreateHouseholdRequest()
            household.village = child.details.village
            household.address = "村委会旁"
            var mother = Kiosk_Core_V1_Caregiver()
            mother.name = "李桂英"
            mother.sex = .female
            household.caregivers = [mother]
            let created = try await children.createHousehold(household).household
            guard let caregiver = created.caregivers.first else {
                throw RPCError(code: .internalError, message: "the new household has no caregiver")
            }
            var update = Kiosk_Core_V1_UpdateChildRequest()
            update.childID = child.childID
            update.expectedVersion = child.version
            update.details = child.details
            update.details.householdID = created.householdID
            var link = Kiosk_Core_V1_ChildCaregiver()
            link.caregiverID = caregiver.caregiverID
            link.relationship = .mother
            link.primary = true
            update.caregivers = [link]
            _ = try await children.updateChild(update)
            return caregiver.caregiverID
        }
    }
}
