// #/op/settlements — run a settlement up to a date (one statement per supplier, in its payout currency)
// and record payouts (POST /v1/admin/settlements/{id}/paid with the bank reference). Shows "not available
// yet" when the server does not offer these routes.
import { t } from "../i18n.js";
import { h, field, section, table, unavailable, uid, add, setChildren, badge, time } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, toLocalInput } from "../core/forms.js";
import { formatMoney } from "../core/money.js";

export const money = value => h("span", { class: "num" }, formatMoney(value));

export default async function render(view) {
  add(view, h("h1", {}, t("settle.title")));
  const holder = h("div", { id: "settlement-list" });
  let available = true;

  async function refresh() {
    let rows;
    try { rows = await apiAll("/v1/admin/settlements", {}, 3); } catch (error) {
      if (!error.missingRoute) throw error;
      available = false;
      setChildren(holder, unavailable(t("settle.title")));
      return;
    }
    setChildren(holder, table(t("settle.list"),
      [t("rfq.supplier"), t("settle.periodEnd"), t("common.status"), t("settle.orders"), t("settle.gross"), t("fees.commission"), t("settle.refunds"), t("settle.net"), t("settle.payout")],
      rows.map(row => h("tr", { "data-settlement": row.id }, [
        row.supplier_name || row.supplier_id, time(row.period_end), badge(row.status), String(row.order_count ?? "—"),
        money(row.gross), money(row.commission), money(row.refunds), h("strong", {}, money(row.net)),
        row.paid_at ? h("span", {}, time(row.paid_at), row.payout_reference ? ` · ${row.payout_reference}` : "") : paidForm(row),
      ].map(cell => h("td", {}, cell))))));
  }

  function paidForm(row) {
    const input = h("input", { name: "reference", id: uid("ref"), autocomplete: "off", placeholder: t("settle.reference") });
    const form = onSubmit(h("form", { class: "inline-form", novalidate: true, "aria-label": `${t("settle.markPaid")}: ${row.supplier_name || ""}` },
      h("label", { for: input.id, class: "visually-hidden" }, t("settle.reference")), input,
      h("button", { type: "submit" }, t("settle.markPaid"))), async (vals, key) => {
      await api("POST", `/v1/admin/settlements/${encodeURIComponent(row.id)}/paid`, { json: { reference: vals.reference }, idempotencyKey: key });
      showSuccess(form, t("settle.paid"));
      await refresh();
    });
    return form;
  }

  const runForm = onSubmit(h("form", { class: "card", id: "settlement-run", novalidate: true },
    field(t("settle.periodEnd"), { name: "period_end", id: "settle-period-end", type: "date", value: toLocalInput(new Date()).slice(0, 10) }, t("settle.periodHint")),
    submitButton(t("settle.run"))), async (vals, key) => {
    // A date alone means that whole day; the server never settles past "now".
    const answer = await api("POST", "/v1/admin/settlements", { json: { period_end: vals.period_end }, idempotencyKey: key });
    const count = (answer?.settlements || answer?.data || []).length;
    const waiting = answer?.waiting_orders?.count;
    showSuccess(runForm, `${t("settle.created", { count })}${waiting ? ` ${t("settle.waiting", { count: waiting })}` : ""}`);
    await refresh();
  });
  await refresh();
  add(view, available ? section(t("settle.runTitle"), h("p", { class: "muted" }, t("settle.runIntro")), runForm) : null, section(t("settle.list"), holder));
}
