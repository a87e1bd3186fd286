// #/seller/rfqs/ID — one invitation: the items asked for, the quote form (a price and lead time per item,
// the currency the supplier chooses, shipping, validity) and, from the answer, what the supplier would
// earn: estimated commission and net payout in its payout currency. Posting again before respond_by
// makes a new revision, so the estimate doubles as a preview the supplier can act on.
import { t } from "../i18n.js";
import { h, field, select, section, table, badge, time, announce, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, toRFC3339, toLocalInput } from "../core/forms.js";
import { formatMoney, CURRENCIES } from "../core/money.js";
import { categoryNames } from "../core/lookups.js";

function estimateView(answer) {
  const estimate = answer.estimate || {};
  return h("div", { class: "card result", id: "quote-estimate" },
    h("h3", {}, t("quote.estimateTitle")),
    h("dl", { class: "facts" },
      h("dt", {}, t("quote.total")), h("dd", {}, formatMoney(answer.total)),
      estimate.gross ? [h("dt", {}, t("quote.gross", { currency: estimate.payout_currency || "" })), h("dd", {}, formatMoney(estimate.gross))] : null,
      h("dt", {}, t("quote.commission")), h("dd", { id: "est-commission" }, formatMoney(answer.estimated_commission)),
      h("dt", {}, t("quote.net")), h("dd", { class: "strong", id: "est-net" }, formatMoney(answer.estimated_net_payout)),
      estimate.fx ? [h("dt", {}, t("quote.rate")), h("dd", {}, `${estimate.fx.from} → ${estimate.fx.to} ${estimate.fx.rate}`)] : null,
      (estimate.rules || []).length ? [h("dt", {}, t("quote.rules")), h("dd", {}, estimate.rules.map(r => `${t(`scope.${r.scope}`, {}, r.scope || "—")} ${r.percent} %`).join(", "))] : null),
    estimate.unavailable_reason ? h("p", { class: "muted" }, estimate.unavailable_reason) : null);
}

export default async function render(view, { params, me }) {
  const id = params[0];
  const [rfq, names] = await Promise.all([api("GET", `/v1/seller/rfqs/${encodeURIComponent(id)}`), categoryNames()]);
  const open = rfq.status === "open" && rfq.response !== "declined";
  add(view, 
    h("p", {}, h("a", { href: "#/seller/rfqs" }, `← ${t("inbox.title")}`)),
    h("h1", {}, rfq.title),
    h("dl", { class: "facts inline-facts" },
      h("dt", {}, t("order.buyer")), h("dd", {}, rfq.buyer?.name || "—"),
      h("dt", {}, t("common.status")), h("dd", {}, badge(rfq.status)),
      h("dt", {}, t("inbox.response")), h("dd", { id: "rfq-response" }, t(`response.${rfq.response}`, {}, rfq.response)),
      h("dt", {}, t("rfq.respondBy")), h("dd", {}, time(rfq.respond_by)),
      h("dt", {}, t("rfq.country")), h("dd", {}, rfq.delivery_country)),
    rfq.awarded_to_you?.length ? h("p", { class: "form-status ok", role: "status" }, t("quote.awardedToYou")) : null);

  const estimateHolder = h("div", { "aria-live": "polite" });
  const last = rfq.quote;
  const lastPrice = itemId => last?.lines?.find(l => l.item_id === itemId);
  const rows = (rfq.items || []).map((item, index) => h("tr", {},
    h("td", {}, item.description || item.product_id || "—", h("div", { class: "muted small" }, names.get(item.category_id) || "")),
    h("td", {}, `${item.quantity} ${item.unit || ""}`, item.target_unit_price ? h("div", { class: "muted small" }, `${t("rfq.target")}: ${rfq.currency} ${item.target_unit_price}`) : null),
    h("td", {}, h("input", { type: "hidden", name: `lines[${index}].item_id`, value: item.id }),
      h("label", { for: `price-${index}`, class: "visually-hidden" }, `${t("cart.unitPrice")} ${index + 1}`),
      h("input", { id: `price-${index}`, name: `lines[${index}].unit_price`, inputmode: "decimal", autocomplete: "off", class: "price-input", value: lastPrice(item.id)?.unit_price || "" })),
    h("td", {}, h("label", { for: `lead-${index}`, class: "visually-hidden" }, `${t("rfq.lead")} ${index + 1}`),
      h("input", { id: `lead-${index}`, name: `lines[${index}].lead_time_days`, type: "number", min: 0, step: 1, class: "qty", value: lastPrice(item.id)?.lead_time_days ?? "" }))));

  const form = onSubmit(h("form", { class: "card", id: "quote-form", novalidate: true },
    h("div", { class: "grid" },
      field(t("money.currency"), select({ name: "currency", id: "quote-currency" }, CURRENCIES.map(c => [c, c]), last?.currency || me.organization?.payout_currency || me.organization?.default_currency || rfq.currency)),
      field(t("quote.validUntil"), { name: "valid_until", id: "quote-valid", type: "datetime-local", value: toLocalInput(new Date(Date.now() + 30 * 86400000)) }),
      field(t("quote.shipping"), { name: "shipping.amount", id: "quote-shipping", inputmode: "decimal", autocomplete: "off", value: last?.shipping?.amount && last.shipping.amount !== "0" ? last.shipping.amount : "" }, t("quote.shippingHint"))),
    h("div", { class: "table-wrap" }, h("table", {}, h("caption", {}, t("quote.lines")),
      h("thead", {}, h("tr", {}, [t("rfq.description"), t("cart.quantity"), t("cart.unitPrice"), t("quote.leadDays")].map(x => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows))),
    field(t("quote.notes"), h("textarea", { name: "notes", id: "quote-notes", rows: 2 }, last?.notes || "")),
    submitButton(last ? t("quote.revise") : t("quote.submit"))), async (vals, key) => {
    // Items left blank are not quoted (a partial quote); `sent[i]` remembers which row lines[i] came from
    // so the server's "lines[i].unit_price" errors land on the right input.
    const sent = [];
    const lines = [];
    (rfq.items || []).forEach((item, index) => {
      const price = vals[`lines[${index}].unit_price`], lead = vals[`lines[${index}].lead_time_days`];
      if (!price && !lead) return;
      sent.push(index);
      lines.push({ item_id: item.id, unit_price: price, lead_time_days: /^\d+$/.test(lead || "") ? Number.parseInt(lead, 10) : lead || undefined });
    });
    const body = { currency: vals.currency, lines, valid_until: toRFC3339(vals.valid_until), notes: vals.notes || undefined };
    if (vals["shipping.amount"]) body.shipping = { amount: vals["shipping.amount"], currency: vals.currency };
    let answer;
    try {
      answer = await api("POST", `/v1/seller/rfqs/${encodeURIComponent(id)}/quotes`, { json: body, idempotencyKey: key });
    } catch (error) {
      for (const item of error.problem?.errors || []) {
        if (item.field) item.field = item.field.replace(/^lines\[(\d+)\]/, (m, n) => `lines[${sent[Number(n)] ?? n}]`);
      }
      throw error;
    }
    showSuccess(form, t("quote.sent", { revision: answer.revision ?? 1 }));
    setChildren(estimateHolder, estimateView(answer));
    announce(`${t("quote.net")}: ${formatMoney(answer.estimated_net_payout)}`);
  });

  const declineForm = onSubmit(h("form", { class: "inline-form", id: "decline-form", novalidate: true },
    field(t("action.reason"), { name: "reason", autocomplete: "off" }),
    h("button", { type: "submit", class: "danger" }, t("quote.decline"))), async (vals, key) => {
    await api("POST", `/v1/seller/rfqs/${encodeURIComponent(id)}/decline`, { json: { reason: vals.reason || undefined }, idempotencyKey: key });
    showSuccess(declineForm, t("quote.declined"));
  });

  if (open) add(view, section(t("quote.title"), form, estimateHolder), h("details", {}, h("summary", {}, t("quote.decline")), declineForm));
  else add(view, section(t("quote.items"), table(t("quote.items"), [t("rfq.description"), t("cart.quantity")], (rfq.items || []).map(i => [i.description || i.product_id || "—", `${i.quantity} ${i.unit || ""}`]))));
  if (last) add(view, section(t("quote.lastTitle", { revision: last.revision ?? 1 }), h("p", {}, `${formatMoney(last.total)} · ${t("rfq.lead")} ${t("rfq.days", { days: last.longest_lead_time_days ?? "—" })} · `, time(last.submitted_at))));
}
