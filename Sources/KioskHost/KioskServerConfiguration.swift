import KioskCertificates
public import KioskCore
public import KioskTransport
import KioskWire

/// Everything `kioskd` can be told. Every field has a safe default.
public struct KioskServerConfiguration: Sendable {
    /// Host to listen on; loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// Port to listen on; 0 picks a free port.
    public var port: Int = 7443
    /// Path of the SQLite database file.
    public var databasePath: String = "kiosk.sqlite"
    /// Largest frame accepted (the wire's limit on one message).
    public var maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes
    /// Calls one connection may have open at once.
    public var maxConcurrentCallsPerConnection: Int = 64
    /// Metadata entries one call's headers may carry.
    public var maxMetadataEntries: Int = CallMetadataRules.defaultMaxEntries
    /// Bytes of metadata keys and values one call's headers may carry.
    public var maxMetadataBytes: Int = CallMetadataRules.defaultMaxBytes
    /// Time a call stopped by its deadline or by the kiosk has to finish before its status is sent anyway.
    public var stopGrace: Duration = .seconds(1)
    /// Connections open at once.
    public var maxConnections: Int = 1024
    /// Time a new connection has to complete its hello.
    public var handshakeTimeout: Duration = .seconds(10)
    /// The server's certificate chain (PEM, server first); with ``tlsKeyPath``, turns TLS on.
    public var tlsCertificatePath: String?
    /// The server's private key (PEM).
    public var tlsKeyPath: String?
    /// Time a new connection has to complete its TLS handshake.
    public var tlsHandshakeTimeout: Duration = .seconds(5)
    /// Allows plaintext on an address that is not loopback (`--insecure-plaintext`): for closed test networks.
    public var insecurePlaintext = false
    /// Silence after which a connection with no open call is closed (zero: never).
    public var idleTimeout: Duration = .seconds(300)
    /// How long idempotency records are kept; a resend older than this runs again.
    public var idempotencyRetention: Duration = .seconds(30 * 24 * 3600)
    /// Most writes that share one commit.
    public var maxWriteBatch: Int = 256
    /// Sign-in rules: session lifetime, lockout after wrong PINs, PIN hashing.
    public var access = AccessConfiguration()
    /// The settings file of the core and the plugins (`--settings`), if one is given.
    public var settingsPath: String?
    /// The environment the plugins' settings may be overridden from (`KIOSKD_<SECTION>_<KEY>`).
    public var environment: [String: String] = [:]

    /// The defaults.
    public init() {}

    /// Why this configuration cannot run, or nil when it can.
    public func validate() -> String? {
        if !(0...65535).contains(self.port) { return "port \(self.port) is not in 0...65535" }
        if self.maxFrameBytes < 1024 || self.maxFrameBytes > FrameLimits.upperBoundMaxFrameBytes {
            return "max frame size \(self.maxFrameBytes) must be between 1024 and \(FrameLimits.upperBoundMaxFrameBytes) bytes"
        }
        if self.maxConcurrentCallsPerConnection < 1 { return "max concurrent calls per connection must be at least 1" }
        if self.maxConnections < 1 { return "max connections must be at least 1" }
        if self.maxMetadataEntries < 8 { return "max metadata entries must be at least 8" }
        if self.maxMetadataBytes < 1024 { return "max metadata bytes must be at least 1024" }
        if self.stopGrace < .zero { return "stop grace must not be negative" }
        if self.handshakeTimeout <= .zero { return "handshake timeout must be positive" }
        if self.tlsHandshakeTimeout <= .zero { return "TLS handshake timeout must be positive" }
        if let problem = self.tlsProblem { return problem }
        if self.idleTimeout < .zero { return "idle timeout must not be negative" }
        if self.maxWriteBatch < 1 { return "max write batch must be at least 1" }
        if self.databasePath.isEmpty { return "database path is empty" }
        if self.access.sessionLifetime <= .zero { return "session lifetime must be positive" }
        if self.access.maximumFailedAttempts < 1 { return "maximum failed sign-ins must be at least 1" }
        if self.access.lockoutDuration < .zero { return "lockout duration must not be negative" }
        return nil
    }

    /// How kiosks' connections are protected with this configuration.
    public var security: TransportSecurity {
        if self.tlsCertificatePath != nil { return .tls }
        return Self.isLoopback(self.host) ? .plaintextLoopback : .insecurePlaintext
    }

    private var tlsProblem: String? {
        switch (self.tlsCertificatePath, self.tlsKeyPath) {
        case (nil, nil):
            guard !Self.isLoopback(self.host), !self.insecurePlaintext else { return nil }
            return "kioskd would listen on \(self.host) without TLS, so kiosks' credentials, workers' PINs and children's records "
                + "would cross the network readable: give --tls-certificate and --tls-key (kioskctl tls init makes them), "
                + "listen on 127.0.0.1, or, on a closed test network only, --insecure-plaintext"
        case (.some, nil): return "--tls-certificate needs --tls-key"
        case (nil, .some): return "--tls-key needs --tls-certificate"
        case (.some, .some): return nil
        }
    }

    /// Whether `host` is a loopback address (or `localhost`): connections to it never leave the machine.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        guard let bytes = ServerNames.addressBytes(host) else { return false }
        return bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// The transport's part of the configuration.
    public var transport: KioskServerTransport.Configuration {
        KioskServerTransport.Configuration(
            host: self.host,
            port: self.port,
            limits: .init(
                maxFrameBytes: self.maxFrameBytes,
                maxConcurrentCalls: self.maxConcurrentCallsPerConnection,
                idleTimeout: self.idleTimeout,
                metadata: CallMetadataRules(maxEntries: self.maxMetadataEntries, maxBytes: self.maxMetadataBytes)
            ),
            maxConnections: self.maxConnections,
            handshakeTimeout: self.handshakeTimeout,
            tlsHandshakeTimeout: self.tlsHandshakeTimeout,
            serverAgent: "kioskd/\(KioskHost.version)",
            stopGrace: self.stopGrace
        )
    }
}

/// How the kiosk listener protects connections (reported by `GetServerInfo`).
public enum TransportSecurity: Sendable, Hashable {
    /// TLS with the server's certificate.
    case tls
    /// Plaintext on a loopback address.
    case plaintextLoopback
    /// Plaintext on a network address, allowed by `--insecure-plaintext`.
    case insecurePlaintext
}
