// #/buyer/orders — the organization's orders, filterable by status.
import { t } from "../i18n.js";
import { h, field, select, add, setChildren } from "../core/dom.js";
import { apiAll } from "../core/api.js";
import { orderTable } from "../core/orders.js";

export const STATUSES = ["", "pending_approval", "placed", "confirmed", "shipped", "delivered", "completed", "rejected", "cancelled", "returned", "partially_returned"];

export default async function render(view, { query }) {
  add(view, h("h1", {}, t("order.listTitle")));
  const filter = select({ id: "order-status-filter" }, STATUSES.map(s => [s, s ? t(`status.${s}`) : t("common.all")]), query.get("status") || "");
  const holder = h("div", { id: "order-list", "aria-live": "polite" });
  add(view, h("div", { class: "card filters" }, field(t("common.status"), filter)), holder);
  async function load() {
    const orders = await apiAll("/v1/buyer/orders", { status: filter.value }, 3);
    setChildren(holder, orderTable(t("order.listTitle"), orders, o => `#/buyer/orders/${encodeURIComponent(o.id)}`, "buyer"));
  }
  filter.addEventListener("change", load);
  await load();
}
