/// A request head as the parser found it, with the facts about framing and persistence that the
/// connection needs before it reads the body.
public struct HTTPParsedHead: Sendable {
    public var head: HTTPRequestHead
    public var framing: HTTPBodyFraming
    /// Whether the connection stays open after the response (RFC 9112 §9.3).
    public var keepAlive: Bool
    /// `Expect: 100-continue` was sent (RFC 9110 §10.1.1).
    public var expectContinue: Bool
    /// Bytes of the input the head occupied, including its final empty line.
    public var length: Int
}
