/// The outcome of offering bytes to `HTTPRequestParser.parseHead`.
public enum HTTPHeadParseResult: Sendable {
    /// The head is not complete yet; offer the same bytes again, with more appended, later.
    case needMore
    case head(HTTPParsedHead)
    case failure(HTTPParseError)
}
