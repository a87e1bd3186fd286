import Web

/// Validation rules for people and organizations, shared by sign-up, user creation and the
/// command line that creates the first operator.
public enum AccountRules {
    public static let minPasswordLength = 10
    public static let maxPasswordLength = 256

    public static func email(_ reader: FieldReader, _ key: String = "email") -> String? {
        guard let email = reader.string(key, required: true, maxLength: 254) else { return nil }
        guard isPlausibleEmail(email) else {
            reader.fail(key, "must be an email address", ko: "이메일 주소여야 합니다")
            return nil
        }
        return email.lowercased()
    }

    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !email.contains(" ")
        else { return false }
        return true
    }

    public static func password(_ reader: FieldReader, _ key: String = "password") -> String? {
        reader.string(key, required: true, minLength: minPasswordLength, maxLength: maxPasswordLength)
    }

    /// ISO 3166-1 alpha-2 shape (two capital letters).
    public static func country(_ reader: FieldReader, _ key: String = "country", required: Bool = true) -> String? {
        guard let country = reader.string(key, required: required, maxLength: 2) else { return nil }
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            reader.fail(key, "must be an ISO 3166-1 alpha-2 country code such as KR or US", ko: "KR, US 같은 ISO 3166-1 국가 코드여야 합니다")
            return nil
        }
        return country
    }

    /// Roles valid for the organization kind, never above what the granting principal holds
    /// (an admin may grant any role of its kind).
    public static func roles(_ reader: FieldReader, _ key: String = "roles", kind: OrganizationKind, grantor: Principal) -> Set<Role>? {
        guard let names = reader.strings(key, required: true, maxCount: 6, maxLength: 20) else { return nil }
        guard let roles = Role.parseList(names), !roles.isEmpty else {
            reader.fail(key, "must list roles among: \(kind.roles.map(\.rawValue).joined(separator: ", "))", ko: "올바른 역할을 지정하세요")
            return nil
        }
        let foreign = roles.subtracting(kind.roles)
        guard foreign.isEmpty else {
            reader.fail(key, "\(foreign.sorted().map(\.rawValue).joined(separator: ", ")) is not a role of a \(kind.rawValue) organization", ko: "이 조직 유형에 없는 역할입니다")
            return nil
        }
        guard grantor.roles.contains(.admin) || roles.isSubset(of: grantor.roles) else {
            reader.fail(key, "cannot grant roles you do not hold", ko: "보유하지 않은 역할은 부여할 수 없습니다")
            return nil
        }
        return roles
    }
}
