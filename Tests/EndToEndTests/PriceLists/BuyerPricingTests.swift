import Foundation
import MarketCore
import XCTest

/// `BuyerPricing.unitPrice(product:quantity:contracts:)` on values: the decision every price in the
/// marketplace goes through.
final class BuyerPricingTests: XCTestCase {
    let product = PricedProduct(
        id: "prd_1", currency: .usd, unitPrice: ExactDecimal("10.00")!,
        priceTiers: [PriceTier(minQuantity: 100, unitPrice: ExactDecimal("8.00")!)])

    func entry(_ list: String, _ terms: ContractEntry.Terms, tiers: [(Int64, String)] = [], currency: Currency = .usd) -> ContractEntry {
        ContractEntry(priceListID: list, productID: "prd_1", currency: currency, terms: terms,
                      tiers: tiers.map { PriceTier(minQuantity: $0.0, unitPrice: ExactDecimal($0.1)!) })
    }

    func price(_ quantity: Int64, _ contracts: [ContractEntry]) -> BuyerPrice {
        BuyerPricing.unitPrice(product: product, quantity: quantity, contracts: contracts)
    }

    func testListPriceWithoutContracts() {
        XCTAssertEqual(price(1, []), BuyerPrice(amount: ExactDecimal("10.00")!, currency: .usd, source: .list))
        XCTAssertEqual(price(100, []).amount, ExactDecimal("8.00")!)
    }

    func testContractWinsOverListEvenAboveATier() {
        let fixed = entry("prl_a", .unitPrice(ExactDecimal("9.00")!))
        XCTAssertEqual(price(1, [fixed]).amount, ExactDecimal("9.00")!)
        XCTAssertEqual(price(100, [fixed]), BuyerPrice(amount: ExactDecimal("9.00")!, currency: .usd, source: .contract(priceListID: "prl_a")))
    }

    func testLowestContractPerQuantityAndStableTies() {
        let a = entry("prl_b", .unitPrice(ExactDecimal("9.50")!), tiers: [(50, "7.00")])
        let b = entry("prl_a", .discountPercent(ExactDecimal("5")!))
        XCTAssertEqual(price(10, [a, b]).source, .contract(priceListID: "prl_a"))  // 9.50 vs 9.50: smaller id
        XCTAssertEqual(price(10, [a, b]).amount, ExactDecimal("9.5")!)
        XCTAssertEqual(price(60, [a, b]), BuyerPrice(amount: ExactDecimal("7.00")!, currency: .usd, source: .contract(priceListID: "prl_b")))
        XCTAssertEqual(price(100, [a, b]).amount, ExactDecimal("7.00")!)  // 7.00 vs 8.00 × 0.95 = 7.60
    }

    func testDiscountRoundsToSixDecimalsHalfEven() {
        let odd = PricedProduct(id: "prd_1", currency: .usd, unitPrice: ExactDecimal("0.0000125")!, priceTiers: [])
        let d = entry("prl_a", .discountPercent(ExactDecimal("50")!))
        // 0.0000125 × 0.5 = 0.00000625 → 0.000006 (half-to-even)
        XCTAssertEqual(BuyerPricing.unitPrice(product: odd, quantity: 1, contracts: [d]).amount, ExactDecimal("0.000006")!)
    }

    func testEntriesForAnotherCurrencyOrListingAreIgnored() {
        let stale = entry("prl_a", .unitPrice(ExactDecimal("1.00")!), currency: .eur)
        var other = entry("prl_b", .unitPrice(ExactDecimal("1.00")!))
        other.productID = "prd_2"
        XCTAssertEqual(price(1, [stale, other]).source, .list)
        XCTAssertFalse(BuyerOffer(product: product, contracts: [stale, other]).isContract)
    }

    func testOfferScheduleIsThePriceAtEveryBreakpoint() {
        let offer = BuyerOffer(product: product, contracts: [entry("prl_a", .discountPercent(ExactDecimal("10")!), tiers: [(500, "6.50")])])
        XCTAssertTrue(offer.isContract)
        XCTAssertEqual(offer.basePrice.amount, ExactDecimal("9")!)
        // Own tiers given: the listing's 100+ tier no longer applies; 500+ is the entry's tier.
        XCTAssertEqual(offer.tiers, [PriceTier(minQuantity: 500, unitPrice: ExactDecimal("6.50")!)])
        for quantity: Int64 in [1, 99, 100, 499, 500, 10_000] {
            XCTAssertEqual(TierPricing.unitPrice(base: offer.basePrice.amount, tiers: offer.tiers, quantity: quantity),
                           offer.price(quantity: quantity).amount, "schedule and decision agree at \(quantity)")
        }
    }
}
