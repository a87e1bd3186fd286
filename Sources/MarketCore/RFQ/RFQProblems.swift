import Foundation
import Web

/// The RFQ flows' conflicts (409): the request is well formed but the RFQ's state forbids it now.
public enum RFQProblems {
    /// Quotes and declines are accepted only while the RFQ is open.
    public static func notAcceptingResponses(_ status: RFQStatus) -> APIError {
        switch status {
        case .closed:
            APIError(.conflict, code: "rfq_deadline_passed",
                     detail: LocalizedText(en: "The deadline to respond (respond_by) has passed.",
                                           ko: "응답 마감 시간(respond_by)이 지났습니다."))
        case .awarded:
            APIError(.conflict, code: "rfq_awarded",
                     detail: LocalizedText(en: "This RFQ has been awarded.", ko: "이 견적 요청은 이미 낙찰되었습니다."))
        case .cancelled, .open:
            APIError(.conflict, code: "rfq_cancelled",
                     detail: LocalizedText(en: "This RFQ has been cancelled.", ko: "이 견적 요청은 취소되었습니다."))
        }
    }

    /// Award and cancel need an RFQ that is neither awarded nor cancelled.
    public static func final(_ status: RFQStatus) -> APIError {
        status == .awarded
            ? APIError(.conflict, code: "rfq_awarded",
                       detail: LocalizedText(en: "This RFQ has already been awarded.", ko: "이 견적 요청은 이미 낙찰되었습니다."))
            : APIError(.conflict, code: "rfq_cancelled",
                       detail: LocalizedText(en: "This RFQ has been cancelled.", ko: "이 견적 요청은 취소되었습니다."))
    }

    public static func sealed(until: Date) -> APIError {
        APIError(.conflict, code: "rfq_sealed",
                 detail: LocalizedText(
                    en: "This RFQ is sealed: quotes open at \(Timestamp.format(until)); it cannot be awarded before.",
                    ko: "봉인된 견적 요청입니다. \(Timestamp.format(until))에 견적이 공개되며 그 전에는 낙찰할 수 없습니다."),
                 extensions: ["sealed_until": .string(Timestamp.format(until))])
    }

    public static let alreadyQuoted = APIError(
        .conflict, code: "already_quoted",
        detail: LocalizedText(en: "You have already quoted on this RFQ; a quote cannot be turned into a decline.",
                              ko: "이미 견적을 제출했습니다. 제출한 견적은 거절로 바꿀 수 없습니다."))

    public static let alreadyDeclined = APIError(
        .conflict, code: "already_declined",
        detail: LocalizedText(en: "You have already declined this RFQ.", ko: "이미 이 견적 요청을 거절했습니다."))

    public static let supplierInactive = APIError(
        .forbidden, code: "organization_inactive",
        detail: LocalizedText(en: "Your organization is not active; it cannot respond to RFQs.",
                              ko: "조직이 활성 상태가 아니어서 견적 요청에 응답할 수 없습니다."))
}
