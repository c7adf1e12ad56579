import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskRecords
import KioskProtos

/// Translation between the registry's types and the `kiosk.core.v1` messages, with the field
/// names in every error message so that a kiosk can point at the wrong field.
enum ChildMessages {
    static func details(_ wire: Kiosk_Core_V1_ChildDetails, caregivers: [Kiosk_Core_V1_ChildCaregiver], today: CalendarDate) throws -> ChildDetails {
        let sex: Sex
        switch wire.sex {
        case .male: sex = .male
        case .female: sex = .female
        default: throw invalid("sex is required")
        }
        let birthDate = try date(wire.birthDate, field: "birth_date") ?? { throw invalid("birth_date is required") }()
        let village: DivisionCode
        do {
            village = try DivisionCode(wire.village)
        } catch {
            throw invalid("village: \(error.message)")
        }
        var identity: ResidentIdentityNumber?
        if !wire.identityNumber.isEmpty {
            do {
                identity = try ResidentIdentityNumber(wire.identityNumber, today: today)
            } catch {
                throw invalid("identity_number: \(error.message)")
            }
        }
        let hukou: HukouStatus
        switch wire.hukouStatus {
        case .registeredLocal: hukou = .registeredLocal
        case .registeredElsewhere: hukou = .registeredElsewhere
        case .unregistered: hukou = .unregistered
        default: throw invalid("hukou_status is required")
        }
        return ChildDetails(
            name: wire.name,
            sex: sex,
            birthDate: birthDate,
            village: village,
            identityNumber: identity,
            hukouStatus: hukou,
            householdID: wire.householdID.isEmpty ? nil : wire.householdID,
            categories: try wire.categories.map(self.category),
            caregivers: try caregivers.map(self.caregiverLink)
        )
    }

    static func category(_ wire: Kiosk_Core_V1_Category) throws -> ChildCategory {
        guard let kind = self.kinds.first(where: { $0.wire == wire.kind })?.kind else {
            throw invalid("category kind \(wire.kind.rawValue) is not one the registry knows")
        }
        let type: ChildCategory.DisabilityType? =
            switch wire.disabilityType {
            case .visual: .visual
            case .hearing: .hearing
            case .speech: .speech
            case .physical: .physical
            case .intellectual: .intellectual
            case .mental: .mental
            case .multiple: .multiple
            default: nil
            }
        return ChildCategory(
            kind,
            disabilityType: type,
            disabilityGrade: wire.disabilityGrade == 0 ? nil : Int(wire.disabilityGrade),
            since: try date(wire.since, field: "category since")
        )
    }

    static func caregiverLink(_ wire: Kiosk_Core_V1_ChildCaregiver) throws -> ChildCaregiver {
        guard !wire.caregiverID.isEmpty else { throw invalid("caregivers: caregiver_id is required") }
        guard let relationship = self.relationships.first(where: { $0.wire == wire.relationship })?.value else {
            throw invalid("caregivers: relationship is required")
        }
        return ChildCaregiver(caregiverID: wire.caregiverID, relationship: relationship, primary: wire.primary)
    }

    static func date(_ text: String, field: String) throws -> CalendarDate? {
        guard !text.isEmpty else { return nil }
        do {
            return try CalendarDate(iso: text)
        } catch {
            throw invalid("\(field): \(error.message)")
        }
    }

    static func wire(_ record: ChildRecord) -> Kiosk_Core_V1_Child {
        var child = Kiosk_Core_V1_Child()
        child.childID = record.childID
        child.namePinyin = record.namePinyin
        child.version = record.version
        child.createdAtUnix = Int64(record.createdAt.timeIntervalSince1970)
        child.updatedAtUnix = Int64(record.updatedAt.timeIntervalSince1970)
        let details = record.details
        child.details.name = details.name
        child.details.sex = self.wire(details.sex)
        child.details.birthDate = details.birthDate.isoString
        child.details.village = details.village.digits
        child.details.identityNumber = details.identityNumber?.normalized ?? ""
        child.details.hukouStatus =
            switch details.hukouStatus {
            case .registeredLocal: .registeredLocal
            case .registeredElsewhere: .registeredElsewhere
            case .unregistered: .unregistered
            }
        child.details.householdID = details.householdID ?? ""
        child.details.categories = details.categories.map { category in
            var wire = Kiosk_Core_V1_Category()
            wire.kind = self.wire(category.kind)
            wire.disabilityType = self.disabilityTypes.first { $0.value == category.disabilityType }?.wire ?? .unspecified
            wire.disabilityGrade = UInt32(category.disabilityGrade ?? 0)
            wire.since = category.since?.isoString ?? ""
            return wire
        }
        child.caregivers = details.caregivers.map { link in
            var wire = Kiosk_Core_V1_ChildCaregiver()
            wire.caregiverID = link.caregiverID
            wire.relationship = self.relationships.first { $0.value == link.relationship }?.wire ?? .other
            wire.primary = link.primary
            wire.name = link.name
            return wire
        }
        return child
    }

    static func summary(_ record: ChildRecord) -> Kiosk_Core_V1_ChildSummary {
        var summary = Kiosk_Core_V1_ChildSummary()
        summary.childID = record.childID
        summary.name = record.details.name
        summary.namePinyin = record.namePinyin
        summary.sex = self.wire(record.details.sex)
        summary.birthDate = record.details.birthDate.isoString
        summary.village = record.details.village.digits
        summary.categories = record.details.categories.map { self.wire($0.kind) }
        return summary
    }

    static func wire(_ sex: Sex) -> Kiosk_Core_V1_Sex {
        sex == .male ? .male : .female
    }

    static func wire(_ kind: ChildCategory.Kind) -> Kiosk_Core_V1_CategoryKind {
        self.kinds.first { $0.kind == kind }?.wire ?? .unspecified
    }

    static func kind(_ wire: Kiosk_Core_V1_CategoryKind) throws -> ChildCategory.Kind? {
        guard wire != .unspecified else { return nil }
        guard let kind = self.kinds.first(where: { $0.wire == wire })?.kind else {
            throw invalid("category \(wire.rawValue) is not one the registry knows")
        }
        return kind
    }

    static let kinds: [(kind: ChildCategory.Kind, wire: Kiosk_Core_V1_CategoryKind)] = [
        (.leftBehindOneParent, .leftBehindOneParent), (.leftBehindBothParents, .leftBehindBothParents),
        (.orphan, .orphan), (.deFactoUnattended, .deFactoUnattended), (.disability, .disability),
        (.unregistered, .unregistered), (.minimumLivingGuarantee, .minimumLivingGuarantee),
        (.outOfSchool, .outOfSchool),
    ]

    static let relationships: [(value: ChildCaregiver.Relationship, wire: Kiosk_Core_V1_Relationship)] = [
        (.mother, .mother), (.father, .father), (.grandparent, .grandparent), (.sibling, .sibling),
        (.auntOrUncle, .auntOrUncle), (.otherRelative, .otherRelative), (.fosterParent, .fosterParent), (.other, .other),
    ]

    static let disabilityTypes: [(value: ChildCategory.DisabilityType, wire: Kiosk_Core_V1_DisabilityType)] = [
        (.visual, .visual), (.hearing, .hearing), (.speech, .speech), (.physical, .physical),
        (.intellectual, .intellectual), (.mental, .mental), (.multiple, .multiple),
    ]

    static func jurisdiction(_ text: String, field: String = "division") throws -> Jurisdiction? {
        guard !text.isEmpty else { return nil }
        do {
            return try Jurisdiction(text)
        } catch {
            throw invalid("\(field): \(error.message)")
        }
    }

    static func pageSize(_ value: UInt32) throws -> Int {
        guard value <= 100 else { throw invalid("page_size must be at most 100") }
        return value == 0 ? 20 : Int(value)
    }
}

func invalid(_ message: String) -> RPCError {
    RPCError(code: .invalidArgument, message: message)
}
