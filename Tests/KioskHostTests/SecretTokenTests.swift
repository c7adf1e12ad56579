import KioskCore
import Testing

@Suite("Secrets handed to kiosks and workers")
struct SecretTokenTests {
    @Test("a token is 43 base64url characters and never starts like a command-line option")
    func tokenShape() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var seen = Set<String>()
        // 2 in 64 raw draws start with '-' or '_'; 5,000 draws would show one with certainty near 1 - 1e-70.
        for _ in 0..<5_000 {
            let token = SecretToken.generate()
            #expect(token.count == 43)
            #expect(token.allSatisfy { alphabet.contains($0) })
            #expect(token.first != "-" && token.first != "_", "\(token)")
            seen.insert(token)
        }
        #expect(seen.count == 5_000)
    }
}
