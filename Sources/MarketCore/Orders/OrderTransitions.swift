import Foundation
import Store
import Web

/// Carries out a state-machine action on one order: finds it in the caller's scope (404 otherwise), asks
/// `OrderStateMachine` (409 otherwise), updates the status and its timestamp, applies the action's side
/// effects, writes the history row and tells the observers — all in the caller's transaction.
///
/// Side effects: approve sets `placed_at` (the supplier sees the order from then on); reject and cancel give
/// the reserved stock back and release the credit hold; ship records the shipment; deliver closes it and
/// issues the net-terms invoice. Returns go through `OrderReturns`, which uses the same machine.
public struct OrderTransitions: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    /// Carrier and tracking number for `ship`.
    public struct ShipmentDetails: Sendable {
        public var carrier: String
        public var trackingNumber: String
        public init(carrier: String, trackingNumber: String) {
            self.carrier = carrier
            self.trackingNumber = trackingNumber
        }
    }

    /// What the action needs beyond the order: who acts with which roles, a note, shipment details.
    public struct Context: Sendable {
        public var actor: OrderActor
        /// The actor's roles (approve and reject check them against the order's approval role).
        public var roles: Set<Role>
        public var note: String?
        public var shipment: ShipmentDetails?

        public init(actor: OrderActor, roles: Set<Role> = [], note: String? = nil, shipment: ShipmentDetails? = nil) {
            self.actor = actor
            self.roles = roles
            self.note = note
            self.shipment = shipment
        }

        public init(_ principal: Principal, note: String? = nil, shipment: ShipmentDetails? = nil) {
            self.init(actor: OrderActor(principal), roles: principal.roles, note: note, shipment: shipment)
        }
    }

    /// Performs `action` in a write transaction of its own (or the caller's) and answers the order as
    /// `scope` sees it afterwards.
    public func perform(_ action: OrderAction, orderID: String, scope: OrderScope, context: Context) throws -> JSON {
        try services.database.write { db in
            try perform(action, orderID: orderID, scope: scope, context: context, in: db)
            guard let view = try OrderView.detail(db, orderID: orderID, scope: scope) else { throw APIError.notFound("order") }
            return view
        }
    }

    /// Performs `action` on `db` (inside `Database.write`); returns the new status.
    @discardableResult
    public func perform(_ action: OrderAction, orderID: String, scope: OrderScope, context: Context, in db: Connection) throws
        -> OrderStatus
    {
        let condition = scope.condition
        guard let order = try db.queryOne(
            "SELECT o.status, o.buyer_id, o.seller_id, o.placed_by, o.approval_role FROM orders o WHERE o.id = ? AND \(condition.sql)",
            [.text(orderID)] + condition.arguments),
            let status = order.string("status").flatMap(OrderStatus.init(rawValue:)),
            let buyerID = order.string("buyer_id"), let sellerID = order.string("seller_id")
        else { throw APIError.notFound("order") }

        let next = try OrderStateMachine.transition(from: status, action: action, by: context.actor.party)
        if action == .approve || action == .reject {
            try Self.checkApprover(context, placedBy: order.string("placed_by"), requiredRole: order.string("approval_role"),
                                   action: action)
        }
        if action == .ship, context.shipment == nil {
            throw APIError.validation(field: "carrier", "is required to ship", ko: "배송하려면 필요합니다")
        }
        // A prepaid order cannot `ship` before it is paid (409 `payment_required`); net terms ship unpaid.
        if action == .ship { try PaymentRequirement.checkShippable(db, orderID: orderID) }

        let now = services.now()
        let nowText = Timestamp.format(now)
        var assignments = ["status = ?", "updated_at = ?", "version = version + 1"]
        var arguments: [SQLValue] = [.text(next.rawValue), .text(nowText)]
        switch action {
        case .approve:
            assignments += ["placed_at = ?", "approved_by = ?"]
            arguments += [.text(nowText), OrderWriter.text(context.actor.userID)]
        case .confirm:
            assignments.append("confirmed_at = ?")
            arguments.append(.text(nowText))
        case .ship:
            assignments.append("shipped_at = ?")
            arguments.append(.text(nowText))
        case .deliver:
            assignments.append("delivered_at = ?")
            arguments.append(.text(nowText))
        case .receive:
            assignments.append("completed_at = ?")
            arguments.append(.text(nowText))
        case .cancel, .reject:
            assignments.append("cancelled_at = ?")
            arguments.append(.text(nowText))
        case .returnAll, .returnPart:
            break
        }
        try db.execute(
            "UPDATE orders SET \(assignments.joined(separator: ", ")) WHERE id = ? AND status = ?",
            arguments + [.text(orderID), .text(status.rawValue)])
        guard db.changes == 1 else { throw OrderStateMachine.illegal(from: status, action: action) }

        var invoiceID: String?
        switch action {
        case .reject, .cancel:
            try StockReservation.releaseOrder(db, orderID: orderID)
            try BuyerCredit.releaseAll(db, orderID: orderID)
        case .ship:
            guard let shipment = context.shipment else { throw APIError.internal() }
            try Shipments.open(db, orderID: orderID, details: shipment, at: nowText)
        case .deliver:
            try Shipments.close(db, orderID: orderID, at: nowText)
            invoiceID = try Invoices.issueOnDelivery(db, orderID: orderID, at: now)
        default:
            break
        }
        try OrderHistory.record(db, orderID: orderID, from: status, to: next, action: action.rawValue, actor: context.actor,
                                note: context.note, at: nowText)
        try OrderEvents.emit(
            OrderEvent(kind: .transitioned, orderID: orderID, buyerID: buyerID, sellerID: sellerID, action: action, from: status,
                       to: next, actor: context.actor, at: nowText, invoiceID: invoiceID), in: db)
        return next
    }

    /// Approvals: never by the user who placed the order (403 `self_approval`: who you are, not the
    /// order's state, is the problem); and by an admin or a holder of the role the matched rule names.
    static func checkApprover(_ context: Context, placedBy: String?, requiredRole: String?, action: OrderAction) throws {
        if action == .approve, let placedBy, context.actor.userID == placedBy {
            throw APIError(
                .forbidden, code: "self_approval",
                detail: LocalizedText(en: "The user who placed an order cannot approve it.",
                                      ko: "주문한 사용자는 그 주문을 승인할 수 없습니다."))
        }
        let role = requiredRole.flatMap(Role.init(rawValue:)) ?? .approver
        guard context.roles.contains(.admin) || context.roles.contains(role) else {
            throw APIError.forbidden(LocalizedText(en: "This order needs a user with the role \(role.rawValue) to \(action.rawValue) it.",
                                                   ko: "이 주문은 \(role.rawValue) 역할의 사용자가 처리해야 합니다."))
        }
    }
}

/// The shipment of an order: opened by `ship`, closed by `deliver`, with events in between.
public enum Shipments {
    static func open(_ db: Connection, orderID: String, details: OrderTransitions.ShipmentDetails, at now: String) throws {
        let id = ID.make("shp")
        try db.execute(
            "INSERT INTO shipments (id, order_id, carrier, tracking_number, shipped_at) VALUES (?, ?, ?, ?, ?)",
            [.text(id), .text(orderID), .text(details.carrier), .text(details.trackingNumber), .text(now)])
        try addEvent(db, shipmentID: id, orderID: orderID, status: "shipped", location: nil, description: nil, at: now)
    }

    static func close(_ db: Connection, orderID: String, at now: String) throws {
        guard let id = try db.scalar("SELECT id FROM shipments WHERE order_id = ?", [.text(orderID)]).stringValue else { return }
        try db.execute("UPDATE shipments SET delivered_at = ? WHERE id = ?", [.text(now), .text(id)])
        try addEvent(db, shipmentID: id, orderID: orderID, status: "delivered", location: nil, description: nil, at: now)
    }

    /// A tracking update from the supplier (`in_transit`, `out_for_delivery`, `exception`…) between ship and
    /// deliver. 404 outside the supplier's orders; 409 unless the order is shipped.
    public static func record(_ db: Connection, orderID: String, sellerID: String, status: String, location: String?,
                              description: String?, at now: String) throws {
        guard let row = try db.queryOne(
            "SELECT o.status, s.id AS shipment_id FROM orders o LEFT JOIN shipments s ON s.order_id = o.id WHERE o.id = ? AND o.seller_id = ? AND o.placed_at IS NOT NULL",
            [.text(orderID), .text(sellerID)])
        else { throw APIError.notFound("order") }
        guard row.string("status") == OrderStatus.shipped.rawValue, let shipmentID = row.string("shipment_id") else {
            throw APIError(
                .conflict, code: "not_in_transit",
                detail: LocalizedText(en: "Shipment events can be added only while the order is shipped.",
                                      ko: "배송 중인 주문에만 배송 이벤트를 추가할 수 있습니다."),
                extensions: ["current_status": .optional(row.string("status"))])
        }
        try addEvent(db, shipmentID: shipmentID, orderID: orderID, status: status, location: location, description: description, at: now)
        try db.execute("UPDATE orders SET updated_at = ? WHERE id = ?", [.text(now), .text(orderID)])
    }

    static func addEvent(_ db: Connection, shipmentID: String, orderID: String, status: String, location: String?,
                         description: String?, at now: String) throws {
        try db.execute(
            "INSERT INTO shipment_events (id, shipment_id, order_id, status, location, description, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(ID.make("sev")), .text(shipmentID), .text(orderID), .text(status), OrderWriter.text(location),
             OrderWriter.text(description), .text(now)])
    }
}
