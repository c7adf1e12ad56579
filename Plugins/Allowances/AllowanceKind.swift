import KioskPluginKit

/// The allowances a county can offer to children (see ../shared/DOMAIN.md and README.md).
enum AllowanceKind: String, Sendable, Hashable, CaseIterable {
    /// Basic living allowance for orphans (孤儿基本生活费).
    case orphanBasicLiving = "orphan-basic-living"
    /// Basic living allowance for children de facto without care, at the orphans' standard.
    case deFactoUnattendedBasicLiving = "de-facto-unattended-basic-living"
    /// Living subsidy for children with disabilities in hard-up households (困难残疾人生活补贴).
    case disabilityLivingSubsidy = "disability-living-subsidy"
    /// Nursing subsidy for children with severe disabilities, grades 1–2 (重度残疾人护理补贴).
    case severeDisabilityNursing = "severe-disability-nursing"
    /// Child supplement of the minimum living guarantee (低保).
    case minimumLivingChildSupplement = "minimum-living-child-supplement"

    /// The rules a child must meet to start receiving the allowance, in the order they are shown.
    var rules: [EligibilityRule] {
        switch self {
        case .orphanBasicLiving:
            [.ageUnder18, .category(.orphan), .notExcludedBy([.deFactoUnattendedBasicLiving]), .notAlreadyGranted]
        case .deFactoUnattendedBasicLiving:
            [.ageUnder18, .category(.deFactoUnattended), .notExcludedBy([.orphanBasicLiving]), .notAlreadyGranted]
        case .disabilityLivingSubsidy:
            [
                .ageUnder18, .disabilityGrade(1...4), .category(.minimumLivingGuarantee),
                .notExcludedBy([.orphanBasicLiving, .deFactoUnattendedBasicLiving]), .notAlreadyGranted,
            ]
        case .severeDisabilityNursing:
            [.ageUnder18, .disabilityGrade(1...2), .notAlreadyGranted]
        case .minimumLivingChildSupplement:
            [.ageUnder18, .category(.minimumLivingGuarantee), .notAlreadyGranted]
        }
    }

    /// The rules that must keep holding while the allowance is paid; failing one suspends it.
    var continuingRules: [EligibilityRule] {
        self.rules.filter(\.isContinuing)
    }

    /// What reviewers and reports call the kind, in both languages.
    var localizedTitle: LocalizedText {
        switch self {
        case .orphanBasicLiving: LocalizedText(zh: "孤儿基本生活费", en: "Basic living allowance for orphans")
        case .deFactoUnattendedBasicLiving:
            LocalizedText(zh: "事实无人抚养儿童基本生活补贴", en: "Basic living allowance for children de facto without care")
        case .disabilityLivingSubsidy:
            LocalizedText(zh: "困难残疾人生活补贴", en: "Living subsidy for children with disabilities in hard-up households")
        case .severeDisabilityNursing: LocalizedText(zh: "重度残疾人护理补贴", en: "Nursing subsidy for children with severe disabilities")
        case .minimumLivingChildSupplement: LocalizedText(zh: "低保儿童补助", en: "Child supplement of the minimum living guarantee")
        }
    }

    /// Words for people.
    var title: String {
        switch self {
        case .orphanBasicLiving: "basic living allowance for orphans"
        case .deFactoUnattendedBasicLiving: "basic living allowance for children de facto without care"
        case .disabilityLivingSubsidy: "living subsidy for children with disabilities in hard-up households"
        case .severeDisabilityNursing: "nursing subsidy for children with severe disabilities"
        case .minimumLivingChildSupplement: "child supplement of the minimum living guarantee"
        }
    }
}
