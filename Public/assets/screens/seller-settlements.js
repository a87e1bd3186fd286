// #/seller/settlements — balance per currency (earned not yet settled, settled not yet paid, paid) and
// payout statements, each downloadable as CSV (Accept: text/csv). Each part says "not available yet" on
// its own when the server lacks its route.
import { t } from "../i18n.js";
import { h, section, table, unavailable, add, badge, time, announce } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { money } from "./op-settlements.js";

async function optional(load) {
  try { return { value: await load() }; } catch (error) { if (error.missingRoute) return { missing: true }; throw error; }
}

async function download(row, button) {
  button.disabled = true;
  try {
    const response = await api("GET", `/v1/seller/settlements/${encodeURIComponent(row.id)}`, { accept: "text/csv", raw: true });
    const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `settlement-${row.id}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    announce(t("listings.exported"));
  } catch (error) {
    announce(error.problem?.detail || error.message);
  } finally { button.disabled = false; }
}

export default async function render(view) {
  add(view, h("h1", {}, t("sellerSettle.title")));
  const [balance, statements] = await Promise.all([
    optional(() => api("GET", "/v1/seller/balance")),
    optional(() => apiAll("/v1/seller/settlements", {}, 3)),
  ]);

  const balanceNode = balance.missing ? unavailable(t("sellerSettle.balance"))
    : table(t("sellerSettle.balance"), [t("money.currency"), t("balance.earned"), t("balance.deductions"), t("balance.settled"), t("balance.paid")],
      (balance.value?.balances || []).map(row => [row.currency, money(row.earned_not_settled), money(row.deductions_pending), money(row.settled_not_paid), money(row.paid)]));

  const statementNode = statements.missing ? unavailable(t("sellerSettle.statements"))
    : table(t("sellerSettle.statements"),
      [t("settle.periodEnd"), t("common.status"), t("settle.orders"), t("settle.gross"), t("fees.commission"), t("settle.refunds"), t("settle.net"), t("settle.payout"), "CSV"],
      statements.value.map(row => {
        const button = h("button", { type: "button", class: "ghost", "aria-label": `CSV ${t("settle.periodEnd")} ${row.period_end}` }, t("sellerSettle.csv"));
        button.addEventListener("click", () => download(row, button));
        return [time(row.period_end), badge(row.status), String(row.order_count ?? "—"), money(row.gross), money(row.commission), money(row.refunds),
          h("strong", {}, money(row.net)), row.paid_at ? h("span", {}, time(row.paid_at), row.payout_reference ? ` · ${row.payout_reference}` : "") : "—", button];
      }));
  add(view,
    balance.value?.payout_currency ? h("p", { class: "muted" }, t("sellerSettle.payoutCurrency", { currency: balance.value.payout_currency })) : null,
    h("div", { id: "balance" }, section(t("sellerSettle.balance"), balanceNode)),
    h("div", { id: "statements" }, section(t("sellerSettle.statements"), statementNode)));
}
