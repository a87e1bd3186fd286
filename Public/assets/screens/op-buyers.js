// #/op/buyers — buyer credit: payment terms and credit limit (PUT /v1/admin/buyers/{id}/credit).
// The buyer list is GET /v1/admin/buyers when the server offers it; otherwise a buyer id is typed in.
import { t } from "../i18n.js";
import { h, field, select, section, table, checkbox, uid, add } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, moneyFrom } from "../core/forms.js";
import { formatMoney, CURRENCIES } from "../core/money.js";

const TERMS = ["prepaid", "net_30", "net_60"];

function creditForm(buyer, onSaved) {
  const terms = new Set(buyer.payment_terms || ["prepaid"]);
  const idField = buyer.buyer_id ? h("input", { type: "hidden", name: "buyer_id", value: buyer.buyer_id })
    : field(t("credit.buyerId"), { name: "buyer_id", autocomplete: "off" });
  const form = onSubmit(h("form", { class: "credit-form", novalidate: true, "aria-label": `${t("credit.edit")} ${buyer.name || ""}` },
    idField,
    h("fieldset", { class: "inline" }, h("legend", {}, t("credit.terms")),
      TERMS.map(term => checkbox(t(`terms.${term}`), { name: "payment_terms", value: term, "data-multi": "1", checked: terms.has(term) }))),
    h("div", { class: "grid" },
      field(t("credit.limit"), { name: "credit_limit.amount", inputmode: "decimal", value: buyer.credit_limit?.amount || "" }),
      field(t("money.currency"), select({ name: "credit_limit.currency" }, CURRENCIES.map(c => [c, c]), buyer.credit_limit?.currency || buyer.default_currency || "USD"))),
    submitButton(t("common.save"))), async (vals, key) => {
    const body = { payment_terms: vals.payment_terms || [], credit_limit: moneyFrom(vals, "credit_limit") };
    const answer = await api("PUT", `/v1/admin/buyers/${encodeURIComponent(vals.buyer_id)}/credit`, { json: body, idempotencyKey: key });
    showSuccess(form, t("credit.saved", { limit: formatMoney(answer?.credit_limit || body.credit_limit) }));
    onSaved?.();
  });
  return form;
}

export default async function render(view) {
  add(view, h("h1", {}, t("credit.title")));
  let buyers = null;
  try { buyers = await apiAll("/v1/admin/buyers"); } catch (error) { if (!error.missingRoute) throw error; }
  if (!buyers) {
    add(view, section(t("credit.edit"), h("p", { class: "muted" }, t("credit.noList")), creditForm({})));
    return;
  }
  add(view, section(t("credit.list"), table(t("credit.list"), [t("common.name"), t("common.country"), t("credit.terms"), t("credit.limit"), t("common.actions")],
    buyers.map(buyer => {
      const detailsId = uid("credit");
      return [buyer.name, buyer.country, (buyer.payment_terms || []).map(term => t(`terms.${term}`)).join(", ") || "—", formatMoney(buyer.credit_limit),
        h("details", { id: detailsId }, h("summary", {}, t("credit.edit")), creditForm(buyer, () => {}))];
    }))));
}
