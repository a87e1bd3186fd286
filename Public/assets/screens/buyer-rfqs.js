// #/buyer/rfqs — the organization's RFQs with their state and how many quotes came in.
import { t } from "../i18n.js";
import { h, table, badge, time, add } from "../core/dom.js";
import { apiAll } from "../core/api.js";

export default async function render(view, { me }) {
  const canCreate = (me.roles || []).some(role => role === "admin" || role === "purchaser");
  add(view, h("div", { class: "title-row" }, h("h1", {}, t("rfq.listTitle")),
    canCreate ? h("a", { class: "button primary", href: "#/buyer/rfqs/new", id: "new-rfq" }, t("rfq.new")) : null));
  const rfqs = await apiAll("/v1/buyer/rfqs", {}, 3);
  add(view, table(t("rfq.listTitle"), [t("rfq.titleField"), t("common.status"), t("rfq.respondBy"), t("rfq.recipients"), t("rfq.quotes"), t("common.created")],
    rfqs.map(rfq => [
      h("a", { href: `#/buyer/rfqs/${encodeURIComponent(rfq.id)}` }, rfq.title), badge(rfq.status), time(rfq.respond_by),
      String(rfq.recipients ?? "—"), String(rfq.quote_count ?? "—"), time(rfq.created_at),
    ])));
}
