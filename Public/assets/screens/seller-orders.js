// #/seller/orders and #/seller/orders/ID — orders placed with this supplier: confirm, ship (carrier and
// tracking number), mark delivered, cancel — whatever `allowed_actions` says is possible now.
import { t } from "../i18n.js";
import { h, field, select, showFlash, add, setChildren } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { orderTable, orderDetail, actionPanel, shortId } from "../core/orders.js";
import { STATUSES } from "./buyer-orders.js";

export default async function render(view, { params, me, query }) {
  if (params[0]) return detail(view, params[0], me);
  add(view, h("h1", {}, t("sellerOrders.title")));
  const filter = select({ id: "order-status-filter" }, STATUSES.map(s => [s, s ? t(`status.${s}`) : t("common.all")]), query.get("status") || "");
  const holder = h("div", { id: "order-list", "aria-live": "polite" });
  add(view, h("div", { class: "card filters" }, field(t("common.status"), filter)), holder);
  async function load() {
    const orders = await apiAll("/v1/seller/orders", { status: filter.value }, 3);
    setChildren(holder, orderTable(t("sellerOrders.title"), orders, o => `#/seller/orders/${encodeURIComponent(o.id)}`, "seller"));
  }
  filter.addEventListener("change", load);
  await load();
}

async function detail(view, id, me) {
  const order = await api("GET", `/v1/seller/orders/${encodeURIComponent(id)}`);
  const rerender = async () => { view.replaceChildren(); await detail(view, id, me); showFlash(view); };
  add(view, h("p", {}, h("a", { href: "#/seller/orders" }, `← ${t("sellerOrders.title")}`)),
    h("h1", {}, t("order.title", { id: shortId(order.id) })),
    ...orderDetail(order, "seller", actionPanel(order, "/v1/seller/orders", order.allowed_actions || [], rerender)));
}
