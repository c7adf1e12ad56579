import GRPCCore
import KioskPluginKit
import KioskDomain

/// Checks an issued resident identity number against the child (GB 11643: check character, birth date, sex).
enum IdentityCheck {
    /// The validated number; INVALID_ARGUMENT naming the field and the mismatch otherwise.
    static func validate(_ text: String, birthDate: CalendarDate, sex: Sex, today: CalendarDate) throws -> ResidentIdentityNumber {
        do {
            let number = try ResidentIdentityNumber(text, today: today)
            try number.checkConsistency(birthDate: birthDate, sex: sex)
            return number
        } catch {
            throw RPCError.invalidArgument("identity_number: \(error.message)")
        }
    }
}
