import Crypto
public import Foundation

/// High-entropy secrets handed out once (kiosk credentials, session tokens) and stored only as SHA-256.
public enum SecretToken {
    /// 32 random bytes as unpadded base64url: 43 characters, safe in metadata and on a command line.
    ///
    /// A token never starts with `-` or `_`: a credential such as `-Qx...` would be read as an
    /// option by `kioskctl call --credential` and by shell tools. Redrawing the few that would
    /// (2 in 64) costs under one bit of the 256.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let token = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            if let first = token.first, first.isLetter || first.isNumber { return token }
        }
    }

    /// The digest under which a secret is stored. A slow hash is not needed at this entropy.
    public static func digest(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Compares two digests without an early exit.
    public static func equal(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
