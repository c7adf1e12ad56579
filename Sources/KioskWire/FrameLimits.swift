/// Size limits of the kiosk wire.
public enum FrameLimits {
    /// The length prefix is a 4-byte big-endian unsigned integer.
    public static let lengthPrefixBytes = 4
    /// The default largest frame body a server accepts: 4 MiB.
    public static let defaultMaxFrameBytes = 4 * 1024 * 1024
    /// The largest limit a configuration may set: 64 MiB.
    public static let upperBoundMaxFrameBytes = 64 * 1024 * 1024
    /// The protocol versions this implementation speaks, highest last.
    public static let supportedProtocolVersions: [UInt32] = [1]
}
