// libFuzzer entry for the request parser and the chunked decoder. Built by Scripts/fuzz-http together with
// Sources/HTTPServer/Parsing/*.swift and the public value types they use, nothing else (no sockets).
//
// Besides "never crash", it checks one property: offering the input in two pieces yields the same head as
// offering it whole (the parser resumes a scan; a resumption bug would show as a different outcome).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = UnsafeBufferPointer(start: data, count: size)
    // Small limits so the fuzzer reaches the 414/431 paths with short inputs.
    let limits = HTTPParserLimits(maxHeaderBytes: 512, maxRequestTargetBytes: 128, maxHeaderCount: 8)

    var whole = HTTPRequestParser(limits: limits)
    let wholeResult = whole.parseHead(input)

    let split = size == 0 ? 0 : Int(data[0]) % (size + 1)
    var pieces = HTTPRequestParser(limits: limits)
    var pieceResult = pieces.parseHead(UnsafeBufferPointer(rebasing: input[0..<split]))
    if case .needMore = pieceResult { pieceResult = pieces.parseHead(input) }

    switch (wholeResult, pieceResult) {
    case (.head(let a), .head(let b)):
        precondition(a.length == b.length && a.head.target == b.head.target && a.framing == b.framing, "split parse differs")
    case (.head, _), (_, .head):
        // The split run may legitimately fail earlier only if the whole run failed too.
        preconditionFailure("split parse disagrees on completeness")
    default:
        break
    }

    guard case .head(let parsed) = wholeResult else { return 0 }
    let rest = UnsafeBufferPointer(rebasing: input[parsed.length...])
    switch parsed.framing {
    case .chunked:
        var decoder = HTTPChunkedDecoder(maxBodyBytes: 4096, maxLineBytes: 64, maxTrailerBytes: 256)
        var body: [UInt8] = []
        // Feed byte-chunked in a pattern chosen by the input, to exercise every state boundary.
        var offset = 0
        let step = max(1, Int(data[0] & 7))
        do {
            while offset < rest.count && !decoder.isComplete {
                let end = min(rest.count, offset + step)
                let piece = end - offset
                let used = try decoder.decode(UnsafeBufferPointer(rebasing: rest[offset..<end]), into: &body)
                precondition(used <= piece)
                offset += used
                if used < piece {
                    precondition(decoder.isComplete, "decoder stopped early without finishing")
                    break
                }
            }
            precondition(body.count == decoder.bodyBytes || !decoder.isComplete)
        } catch {
            precondition(error.status.code >= 400)
        }
    case .contentLength(let n):
        precondition(n > 0)
    case .none:
        break
    }
    return 0
}
