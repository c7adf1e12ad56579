/// Rules for signing in. Every field has a safe default.
public struct AccessConfiguration: Sendable, Hashable {
    /// How long a session lasts after sign-in.
    public var sessionLifetime: Duration
    /// Wrong PINs in a row that lock a worker.
    public var maximumFailedAttempts: Int
    /// How long a locked worker waits before trying again.
    public var lockoutDuration: Duration
    /// PBKDF2 rounds for new PIN hashes.
    public var pinHashRounds: Int
    /// The shortest PIN accepted when a worker is added.
    public var minimumPINLength: Int

    /// Creates the rules.
    public init(
        sessionLifetime: Duration = .seconds(12 * 3600),
        maximumFailedAttempts: Int = 5,
        lockoutDuration: Duration = .seconds(15 * 60),
        pinHashRounds: Int = 210_000,
        minimumPINLength: Int = 6
    ) {
        self.sessionLifetime = sessionLifetime
        self.maximumFailedAttempts = maximumFailedAttempts
        self.lockoutDuration = lockoutDuration
        self.pinHashRounds = pinHashRounds
        self.minimumPINLength = minimumPINLength
    }
}
