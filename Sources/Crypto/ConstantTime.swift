import COpenSSL

/// Compares two byte strings in time that depends only on their length (`CRYPTO_memcmp`), so a caller
/// checking a MAC or a token hash leaks nothing about where the first difference is.
/// Different lengths compare unequal at once: lengths of MACs and hashes are public.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { left in
        b.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
        }
    }
}
