/// The API's money shape, `{"amount":"1234.50","currency":"USD"}`: the amount is a string with the
/// currency's minor-unit digits; decoding applies `Money.parse`.
extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(String.self, forKey: .amount)
        let code = try container.decode(String.self, forKey: .currency)
        do {
            self = try Money.parse(amount: amount, currency: code)
        } catch .unknownCurrency(let code) {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: container,
                                                   debugDescription: MoneyError.unknownCurrency(code).description)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amountString, forKey: .amount)
        try container.encode(currency.code, forKey: .currency)
    }
}
