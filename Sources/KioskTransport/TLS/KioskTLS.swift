/// What the kiosk wire fixes about TLS (docs/PROTOCOL.md, "TLS").
public enum KioskTLS {
    /// The ALPN protocol name of the kiosk wire, version 1. Servers select it; clients insist on it,
    /// so that a kiosk never sends its hello to a TLS service of another kind.
    public static let alpn = "kiosk/1"
}
