/// base64url without padding (RFC 4648 §5, as JWS uses it in RFC 7515 §2): tokens and API keys that go in
/// URLs and headers unescaped.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64Codec.url.encode(bytes)
    }

    /// nil for padding, characters outside the URL alphabet, an impossible length, or non-zero unused bits
    /// (so every byte string has exactly one accepted encoding).
    public static func decode(_ s: String) -> [UInt8]? {
        Base64Codec.url.decode(s)
    }
}
