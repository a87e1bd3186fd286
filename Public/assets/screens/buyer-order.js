// #/buyer/orders/ID — one order: lines, history, shipment and tracking link, the buyer's actions
// (approve/reject for approvers, cancel, confirm receipt) and the review once delivered.
import { t } from "../i18n.js";
import { h, field, select, section, showFlash, add } from "../core/dom.js";
import { api } from "../core/api.js";
import { onSubmit, submitButton, showSuccess } from "../core/forms.js";
import { orderDetail, actionPanel, shortId } from "../core/orders.js";

const REVIEWABLE = ["delivered", "completed", "partially_returned"];

export default async function render(view, { params, me }) {
  const order = await api("GET", `/v1/buyer/orders/${encodeURIComponent(params[0])}`);
  const roles = new Set(me.roles || []);
  const allowed = (order.allowed_actions || []).filter(action =>
    (action === "approve" || action === "reject") ? (roles.has("admin") || roles.has("approver"))
      : (roles.has("admin") || roles.has("purchaser")));
  const rerender = async () => { view.replaceChildren(); await render(view, { params, me }); showFlash(view); };
  add(view, h("p", {}, h("a", { href: "#/buyer/orders" }, `← ${t("order.listTitle")}`)),
    h("h1", {}, t("order.title", { id: shortId(order.id) })),
    ...orderDetail(order, "buyer", actionPanel(order, "/v1/buyer/orders", allowed, rerender)));
  if (REVIEWABLE.includes(order.status) && (roles.has("admin") || roles.has("purchaser"))) add(view, reviewForm(order));
}

function reviewForm(order) {
  const stars = name => select({ name }, [5, 4, 3, 2, 1].map(n => [String(n), `${"★".repeat(n)}${"☆".repeat(5 - n)} ${n}`]), "5");
  const form = onSubmit(h("form", { class: "card", id: "review-form", novalidate: true },
    h("div", { class: "grid" },
      field(t("review.rating"), stars("rating")), field(t("review.quality"), stars("quality")),
      field(t("review.delivery"), stars("delivery")), field(t("review.communication"), stars("communication"))),
    field(t("review.comment"), h("textarea", { name: "comment", rows: 3 })),
    submitButton(t("review.submit"))), async (vals, key) => {
    const body = { comment: vals.comment || undefined };
    for (const name of ["rating", "quality", "delivery", "communication"]) if (vals[name]) body[name] = Number.parseInt(vals[name], 10);
    try {
      await api("POST", `/v1/buyer/orders/${encodeURIComponent(order.id)}/review`, { json: body, idempotencyKey: key });
    } catch (error) {
      if (error.missingRoute) { showSuccess(form, t("common.unavailable", { what: t("review.title") })); return; }
      throw error;
    }
    showSuccess(form, t("review.thanks"));
    form.querySelector("button[type=submit]").remove();
  });
  return section(t("review.title"), form);
}
