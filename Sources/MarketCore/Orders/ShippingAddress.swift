import Web

/// Where an order goes. Every field is a bounded string and unknown fields are refused, so an address
/// can never carry unbounded data into every order of a checkout. Never shown on the tracking page.
public struct ShippingAddress: Sendable, Hashable {
    public var recipient: String
    public var company: String?
    public var line1: String
    public var line2: String?
    public var city: String
    public var region: String?
    public var postalCode: String?
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var phone: String?

    public init(recipient: String, company: String? = nil, line1: String, line2: String? = nil, city: String,
                region: String? = nil, postalCode: String? = nil, country: String, phone: String? = nil) {
        self.recipient = recipient
        self.company = company
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.phone = phone
    }

    static let fields = ["recipient", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone"]

    /// Reads and validates `reader` (the `shipping_address` object); errors are recorded on its validation.
    public static func read(_ reader: FieldReader) -> ShippingAddress? {
        for key in reader.object.keys where !fields.contains(key) {
            reader.fail(key, "is not a shipping address field (allowed: \(fields.joined(separator: ", ")))",
                        ko: "배송지 필드가 아닙니다")
        }
        let recipient = reader.string("recipient", required: true, maxLength: 200)
        let company = reader.string("company", maxLength: 200)
        let line1 = reader.string("line1", required: true, maxLength: 200)
        let line2 = reader.string("line2", maxLength: 200)
        let city = reader.string("city", required: true, maxLength: 100)
        let region = reader.string("region", maxLength: 100)
        let postalCode = reader.string("postal_code", maxLength: 20)
        let phone = reader.string("phone", maxLength: 40)
        var country = reader.string("country", required: true, minLength: 2, maxLength: 2)
        if let code = country, !code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            reader.fail("country", "must be an ISO 3166-1 alpha-2 code in capitals, such as KR or US",
                        ko: "KR, US 같은 ISO 3166-1 국가 코드(대문자)여야 합니다")
            country = nil
        }
        guard let recipient, let line1, let city, let country else { return nil }
        return ShippingAddress(recipient: recipient, company: company, line1: line1, line2: line2, city: city,
                               region: region, postalCode: postalCode, country: country, phone: phone)
    }

    public var json: JSON {
        var object: JSONObject = ["recipient": .string(recipient)]
        if let company { object["company"] = .string(company) }
        object["line1"] = .string(line1)
        if let line2 { object["line2"] = .string(line2) }
        object["city"] = .string(city)
        if let region { object["region"] = .string(region) }
        if let postalCode { object["postal_code"] = .string(postalCode) }
        object["country"] = .string(country)
        if let phone { object["phone"] = .string(phone) }
        return .object(object)
    }
}
