import GRPCCore
import KioskProtos
import KioskTesting
import KioskTransport
import GuardianshipPlugin

typealias GuardianshipClient = Kiosk_Plugins_Guardianship_V1_Guardianship.Client<KioskClientTransport>

/// Registers a child in the default village through the core Children service; returns its id.
func registerChild(_ client: GRPCClient<KioskClientTransport>, name: String = "王小莲", born: String) async throws -> String {
    var request = Kiosk_Core_V1_RegisterChildRequest()
    request.details.name = name
    request.details.sex = .female
    request.details.birthDate = born
    request.details.village = "530102001001"
    request.details.hukouStatus = .registeredLocal
    request.confirmedNotDuplicate = true
    return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child.childID
}

/// Takes `action` on an application through the core Applications service.
func transition(
    _ client: GRPCClient<KioskClientTransport>, _ applicationID: String, _ action: Kiosk_Core_V1_ApplicationAction, reason: String = ""
) async throws -> Kiosk_Core_V1_Application {
    var request = Kiosk_Core_V1_TransitionApplicationRequest()
    request.applicationID = applicationID
    request.action = action
    request.reason = reason
    return try await Kiosk_Core_V1_Applications.Client(wrapping: client).transitionApplication(request).application
}


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
