// #/buyer/approvals — orders waiting in pending_approval for someone with the approver role; approve or
// reject (with a reason) right from the list. The user who placed an order cannot approve it (the server
// answers 403/409 and the message is shown next to that order).
import { t } from "../i18n.js";
import { h, section, badge, time, announce, add, setChildren } from "../core/dom.js";
import { apiAll } from "../core/api.js";
import { formatMoney } from "../core/money.js";
import { actionPanel, shortId } from "../core/orders.js";

export default async function render(view) {
  add(view, h("h1", {}, t("approvals.title")));
  const holder = h("div", { id: "approval-list" });
  add(view, holder);
  async function load() {
    const orders = (await apiAll("/v1/buyer/orders", { status: "pending_approval" }, 3)).filter(o => o.status === "pending_approval");
    setChildren(holder, ...(orders.length ? orders.map(order => h("article", { class: "card approval", "data-order": order.id },
      h("h2", { class: "small-heading" }, h("a", { href: `#/buyer/orders/${encodeURIComponent(order.id)}` }, `${order.seller?.name || ""} · ${shortId(order.id)}`)),
      h("p", {}, badge(order.status), " ", h("strong", {}, formatMoney(order.total)), " · ", t(`terms.${order.payment_terms}`, {}, order.payment_terms || ""),
        order.po_number ? ` · ${t("order.po")} ${order.po_number}` : "", " · ", time(order.created_at)),
      actionPanel(order, "/v1/buyer/orders", (order.allowed_actions || ["approve", "reject"]).filter(a => a === "approve" || a === "reject"), load)))
      : [h("p", { class: "muted" }, t("approvals.none"))]));
    announce(t("approvals.count", { count: orders.length }));
  }
  await load();
}
