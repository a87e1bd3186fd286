// #/seller/settlements — balance per currency (earned not yet settled, settled not yet paid, paid) and
// payout statements. Each part says "not available yet" on its own when the server lacks its route.
import { t } from "../i18n.js";
import { h, section, table, unavailable } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { cell, columnsOf, humanize } from "../core/generic.js";

async function optional(load) {
  try { return { value: await load() }; } catch (error) { if (error.missingRoute) return { missing: true }; throw error; }
}

export default async function render(view) {
  view.append(h("h1", {}, t("sellerSettle.title")));
  const [balance, statements] = await Promise.all([
    optional(() => api("GET", "/v1/seller/balance")),
    optional(() => apiAll("/v1/seller/settlements")),
  ]);

  let balanceNode;
  if (balance.missing) balanceNode = unavailable(t("sellerSettle.balance"));
  else {
    const rows = Array.isArray(balance.value?.data) ? balance.value.data
      : Array.isArray(balance.value) ? balance.value
      : Object.entries(balance.value || {}).filter(([, v]) => v && typeof v === "object").map(([currency, v]) => ({ currency, ...v }));
    const columns = columnsOf(rows);
    balanceNode = table(t("sellerSettle.balance"), columns.map(humanize), rows.map(row => columns.map(key => cell(key, row[key]))));
  }

  let statementNode;
  if (statements.missing) statementNode = unavailable(t("sellerSettle.statements"));
  else {
    const columns = columnsOf(statements.value, ["lines"]).slice(0, 10);
    statementNode = table(t("sellerSettle.statements"), columns.map(humanize), statements.value.map(row => columns.map(key => cell(key, row[key]))));
  }
  view.append(h("div", { id: "balance" }, section(t("sellerSettle.balance"), balanceNode)), h("div", { id: "statements" }, section(t("sellerSettle.statements"), statementNode)));
}
