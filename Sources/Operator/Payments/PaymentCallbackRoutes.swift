import Foundation
import HTTPServer
import MarketCore
import Web

/// `POST /v1/payments/callback`: the payment provider tells the marketplace about a card payment. Public
/// (`.anyone`): the signature is the authentication, checked over the raw body BEFORE the body is parsed,
/// so unauthenticated input never reaches the JSON parser or the database.
enum PaymentCallbackRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let callbacks = PaymentCallbacks(services: services)

        routes.add(.post, "/v1/payments/callback", access: .anyone, doc: PaymentDocs.callback) { request, _ in
            guard let secret = services.settings.paymentProviderSecret, !secret.isEmpty else {
                throw APIError(
                    .serviceUnavailable, code: "not_configured",
                    detail: LocalizedText(en: "Payment callbacks are not configured on this server (no provider secret).",
                                          ko: "이 서버에는 결제 콜백이 설정되어 있지 않습니다 (공급자 비밀키 없음)."))
            }
            let signedAt: Int64
            do throws(PaymentCallbackSignature.Failure) {
                signedAt = try PaymentCallbackSignature.verify(
                    header: request.header(PaymentCallbackSignature.headerName), secret: secret, body: request.body, now: services.now())
            } catch {
                throw rejection(error)
            }

            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let orderID = body.string("order_id", required: true, maxLength: 64)
            let amount = body.money("amount", required: true)
            if let amount, !amount.isPositive { body.object("amount")?.fail("amount", "must be more than zero", ko: "0보다 커야 합니다") }
            let status = body.oneOf("status", ["succeeded", "failed"], required: true)
            let reference = body.string("reference", required: true, maxLength: 200)
            let method = body.oneOf("method", PaymentMethod.allCases.map(\.rawValue)).flatMap(PaymentMethod.init(rawValue:)) ?? .card
            try validation.check()
            guard let orderID, let amount, let status, let reference else { throw APIError.internal() }

            return try callbacks.process(
                PaymentCallbacks.Callback(orderID: orderID, amount: amount, succeeded: status == "succeeded", reference: reference,
                                          method: method, signedAt: signedAt),
                body: request.body)
        }
    }

    /// 401 naming what was wrong with the signature (never which part of a MAC differed).
    static func rejection(_ failure: PaymentCallbackSignature.Failure) -> APIError {
        let (code, en, ko): (String, String, String) =
            switch failure {
            case .missing: ("signature_missing", "The Marketplace-Signature header is required.", "Marketplace-Signature 헤더가 필요합니다.")
            case .malformed: ("signature_malformed", "The Marketplace-Signature header must be t=UNIX_SECONDS,v1=HEX.",
                              "Marketplace-Signature 헤더는 t=UNIX_SECONDS,v1=HEX 형식이어야 합니다.")
            case .stale: ("signature_stale", "The signature's timestamp is more than 5 minutes from the server's clock.",
                          "서명 시각이 서버 시각과 5분 넘게 차이 납니다.")
            case .mismatch: ("signature_invalid", "The signature does not match the body.", "서명이 본문과 일치하지 않습니다.")
            }
        return APIError(.unauthorized, code: code, detail: LocalizedText(en: en, ko: ko),
                        headers: ["WWW-Authenticate": "Marketplace-Signature"])
    }
}
