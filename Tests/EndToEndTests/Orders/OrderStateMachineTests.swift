import MarketCore
import Web
import XCTest

/// The transition table itself, without a database.
final class OrderStateMachineTests: XCTestCase {
    func testEveryLegalEdge() {
        let legal: [(OrderStatus, OrderAction, OrderParty, OrderStatus)] = [
            (.pendingApproval, .approve, .buyer, .placed), (.pendingApproval, .reject, .buyer, .rejected),
            (.pendingApproval, .cancel, .buyer, .cancelled),
            (.placed, .confirm, .seller, .confirmed), (.placed, .cancel, .buyer, .cancelled), (.placed, .cancel, .seller, .cancelled),
            (.confirmed, .ship, .seller, .shipped), (.confirmed, .cancel, .buyer, .cancelled), (.confirmed, .cancel, .seller, .cancelled),
            (.shipped, .deliver, .seller, .delivered),
            (.delivered, .receive, .buyer, .completed), (.delivered, .returnAll, .buyer, .returned),
            (.delivered, .returnPart, .buyer, .partiallyReturned),
            (.partiallyReturned, .returnAll, .buyer, .returned), (.partiallyReturned, .returnPart, .buyer, .partiallyReturned),
            (.partiallyReturned, .receive, .buyer, .completed),
        ]
        var count = 0
        for status in OrderStatus.allCases {
            for action in OrderAction.allCases {
                for party in [OrderParty.buyer, .seller, .operator, .system] {
                    let expected = legal.first { $0.0 == status && $0.1 == action && $0.2 == party }?.3
                    XCTAssertEqual(OrderStateMachine.next(from: status, action: action, by: party), expected,
                                   "\(status) \(action) by \(party)")
                    if expected != nil { count += 1 }
                }
            }
        }
        XCTAssertEqual(count, legal.count)
    }

    func testFinalStatusesAndTheConflictAnswer() {
        XCTAssertEqual(Set(OrderStatus.allCases.filter(\.isFinal)), [.completed, .rejected, .cancelled, .returned])
        XCTAssertThrowsError(try OrderStateMachine.transition(from: .shipped, action: .cancel, by: .buyer)) { error in
            let problem = error as? APIError
            XCTAssertEqual(problem?.status.code, 409)
            XCTAssertEqual(problem?.code, "illegal_transition")
            XCTAssertEqual(problem?.extensions["current_status"], "shipped")
            XCTAssertEqual(problem?.extensions["action"], "cancel")
        }
        XCTAssertEqual(OrderStateMachine.actions(from: .confirmed, by: .seller), [.ship, .cancel])
    }

    func testPaymentTermsStorage() {
        XCTAssertEqual(PaymentTerms.allowed(storage: nil), [.prepaid])
        XCTAssertEqual(PaymentTerms.allowed(storage: "net_30,net_60"), [.prepaid, .net30, .net60])
        XCTAssertEqual(PaymentTerms.allowed(storage: "[\"net_60\"]"), [.prepaid, .net60])
        XCTAssertEqual(PaymentTerms.allowed(storage: "net_90"), [.prepaid])
    }
}
