import Foundation
import HTTPServer
import Synchronization

/// Serves files below one folder (the portal in `Public/`). Paths are resolved segment by segment,
/// refusing `..`, hidden files, NUL and backslashes before touching the file system, and the resolved
/// real path must stay below the root (so a symlink cannot lead out). Files are cached in memory with
/// a strong ETag from size and modification time; `If-None-Match` gets 304.
public final class StaticFiles: Sendable {
    public let root: String
    private let cache = Mutex<[String: CachedFile]>([:])

    struct CachedFile {
        let modified: Date
        let size: Int
        let etag: String
        let bytes: [UInt8]
        let contentType: String
    }

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func serve(_ request: Request) throws -> HTTPResponse {
        guard let relative = safeRelativePath(request.path) else { throw APIError.notFound("file") }
        var candidate = root + "/" + relative
        var isDirectory: ObjCBool = false
        if relative.isEmpty || (FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && isDirectory.boolValue) {
            candidate += (candidate.hasSuffix("/") ? "" : "/") + "index.html"
        }
        let resolved = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/"), let file = load(resolved) else { throw APIError.notFound("file") }

        var headers: HTTPHeaders = ["ETag": file.etag, "Cache-Control": "no-cache"]
        if let match = request.header("If-None-Match"),
            match.split(separator: ",").contains(where: { $0.trimmingSpaces == file.etag || $0.trimmingSpaces == "*" })
        {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", file.contentType)
        headers.set("X-Content-Type-Options", "nosniff")
        return HTTPResponse(status: .ok, headers: headers, body: file.bytes)
    }

    /// nil for anything that could escape the root or reach a hidden file.
    func safeRelativePath(_ path: String) -> String? {
        guard let decoded = PercentDecoding.decode(path) else { return nil }
        guard !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var parts: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." || segment.hasPrefix(".") { return nil }
            parts.append(segment)
        }
        return parts.joined(separator: "/")
    }

    private func load(_ path: String) -> CachedFile? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            (attributes[.type] as? FileAttributeType) == .typeRegular,
            let size = (attributes[.size] as? NSNumber)?.intValue,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        if let cached = cache.withLock({ $0[path] }), cached.modified == modified, cached.size == size {
            return cached
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let ext = (path as NSString).pathExtension
        let stamp = Int64(modified.timeIntervalSince1970 * 1000)
        let file = CachedFile(
            modified: modified, size: size, etag: "\"\(String(size, radix: 16))-\(String(stamp, radix: 16))\"",
            bytes: [UInt8](data), contentType: ContentType.forExtension(ext))
        cache.withLock { $0[path] = file }
        return file
    }
}
