import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskProtos
import KioskRecords

/// Translation between `kiosk.core.v1` consent messages and the consent records.
enum ConsentMessages {
    static func newConsent(_ request: Kiosk_Core_V1_RecordConsentRequest, purposes: ConsentPurposes) throws -> CoreConsentRegistry.NewConsent {
        CoreConsentRegistry.NewConsent(
            childID: try RequestField.id(request.childID, field: "child_id"),
            purpose: try self.purpose(request.purpose, purposes: purposes),
            givenBy: try self.giver(request.givenBy, caregiverID: request.caregiverID),
            method: try self.method(request.method, witness: request.witnessWorkerID),
            givenOn: try RequestField.date(request.givenOn, field: "given_on")
        )
    }

    static func purpose(_ text: String, purposes: ConsentPurposes) throws -> ConsentPurpose {
        guard !text.isEmpty else { throw invalid("purpose: is required") }
        return try purposes.purpose(text)
    }

    static func giver(_ wire: Kiosk_Core_V1_ConsentGiver, caregiverID: String) throws -> ConsentRecord.Giver {
        switch wire {
        case .caregiver: return .caregiver(try RequestField.id(caregiverID, field: "caregiver_id"))
        case .child:
            guard caregiverID.isEmpty else { throw invalid("caregiver_id: is only for CONSENT_GIVER_CAREGIVER") }
            return .child
        default: throw invalid("given_by: is required (CONSENT_GIVER_CAREGIVER or CONSENT_GIVER_CHILD)")
        }
    }

    static func method(_ wire: Kiosk_Core_V1_ConsentMethod, witness: String) throws -> ConsentRecord.Method {
        switch wire {
        case .signedPaper:
            guard witness.isEmpty else { throw invalid("witness_worker_id: is only for CONSENT_METHOD_VERBAL_WITNESSED") }
            return .signedPaper
        case .verbalWitnessed: return .verbal(witnessWorkerID: try RequestField.id(witness, field: "witness_worker_id"))
        default:
            throw invalid("method: is required (CONSENT_METHOD_SIGNED_PAPER or CONSENT_METHOD_VERBAL_WITNESSED)")
        }
    }

    static func wire(_ record: ConsentRecord) -> Kiosk_Core_V1_ConsentRecord {
        var wire = Kiosk_Core_V1_ConsentRecord()
        wire.consentID = record.consentID
        wire.childID = record.childID
        wire.purpose = record.purpose.id
        switch record.givenBy {
        case .caregiver(let id):
            wire.givenBy = .caregiver
            wire.caregiverID = id
        case .child: wire.givenBy = .child
        }
        switch record.method {
        case .signedPaper: wire.method = .signedPaper
        case .verbal(let witness):
            wire.method = .verbalWitnessed
            wire.witnessWorkerID = witness
        }
        wire.givenOn = record.givenOn.isoString
        wire.recordedBy = record.recordedBy
        wire.recordedAtUnix = Int64(record.recordedAt.timeIntervalSince1970)
        if let withdrawal = record.withdrawal {
            wire.withdrawnOn = withdrawal.date.isoString
            wire.withdrawalReason = withdrawal.reason
            wire.withdrawnBy = withdrawal.recordedBy
        }
        return wire
    }

    static func wire(_ override: UrgentOverride) -> Kiosk_Core_V1_UrgentOverride {
        var wire = Kiosk_Core_V1_UrgentOverride()
        wire.overrideID = override.overrideID
        wire.childID = override.childID
        wire.purpose = override.purpose.id
        wire.reason = override.reason
        wire.recordedBy = override.recordedBy
        wire.recordedAtUnix = Int64(override.recordedAt.timeIntervalSince1970)
        wire.validUntilUnix = Int64(override.validUntil.timeIntervalSince1970)
        wire.usedByApplicationID = override.usedByApplicationID ?? ""
        wire.reviewedBy = override.reviewedBy ?? ""
        wire.reviewedAtUnix = Int64(override.reviewedAt?.timeIntervalSince1970 ?? 0)
        wire.reviewNote = override.reviewNote ?? ""
        return wire
    }

    /// The purposes a kiosk can offer: the core's three general forms, then every concrete purpose
    /// an installed plugin declares or an application kind needs, with the kinds that need it.
    static func purposes(_ purposes: ConsentPurposes) -> [Kiosk_Core_V1_ConsentPurposeInfo] {
        var list = [
            self.info("registration", zh: "保留儿童档案", en: "Keeping the child's record", kinds: purposes.kinds(needing: .registration)),
            self.info("referral:<service>", zh: "转介至指定服务", en: "Referral to a named service", kinds: []),
            self.info("share-with-partner:<plugin id>", zh: "与合作方共享", en: "Sharing with a partner", kinds: []),
        ]
        var concrete = Set(purposes.declarations.map(\.purpose))
        for plugin in purposes.installedPlugins { concrete.formUnion(plugin.applicationKinds.compactMap(\.consent)) }
        concrete.remove(.registration)
        for purpose in concrete.sorted() {
            let title = self.title(of: purpose, purposes: purposes)
            list.append(self.info(purpose.id, zh: title.zh, en: title.en, kinds: purposes.kinds(needing: purpose)))
        }
        return list
    }

    private static func title(of purpose: ConsentPurpose, purposes: ConsentPurposes) -> LocalizedText {
        if let declared = purposes.declarations.first(where: { $0.purpose == purpose }) { return declared.title }
        if purpose.id.hasPrefix("referral:") {
            let service = purpose.id.dropFirst("referral:".count)
            return LocalizedText(zh: "转介至 \(service)", en: "Referral to \(service)")
        }
        let partner = purpose.id.dropFirst("share-with-partner:".count)
        return LocalizedText(zh: "与 \(partner) 共享", en: "Sharing with \(partner)")
    }

    private static func info(_ purpose: String, zh: String, en: String, kinds: [String]) -> Kiosk_Core_V1_ConsentPurposeInfo {
        var info = Kiosk_Core_V1_ConsentPurposeInfo()
        info.purpose = purpose
        info.titleZh = zh
        info.titleEn = en
        info.applicationKinds = kinds
        return info
    }
}
