import KioskDomain
import KioskPluginKit

/// What reports call the core's categories and application states, in both languages.
enum CoreIndicatorTitles {
    static func category(_ kind: ChildCategory.Kind) -> LocalizedText {
        switch kind {
        case .leftBehindOneParent: LocalizedText(zh: "留守儿童（单亲外出）", en: "Left behind (one parent away)")
        case .leftBehindBothParents: LocalizedText(zh: "留守儿童（父母均外出）", en: "Left behind (both parents away)")
        case .orphan: LocalizedText(zh: "孤儿", en: "Orphan")
        case .deFactoUnattended: LocalizedText(zh: "事实无人抚养儿童", en: "De facto without care")
        case .disability: LocalizedText(zh: "残疾儿童", en: "Disability")
        case .unregistered: LocalizedText(zh: "无户口儿童", en: "Unregistered")
        case .minimumLivingGuarantee: LocalizedText(zh: "低保家庭儿童", en: "Minimum living guarantee household")
        case .outOfSchool: LocalizedText(zh: "失学辍学儿童", en: "Out of school")
        }
    }

    static func state(_ state: ApplicationState) -> LocalizedText {
        switch state {
        case .submitted: LocalizedText(zh: "已提交", en: "Submitted")
        case .townshipReview: LocalizedText(zh: "乡镇审核中", en: "Township review")
        case .countyReview: LocalizedText(zh: "县级审核中", en: "County review")
        case .approved: LocalizedText(zh: "已批准", en: "Approved")
        case .rejected: LocalizedText(zh: "未批准", en: "Rejected")
        case .active: LocalizedText(zh: "实施中", en: "Active")
        case .closed: LocalizedText(zh: "已结束", en: "Closed")
        case .withdrawn: LocalizedText(zh: "已撤回", en: "Withdrawn")
        case .returned: LocalizedText(zh: "退回补充", en: "Returned")
        case .suspended: LocalizedText(zh: "已暂停", en: "Suspended")
        }
    }
}
