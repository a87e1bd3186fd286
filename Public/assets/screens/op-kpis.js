// #/op/kpis — the business at a glance (GET /v1/admin/kpis?from=&to=&currency=): GMV and orders per
// day as SVG charts drawn here, take rate and RFQ award rate as meters, and every figure in a table.
import { t } from "../i18n.js";
import { h, field, select, section, table, unavailable, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { formatMoney, groupDigits, toMinor, isMoney, CURRENCIES } from "../core/money.js";
import { lineChart, barChart, meter } from "../core/chart.js";

const day = date => date.toISOString().slice(0, 10);

/**
 * A ratio from the API as a percent text, without floating point: a fraction of one ("0.0712", "1") moves
 * the decimal point two places ("7.12", "100"); a value above one or ending in "%" is already a percent.
 */
export function percentText(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return percentText(value.percent ?? value.value);
  const raw = String(value).trim();
  const match = /^(\d+)(?:\.(\d+))?(%?)$/.exec(raw);
  if (!match) return raw;
  let [, whole, fraction = "", sign] = match;
  const isFraction = !sign && (whole === "0" || (whole === "1" && /^0*$/.test(fraction)));
  if (isFraction) {
    const digits = whole + fraction.padEnd(2, "0");
    fraction = digits.slice(whole.length + 2);
    whole = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, "");
  }
  fraction = fraction.slice(0, 2).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

function tile(label, value, id) {
  return h("div", { class: "tile", id }, h("span", { class: "tile-label" }, label), h("strong", { class: "tile-value" }, value));
}

export default async function render(view) {
  add(view, h("h1", {}, t("kpi.title")));
  const today = new Date();
  const from = h("input", { type: "date", name: "from", value: day(new Date(today.getTime() - 29 * 86400000)) });
  const to = h("input", { type: "date", name: "to", value: day(today) });
  const currency = select({ name: "currency" }, CURRENCIES.map(c => [c, c]), "USD");
  const body = h("div", { id: "kpi-body", "aria-live": "polite" });
  const form = h("form", { class: "card filters", novalidate: true },
    field(t("kpi.from"), from), field(t("kpi.to"), to), field(t("money.currency"), currency),
    h("button", { type: "submit", class: "primary" }, t("kpi.show")));
  form.addEventListener("submit", event => { event.preventDefault(); load(); });

  async function load() {
    setChildren(body, h("p", { class: "muted" }, t("common.loading")));
    let k;
    try {
      k = await api("GET", "/v1/admin/kpis", { query: { from: `${from.value}T00:00:00Z`, to: `${to.value}T23:59:59Z`, currency: currency.value } });
    } catch (error) {
      if (error.missingRoute) { setChildren(body, unavailable(t("kpi.title"))); return; }
      setChildren(body, h("p", { class: "form-status error", role: "alert" }, error.problem?.detail || error.message));
      return;
    }
    const code = k.currency || currency.value;
    const money = value => (isMoney(value) ? formatMoney(value) : value === undefined || value === null ? "—" : formatMoney({ amount: String(value), currency: code }));
    const count = value => (value === undefined || value === null ? "—" : String(value));
    const take = percentText(k.take_rate), award = percentText(k.rfq_award_rate), repeat = percentText(k.repeat_buyer_rate);
    const series = (k.series || k.daily || []).map(point => {
      const gmv = isMoney(point.gmv) ? point.gmv : { amount: String(point.gmv ?? "0"), currency: code };
      return { label: String(point.date || point.day || point.at || "").slice(5, 10), date: String(point.date || point.day || point.at || ""), gmv, orders: Number.parseInt(point.orders ?? 0, 10) || 0 };
    });
    const gmvPoints = series.map(p => ({ label: p.label, value: toMinor(p.gmv.amount, p.gmv.currency) ?? 0n, display: formatMoney(p.gmv), axis: groupDigits(p.gmv.amount) }));
    const orderPoints = series.map(p => ({ label: p.label, value: BigInt(p.orders), display: String(p.orders) }));
    setChildren(body, 
      h("div", { class: "tiles" },
        tile(t("kpi.gmv"), money(k.gmv), "kpi-gmv"), tile(t("kpi.orders"), count(k.orders), "kpi-orders"),
        tile(t("kpi.aov"), money(k.average_order_value), "kpi-aov"), tile(t("kpi.commission"), money(k.commission), "kpi-commission"),
        tile(t("kpi.rfqs"), count(k.rfqs), "kpi-rfqs"), tile(t("kpi.activeBuyers"), count(k.active_buyers), "kpi-buyers"),
        tile(t("kpi.activeSellers"), count(k.active_sellers), "kpi-sellers"), tile(t("kpi.repeat"), repeat ? `${repeat} %` : "—", "kpi-repeat")),
      h("div", { class: "meters" }, meter(t("kpi.takeRate"), take), meter(t("kpi.awardRate"), award)),
      h("div", { class: "charts" },
        h("figure", { class: "card chart-card", id: "chart-gmv" }, h("figcaption", {}, t("kpi.gmvPerDay", { currency: code })),
          series.length ? lineChart(t("kpi.gmvPerDay", { currency: code }), gmvPoints) : h("p", { class: "muted" }, t("common.empty"))),
        h("figure", { class: "card chart-card", id: "chart-orders" }, h("figcaption", {}, t("kpi.ordersPerDay")),
          series.length ? barChart(t("kpi.ordersPerDay"), orderPoints) : h("p", { class: "muted" }, t("common.empty")))),
      (k.notes || []).length ? h("ul", { class: "muted small", id: "kpi-notes" }, k.notes.map(note => h("li", {}, note))) : null,
      h("details", {}, h("summary", {}, t("kpi.table")),
        table(t("kpi.table"), [t("kpi.day"), t("kpi.gmv"), t("kpi.orders")], series.map(p => [p.date.slice(0, 10), formatMoney(p.gmv), String(p.orders)]))));
  }
  add(view, form, section(t("kpi.period"), body));
  await load();
}
