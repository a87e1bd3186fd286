// #/track/TOKEN — the public tracking page (GET /v1/track/{token}): no login, no prices, no names.
import { t } from "../i18n.js";
import { h, badge, time, section, table, add } from "../core/dom.js";
import { api } from "../core/api.js";

const FLOW = ["pending_approval", "placed", "confirmed", "shipped", "delivered", "completed"];

export default async function render(view, { params }) {
  add(view, h("h1", {}, t("track.title")));
  let data;
  try {
    data = await api("GET", `/v1/track/${encodeURIComponent(params[0])}`);
  } catch (error) {
    add(view, h("p", { class: "form-status error", role: "alert" }, error.status === 404 ? t("track.notFound") : (error.problem?.detail || error.message)));
    return;
  }
  const reached = new Map((data.status_history || []).map(step => [step.status, step.at]));
  const steps = FLOW.filter(status => status !== "pending_approval" || reached.has(status));
  if (!steps.includes(data.status)) steps.push(data.status);
  const currentIndex = steps.indexOf(data.status);
  add(view, 
    h("p", { class: "lead", id: "track-status" }, t("track.current"), " ", badge(data.status)),
    h("ol", { class: "timeline", "aria-label": t("track.timeline") }, steps.map((status, index) =>
      h("li", { class: index < currentIndex ? "done" : index === currentIndex ? "current" : "todo", "aria-current": index === currentIndex ? "step" : null },
        h("span", { class: "dot", "aria-hidden": "true" }),
        h("span", { class: "step-name" }, t(`status.${status}`, {}, status)),
        reached.has(status) ? h("span", { class: "muted" }, " ", time(reached.get(status))) : null))));
  const shipment = data.shipment;
  if (shipment) {
    add(view, section(t("track.shipment"),
      h("dl", { class: "facts" },
        h("dt", {}, t("ship.carrier")), h("dd", { id: "track-carrier" }, shipment.carrier || "—"),
        h("dt", {}, t("ship.tracking")), h("dd", { id: "track-number" }, shipment.tracking_number || "—"),
        h("dt", {}, t("track.shippedAt")), h("dd", {}, time(shipment.shipped_at)),
        h("dt", {}, t("track.deliveredAt")), h("dd", {}, time(shipment.delivered_at))),
      table(t("track.events"), [t("track.when"), t("common.status"), t("track.location")],
        (shipment.events || []).map(event => [time(event.at), t(`status.${event.status}`, {}, event.status || "—"), event.location || "—"]))));
  } else {
    add(view, h("p", { class: "muted" }, t("track.noShipment")));
  }
}
