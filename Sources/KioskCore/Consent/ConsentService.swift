public import GRPCCore
import KioskDomain
public import KioskPluginKit
public import KioskRecords
public import KioskProtos

/// `kiosk.core.v1.Consent`: recording, withdrawing and overriding guardians' consent. Rules,
/// jurisdiction and audit live in ``CoreConsentRegistry``; this type only translates messages.
public struct ConsentService: Kiosk_Core_V1_Consent.SimpleServiceProtocol {
    private let store: PluginStore
    private let consent: CoreConsentRegistry

    /// Creates the service over the core's consent register.
    public init(store: PluginStore, consent: CoreConsentRegistry) {
        self.store = store
        self.consent = consent
    }

    public func recordConsent(
        request: Kiosk_Core_V1_RecordConsentRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_RecordConsentResponse {
        let actor = try CoreActor.currentWorker()
        let new = try ConsentMessages.newConsent(request, purposes: self.consent.purposes)
        let consent = self.consent
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_RecordConsentResponse()
            response.consent = ConsentMessages.wire(try consent.record(new, in: db, actor: actor))
            return response
        }
    }

    public func withdrawConsent(
        request: Kiosk_Core_V1_WithdrawConsentRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_WithdrawConsentResponse {
        let actor = try CoreActor.currentWorker()
        let consentID = try RequestField.id(request.consentID, field: "consent_id")
        let reason = try RequestField.text(request.reason, field: "reason", maximumLength: 1000)
        let date = try RequestField.optionalDate(request.withdrawnOn, field: "withdrawn_on")
        let consent = self.consent
        return try await self.store.write { db in
            let outcome = try consent.withdraw(consentID, reason: reason, on: date, in: db, actor: actor)
            var response = Kiosk_Core_V1_WithdrawConsentResponse()
            response.consent = ConsentMessages.wire(outcome.consent)
            response.openApplicationIds = outcome.openApplicationIDs
            response.workItemID = outcome.workItem?.itemID ?? ""
            return response
        }
    }

    public func listConsents(
        request: Kiosk_Core_V1_ListConsentsRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListConsentsResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let consent = self.consent
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_ListConsentsResponse()
            response.consents = try consent.consents(of: childID, in: db, actor: actor).map(ConsentMessages.wire)
            return response
        }
    }

    public func recordUrgentOverride(
        request: Kiosk_Core_V1_RecordUrgentOverrideRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_RecordUrgentOverrideResponse {
        let actor = try CoreActor.currentWorker()
        let childID = try RequestField.id(request.childID, field: "child_id")
        let purpose = try ConsentMessages.purpose(request.purpose, purposes: self.consent.purposes)
        let reason = try RequestField.text(request.reason, field: "reason", maximumLength: 1000)
        let consent = self.consent
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_RecordUrgentOverrideResponse()
            response.urgentOverride = ConsentMessages.wire(
                try consent.recordOverride(childID: childID, purpose: purpose, reason: reason, in: db, actor: actor)
            )
            return response
        }
    }

    public func listUrgentOverrides(
        request: Kiosk_Core_V1_ListUrgentOverridesRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListUrgentOverridesResponse {
        let actor = try CoreActor.currentWorker()
        let division = try ChildMessages.jurisdiction(request.division)
        let pageSize = try ChildMessages.pageSize(request.pageSize)
        let consent = self.consent
        return try await self.store.write { db in
            let page = try consent.overrides(
                division: division, includeReviewed: request.includeReviewed, pageSize: pageSize,
                pageToken: request.pageToken.isEmpty ? nil : request.pageToken, in: db, actor: actor
            )
            var response = Kiosk_Core_V1_ListUrgentOverridesResponse()
            response.overrides = page.overrides.map(ConsentMessages.wire)
            response.nextPageToken = page.nextPageToken ?? ""
            return response
        }
    }

    public func reviewUrgentOverride(
        request: Kiosk_Core_V1_ReviewUrgentOverrideRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ReviewUrgentOverrideResponse {
        let actor = try CoreActor.currentWorker()
        let overrideID = try RequestField.id(request.overrideID, field: "override_id")
        let note = try RequestField.text(request.note, field: "note", maximumLength: 1000)
        let consent = self.consent
        return try await self.store.write { db in
            var response = Kiosk_Core_V1_ReviewUrgentOverrideResponse()
            response.urgentOverride = ConsentMessages.wire(try consent.reviewOverride(overrideID, note: note, in: db, actor: actor))
            return response
        }
    }

    public func listPurposes(
        request: Kiosk_Core_V1_ListPurposesRequest,
        context: ServerContext
    ) async throws -> Kiosk_Core_V1_ListPurposesResponse {
        _ = try CoreActor.currentWorker()
        var response = Kiosk_Core_V1_ListPurposesResponse()
        response.purposes = ConsentMessages.purposes(self.consent.purposes)
        return response
    }
}
