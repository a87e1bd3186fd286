/// The chart of accounts of the marketplace. Every account holds ONE currency; an organization has one
/// account of a kind per currency it deals in.
///
/// The marketplace is an agent: it never books the goods as its own sales. A delivery makes the buyer owe
/// the gross (`buyer_receivable`), the marketplace owe the supplier the net (`supplier_payable`) and earn
/// its commission (`commission_revenue`). Settlement moves the supplier's earnings into its payout
/// currency (`supplier_payout_due`, through `fx_clearing`), and the payout pays them out of `cash`.
public enum LedgerAccountKind: String, Sendable, Hashable, CaseIterable {
    /// Asset, per buyer: what the buyer owes for delivered goods (payments, issue 14, credit it).
    case buyerReceivable = "buyer_receivable"
    /// Liability, per supplier: earned on delivered orders and not yet settled, in the ORDER currency.
    case supplierPayable = "supplier_payable"
    /// Asset, per supplier: refunds of returns that came after the order was settled — what the supplier
    /// owes back until the next settlement nets it off. Keeps `supplier_payable` from going negative.
    case supplierReceivable = "supplier_receivable"
    /// Liability, per supplier: settled (on a statement, in the payout currency) and not yet paid.
    case supplierPayoutDue = "supplier_payout_due"
    /// Revenue: commission earned on delivery.
    case commissionRevenue = "commission_revenue"
    /// Contra-revenue: commission given back when goods are returned (never a debit to revenue itself,
    /// so gross commission and its reversals stay visible).
    case commissionReversals = "commission_reversals"
    /// The marketplace's currency position: every conversion credits the source currency's clearing
    /// account and debits the target's, with the rate recorded beside the entry.
    case fxClearing = "fx_clearing"
    /// Asset: the marketplace's bank. Payouts credit it; buyer payments (issue 14) debit it.
    case cash

    /// The side on which the account normally carries its balance.
    public var normalSide: LedgerSide {
        switch self {
        case .buyerReceivable, .supplierReceivable, .commissionReversals, .fxClearing, .cash: .debit
        case .supplierPayable, .supplierPayoutDue, .commissionRevenue: .credit
        }
    }

    /// Whether accounts of this kind belong to one organization (buyer or supplier).
    public var isPerOrganization: Bool {
        switch self {
        case .buyerReceivable, .supplierPayable, .supplierReceivable, .supplierPayoutDue: true
        case .commissionRevenue, .commissionReversals, .fxClearing, .cash: false
        }
    }
}
