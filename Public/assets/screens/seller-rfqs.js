// #/seller/rfqs — the supplier's RFQ inbox: requests it was invited to, whether it has answered.
import { t } from "../i18n.js";
import { h, field, select, table, badge, time, add, setChildren } from "../core/dom.js";
import { apiAll } from "../core/api.js";

export default async function render(view) {
  add(view, h("h1", {}, t("inbox.title")));
  const filter = select({ id: "inbox-filter" }, [["", t("common.all")], ["pending", t("response.pending")], ["quoted", t("response.quoted")], ["declined", t("response.declined")]], "");
  const holder = h("div", { id: "inbox", "aria-live": "polite" });
  add(view, h("div", { class: "card filters" }, field(t("inbox.response"), filter)), holder);
  async function load() {
    const rfqs = await apiAll("/v1/seller/rfqs", { response: filter.value }, 3);
    setChildren(holder, table(t("inbox.title"), [t("rfq.titleField"), t("order.buyer"), t("common.status"), t("inbox.response"), t("rfq.respondBy"), t("inbox.invited")],
      rfqs.map(rfq => [
        h("a", { href: `#/seller/rfqs/${encodeURIComponent(rfq.id)}` }, rfq.title), rfq.buyer?.name || "—", badge(rfq.status),
        t(`response.${rfq.response}`, {}, rfq.response || "—"), time(rfq.respond_by), time(rfq.invited_at),
      ])));
  }
  filter.addEventListener("change", load);
  await load();
}
