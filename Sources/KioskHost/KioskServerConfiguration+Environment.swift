import KioskCore

extension KioskServerConfiguration {
    /// The environment variables read, with what each sets.
    public static let environmentVariables: [(name: String, meaning: String)] = [
        ("KIOSKD_HOST", "address to listen on (default 127.0.0.1)"),
        ("KIOSKD_PORT", "port to listen on (default 7443; 0 picks a free port)"),
        ("KIOSKD_DATABASE", "SQLite database file (default kiosk.sqlite)"),
        ("KIOSKD_MAX_FRAME_BYTES", "largest frame accepted (default 4194304)"),
        ("KIOSKD_MAX_CONNECTIONS", "most open connections (default 1024)"),
        ("KIOSKD_MAX_CALLS_PER_CONNECTION", "most concurrent calls per connection (default 64)"),
        ("KIOSKD_MAX_METADATA_ENTRIES", "most metadata entries in one call's headers (default 64)"),
        ("KIOSKD_MAX_METADATA_BYTES", "most bytes of metadata keys and values in one call's headers (default 8192)"),
        ("KIOSKD_TLS_CERTIFICATE", "the server's certificate chain, PEM, server first (with KIOSKD_TLS_KEY: TLS on; see kioskctl tls)"),
        ("KIOSKD_TLS_KEY", "the server's private key, PEM; both files are read again on SIGHUP"),
        ("KIOSKD_TLS_HANDSHAKE_TIMEOUT_SECONDS", "seconds a new connection has to finish its TLS handshake (default 5)"),
        ("KIOSKD_INSECURE_PLAINTEXT", "1 allows plaintext on a non-loopback address (closed test networks only; default 0)"),
        ("KIOSKD_HANDSHAKE_TIMEOUT_SECONDS", "seconds a new connection has to say hello, TLS included (default 10)"),
        ("KIOSKD_IDLE_TIMEOUT_SECONDS", "seconds of silence before an idle connection is closed; 0 never (default 300)"),
        ("KIOSKD_SESSION_HOURS", "hours a worker's session lasts after sign-in (default 12)"),
        ("KIOSKD_MAX_FAILED_SIGNINS", "wrong PINs in a row that lock a worker (default 5)"),
        ("KIOSKD_LOCKOUT_MINUTES", "minutes a locked worker waits (default 15)"),
        ("KIOSKD_IDEMPOTENCY_RETENTION_DAYS", "days idempotency records are kept (default 30)"),
        ("KIOSKD_SETTINGS", "settings file of the core and the plugins (sections of key = value; see kioskctl settings)"),
    ]

    /// Applies the `KIOSKD_*` variables present in `environment` on top of the defaults.
    public init(environment: [String: String]) throws {
        self.init()
        self.environment = environment
        func integer(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text) else { throw HostError("\(name)='\(text)' is not a whole number") }
            return value
        }
        if let host = environment["KIOSKD_HOST"] { self.host = host }
        if let port = try integer("KIOSKD_PORT") { self.port = port }
        if let path = environment["KIOSKD_DATABASE"] { self.databasePath = path }
        if let path = environment["KIOSKD_SETTINGS"] { self.settingsPath = path }
        if let path = environment["KIOSKD_TLS_CERTIFICATE"], !path.isEmpty { self.tlsCertificatePath = path }
        if let path = environment["KIOSKD_TLS_KEY"], !path.isEmpty { self.tlsKeyPath = path }
        if let value = try integer("KIOSKD_TLS_HANDSHAKE_TIMEOUT_SECONDS") { self.tlsHandshakeTimeout = .seconds(value) }
        if let text = environment["KIOSKD_INSECURE_PLAINTEXT"] {
            guard ["0", "1"].contains(text) else { throw HostError("KIOSKD_INSECURE_PLAINTEXT='\(text)' is not 0 or 1") }
            self.insecurePlaintext = text == "1"
        }
        if let value = try integer("KIOSKD_MAX_FRAME_BYTES") { self.maxFrameBytes = value }
        if let value = try integer("KIOSKD_MAX_CONNECTIONS") { self.maxConnections = value }
        if let value = try integer("KIOSKD_MAX_CALLS_PER_CONNECTION") { self.maxConcurrentCallsPerConnection = value }
        if let value = try integer("KIOSKD_MAX_METADATA_ENTRIES") { self.maxMetadataEntries = value }
        if let value = try integer("KIOSKD_MAX_METADATA_BYTES") { self.maxMetadataBytes = value }
        if let value = try integer("KIOSKD_HANDSHAKE_TIMEOUT_SECONDS") { self.handshakeTimeout = .seconds(value) }
        if let value = try integer("KIOSKD_IDLE_TIMEOUT_SECONDS") { self.idleTimeout = .seconds(value) }
        if let value = try integer("KIOSKD_SESSION_HOURS") { self.access.sessionLifetime = .seconds(value * 3600) }
        if let value = try integer("KIOSKD_MAX_FAILED_SIGNINS") { self.access.maximumFailedAttempts = value }
        if let value = try integer("KIOSKD_LOCKOUT_MINUTES") { self.access.lockoutDuration = .seconds(value * 60) }
        if let value = try integer("KIOSKD_IDEMPOTENCY_RETENTION_DAYS") { self.idempotencyRetention = .seconds(value * 86_400) }
    }
}
