// Orders as both sides see them: the list, the detail (lines, status history, shipment, tracking link)
// and the actions the server says are allowed now (`allowed_actions`), each one POST away.
import { t, lang } from "../i18n.js";
import { h, field, section, table, badge, time, announce } from "./dom.js";
import { api } from "./api.js";
import { onSubmit, submitButton, showSuccess, showProblem } from "./forms.js";
import { formatMoney } from "./money.js";

export function orderTable(caption, orders, hrefOf, party) {
  return table(caption, [t("order.id"), party === "buyer" ? t("rfq.supplier") : t("order.buyer"), t("common.status"), t("order.payment"), t("order.total"), t("order.po"), t("common.created")],
    orders.map(order => h("tr", { "data-order": order.id }, [
      h("a", { href: hrefOf(order) }, shortId(order.id)),
      party === "buyer" ? order.seller?.name : order.buyer?.name,
      badge(order.status), t(`payment.${order.payment_status}`, {}, order.payment_status || "—"),
      h("span", { class: "num" }, formatMoney(order.total)), order.po_number || "—", time(order.placed_at || order.created_at),
    ].map(cell => h("td", {}, cell)))));
}

export const shortId = id => (id && id.length > 14 ? `…${id.slice(-10)}` : id || "—");

export function trackingHref(order) {
  return order.tracking_token ? `#/track/${encodeURIComponent(order.tracking_token)}` : null;
}

/** The detail of one order; `actions` is a node (forms/buttons) placed above the lines. */
export function orderDetail(order, party, actions) {
  const track = trackingHref(order);
  const address = order.shipping_address || {};
  return [
    h("dl", { class: "facts inline-facts" },
      h("dt", {}, t("common.status")), h("dd", { id: "order-status" }, badge(order.status)),
      h("dt", {}, t("order.payment")), h("dd", {}, t(`payment.${order.payment_status}`, {}, order.payment_status || "—"), " · ", t(`terms.${order.payment_terms}`, {}, order.payment_terms || "")),
      h("dt", {}, party === "buyer" ? t("rfq.supplier") : t("order.buyer")), h("dd", {}, party === "buyer" ? order.seller?.name : order.buyer?.name),
      h("dt", {}, t("order.total")), h("dd", { class: "strong" }, formatMoney(order.total)),
      order.po_number ? [h("dt", {}, t("order.po")), h("dd", {}, order.po_number)] : null,
      track ? [h("dt", {}, t("order.tracking")), h("dd", {}, h("a", { href: track, id: "tracking-link" }, t("order.trackingLink")))] : null),
    actions,
    section(t("order.lines"), table(t("order.lines"), [t("order.sku"), t("cart.item"), t("cart.quantity"), t("cart.unitPrice"), t("cart.lineTotal"), party === "seller" ? t("fees.commission") : null].filter(Boolean),
      (order.lines || []).map(line => [
        line.sku || "—", line.title?.[lang()] || line.title?.en || line.title?.ko || line.description || "—", `${line.quantity} ${line.unit || ""}`,
        formatMoney(line.unit_price), h("span", { class: "num" }, formatMoney(line.line_total)),
        party === "seller" ? `${formatMoney(line.commission?.amount)} (${line.commission?.percent ?? "—"} %)` : null,
      ].filter(cell => cell !== null))),
    h("p", { class: "totals" }, `${t("cart.subtotal")}: ${formatMoney(order.subtotal)} · ${t("order.shipping")}: ${formatMoney(order.shipping)} · `, h("strong", {}, `${t("order.total")}: ${formatMoney(order.total)}`),
      party === "seller" && order.commission ? ` · ${t("fees.commission")}: ${formatMoney(order.commission.total)}` : "")),
    order.shipment ? section(t("track.shipment"),
      h("p", { id: "shipment-info" }, `${order.shipment.carrier || "—"} · ${order.shipment.tracking_number || "—"}`),
      table(t("track.events"), [t("track.when"), t("common.status"), t("track.location")],
        (order.shipment.events || []).map(e => [time(e.at), t(`status.${e.status}`, {}, e.status || "—"), e.location || "—"]))) : null,
    section(t("order.history"), h("ol", { class: "timeline compact" }, (order.status_history || []).map(step =>
      h("li", { class: "done" }, h("span", { class: "dot", "aria-hidden": "true" }), h("span", { class: "step-name" }, t(`status.${step.to}`, {}, step.to)),
        h("span", { class: "muted" }, " ", time(step.at), step.actor?.party ? ` · ${t(`party.${step.actor.party}`, {}, step.actor.party)}` : "", step.note ? ` · ${step.note}` : ""))))),
    address.city ? section(t("address.title"), h("p", {}, [address.recipient, address.company, address.line1, address.city, address.postal_code, address.country].filter(Boolean).join(", "))) : null,
  ];
}

/**
 * Buttons for `allowed_actions`; actions needing input (ship, reject, cancel with reason) open a small form.
 * `base` is "/v1/buyer/orders" or "/v1/seller/orders"; `done` re-renders after success.
 */
export function actionPanel(order, base, allowed, done) {
  const wrap = h("div", { class: "actions-panel", id: "order-actions" });
  const status = h("div", { class: "form-status" });
  const holder = h("form", { class: "card", novalidate: true, onsubmit: e => e.preventDefault() }, status);
  const url = action => `${base}/${encodeURIComponent(order.id)}/${action}`;
  const simple = (action, cls) => h("button", { type: "button", class: cls || "", "data-action": action, onclick: async event => {
    event.target.disabled = true;
    try {
      await api("POST", url(action), { json: {} });
      announce(t(`action.${action}.done`));
      sessionStorage.setItem("market.flash", t(`action.${action}.done`));
      await done();
    } catch (error) {
      event.target.disabled = false;
      showProblem(holder, error);
    }
  } }, t(`action.${action}`));

  const buttons = [];
  for (const action of allowed) {
    if (action === "ship") {
      const shipForm = onSubmit(h("form", { class: "inline-form ship-form", id: "ship-form", novalidate: true },
        field(t("ship.carrier"), { name: "carrier", id: "ship-carrier", autocomplete: "off" }),
        field(t("ship.tracking"), { name: "tracking_number", id: "ship-tracking", autocomplete: "off" }),
        submitButton(t("action.ship"))), async (vals, key) => {
        await api("POST", url("ship"), { json: { carrier: vals.carrier, tracking_number: vals.tracking_number }, idempotencyKey: key });
        showSuccess(shipForm, t("action.ship.done"));
        sessionStorage.setItem("market.flash", t("action.ship.done"));
        await done();
      });
      wrap.append(shipForm);
    } else if (action === "reject" || (action === "cancel" && base.includes("seller"))) {
      const reasonForm = onSubmit(h("form", { class: "inline-form", novalidate: true, "data-action": action },
        field(t("action.reason"), { name: "reason", autocomplete: "off" }),
        h("button", { type: "submit", class: "danger" }, t(`action.${action}`))), async (vals, key) => {
        await api("POST", url(action), { json: vals.reason ? { reason: vals.reason } : {}, idempotencyKey: key });
        sessionStorage.setItem("market.flash", t(`action.${action}.done`));
        await done();
      });
      wrap.append(reasonForm);
    } else if (["approve", "confirm", "deliver", "receive", "cancel"].includes(action)) {
      buttons.push(simple(action, action === "cancel" ? "danger" : "primary"));
    }
  }
  if (buttons.length) holder.append(h("div", { class: "actions" }, buttons));
  if (!buttons.length && !wrap.children.length) return null;
  return h("div", {}, buttons.length ? holder : null, wrap);
}
