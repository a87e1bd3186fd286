// #/op/settlements — run a settlement up to a date (one statement per supplier) and record payouts
// (POST /v1/admin/settlements/{id}/paid with the bank reference). "Not available yet" when the server
// does not offer these routes.
import { t } from "../i18n.js";
import { h, field, section, table, unavailable, uid } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, toRFC3339, toLocalInput } from "../core/forms.js";
import { cell, columnsOf, humanize } from "../core/generic.js";

export default async function render(view) {
  view.append(h("h1", {}, t("settle.title")));
  const holder = h("div", { id: "settlement-list" });
  let available = true;
  async function refresh() {
    let rows;
    try { rows = await apiAll("/v1/admin/settlements"); } catch (error) {
      if (!error.missingRoute) throw error;
      available = false;
      holder.replaceChildren(unavailable(t("settle.title")));
      return;
    }
    const columns = columnsOf(rows, ["lines", "seller_id"]).slice(0, 10);
    holder.replaceChildren(table(t("settle.list"), [...columns.map(humanize), t("common.actions")], rows.map(row => [
      ...columns.map(key => cell(key, row[key])),
      row.status === "paid" || row.paid_at ? "—" : paidForm(row),
    ])));
  }
  function paidForm(row) {
    const input = h("input", { name: "reference", id: uid(), autocomplete: "off", required: true });
    const form = onSubmit(h("form", { class: "inline-form", novalidate: true, "aria-label": t("settle.markPaid") },
      h("label", { for: input.id, class: "visually-hidden" }, t("settle.reference")), input,
      h("button", { type: "submit" }, t("settle.markPaid"))), async (vals, key) => {
      await api("POST", `/v1/admin/settlements/${encodeURIComponent(row.id)}/paid`, { json: { reference: vals.reference }, idempotencyKey: key });
      showSuccess(form, t("settle.paid"));
      await refresh();
    });
    input.placeholder = t("settle.reference");
    return form;
  }
  const runForm = onSubmit(h("form", { class: "card", id: "settlement-run", novalidate: true },
    field(t("settle.periodEnd"), { name: "period_end", type: "datetime-local", value: toLocalInput(new Date()) }),
    submitButton(t("settle.run"))), async (vals, key) => {
    const answer = await api("POST", "/v1/admin/settlements", { json: { period_end: toRFC3339(vals.period_end) }, idempotencyKey: key });
    const count = Array.isArray(answer?.data) ? answer.data.length : Array.isArray(answer?.settlements) ? answer.settlements.length : 1;
    showSuccess(runForm, t("settle.created", { count }));
    await refresh();
  });
  await refresh();
  view.append(available ? section(t("settle.runTitle"), h("p", { class: "muted" }, t("settle.runIntro")), runForm) : null, section(t("settle.list"), holder));
}
