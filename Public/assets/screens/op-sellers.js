// #/op/sellers — the supplier approval queue (GET /v1/admin/sellers?status=pending) with approve/suspend.
import { t } from "../i18n.js";
import { h, field, select, table, badge, time, announce, add, setChildren } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { showProblem } from "../core/forms.js";

const STATUSES = ["pending", "active", "suspended", ""];

export default async function render(view) {
  add(view, h("h1", {}, t("sellers.title")));
  const filter = select({ id: "seller-status" }, STATUSES.map(s => [s, s ? t(`status.${s}`) : t("common.all")]), "pending");
  const holder = h("div", { id: "seller-list" });
  const status = h("div", { class: "form-status" });
  const panel = h("form", { class: "card", onsubmit: e => e.preventDefault() }, status, field(t("sellers.filter"), filter), holder);
  async function refresh() {
    const sellers = await apiAll("/v1/admin/sellers", { status: filter.value });
    setChildren(holder, table(t("sellers.list"), [t("common.name"), t("common.country"), t("sellers.payout"), t("common.status"), t("common.created"), t("common.actions")],
      sellers.map(seller => [
        seller.name, seller.country, seller.payout_currency || seller.default_currency, badge(seller.status), time(seller.created_at),
        h("div", { class: "actions" },
          seller.status !== "active" ? h("button", { type: "button", onclick: () => act(seller, "approve") }, t("sellers.approve")) : null,
          seller.status !== "suspended" ? h("button", { type: "button", class: "danger", onclick: () => act(seller, "suspend") }, t("sellers.suspend")) : null),
      ])));
    announce(t("common.count", { count: sellers.length }));
  }
  async function act(seller, action) {
    try {
      await api("POST", `/v1/admin/sellers/${encodeURIComponent(seller.id)}/${action}`, { json: {} });
      status.className = "form-status ok";
      status.textContent = t(`sellers.${action}d`, { name: seller.name });
      announce(status.textContent);
      await refresh();
    } catch (error) { showProblem(panel, error); }
  }
  filter.addEventListener("change", refresh);
  add(view, panel);
  await refresh();
}
