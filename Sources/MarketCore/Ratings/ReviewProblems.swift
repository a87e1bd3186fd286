import Web

/// The 409s of reviews: each names what the client can do about it.
public enum ReviewProblems {
    /// Only a delivered order can be reviewed (delivered, completed, partially returned or returned).
    public static func notDelivered(_ status: String) -> APIError {
        APIError(
            .conflict, code: "order_not_delivered",
            detail: LocalizedText(
                en: "Only a delivered order can be reviewed; this one is \(status).",
                ko: "배송 완료된 주문만 리뷰할 수 있습니다. 이 주문은 \(status) 상태입니다."),
            extensions: ["current_status": .string(status)])
    }

    public static let alreadyReviewed = APIError(
        .conflict, code: "already_reviewed",
        detail: LocalizedText(en: "This order has already been reviewed.", ko: "이미 리뷰한 주문입니다."))

    public static let alreadyAnswered = APIError(
        .conflict, code: "already_answered",
        detail: LocalizedText(en: "This review already has the supplier's reply.", ko: "이 리뷰에는 이미 답변이 있습니다."))

    public static let alreadyHidden = APIError(
        .conflict, code: "already_hidden",
        detail: LocalizedText(en: "This review is already hidden.", ko: "이미 숨겨진 리뷰입니다."))

    public static let notHidden = APIError(
        .conflict, code: "not_hidden",
        detail: LocalizedText(en: "This review is not hidden.", ko: "숨겨진 리뷰가 아닙니다."))
}
