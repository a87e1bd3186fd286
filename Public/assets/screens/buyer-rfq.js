// #/buyer/rfqs/ID — one RFQ: its items, the quote comparison (GET /v1/buyer/rfqs/{id}/quotes?currency=:
// totals converted, supplier scorecards, lead times, cheapest first) and the award (POST .../award).
import { t } from "../i18n.js";
import { h, field, select, section, table, badge, time, announce, uid, showFlash, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { onSubmit, submitButton, showProblem } from "../core/forms.js";
import { formatMoney, CURRENCIES } from "../core/money.js";
import { categoryNames } from "../core/lookups.js";
import { percentText } from "./op-kpis.js";
import { addressFields, addressFrom } from "./buyer-cart.js";

export default async function render(view, { params, me }) {
  const id = params[0];
  const canAward = (me.roles || []).some(role => role === "admin" || role === "purchaser");
  const [rfq, names] = await Promise.all([api("GET", `/v1/buyer/rfqs/${encodeURIComponent(id)}`), categoryNames()]);
  const items = new Map((rfq.items || []).map(item => [item.id, item]));
  add(view, 
    h("p", {}, h("a", { href: "#/buyer/rfqs" }, `← ${t("rfq.listTitle")}`)),
    h("h1", {}, rfq.title),
    h("dl", { class: "facts inline-facts" },
      h("dt", {}, t("common.status")), h("dd", { id: "rfq-status" }, badge(rfq.status)),
      h("dt", {}, t("rfq.respondBy")), h("dd", {}, time(rfq.respond_by)),
      h("dt", {}, t("rfq.country")), h("dd", {}, rfq.delivery_country),
      h("dt", {}, t("rfq.recipients")), h("dd", {}, String(rfq.recipients ?? "—")),
      h("dt", {}, t("rfq.quotes")), h("dd", {}, String(rfq.quote_count ?? 0))),
    section(t("rfq.items"), table(t("rfq.items"), ["#", t("rfq.description"), t("search.category"), t("cart.quantity"), t("rfq.target")],
      (rfq.items || []).map((item, i) => [String(i + 1), item.description || item.product_id || "—", names.get(item.category_id) || item.category_id || "—",
        `${item.quantity} ${item.unit || ""}`, item.target_unit_price ? `${rfq.currency} ${item.target_unit_price}` : "—"]))));

  if (rfq.awards?.length) {
    add(view, section(t("rfq.awarded"), h("ul", { id: "award-orders" }, rfq.awards.map(award => h("li", {},
      award.order_id ? h("a", { href: `#/buyer/orders/${encodeURIComponent(award.order_id)}` }, t("rfq.orderLink", { id: award.order_id })) : award.quote_id)))));
  }

  const currency = select({ id: "compare-currency" }, CURRENCIES.map(c => [c, c]), rfq.currency);
  const holder = h("div", { id: "quote-table", "aria-live": "polite" });
  const awardHolder = h("div");
  add(view, section(t("rfq.compare"), field(t("rfq.compareIn"), currency), holder, awardHolder));

  async function load() {
    holder.setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await api("GET", `/v1/buyer/rfqs/${encodeURIComponent(id)}/quotes`, { query: { currency: currency.value } });
    } finally { holder.removeAttribute("aria-busy"); }
    const quotes = answer.data || [];
    if (answer.sealed_until) {
      setChildren(holder, h("p", { class: "notice" }, t("rfq.sealedUntil"), " ", time(answer.sealed_until)));
      return;
    }
    const best = new Set((answer.best_per_item || []).map(b => b.quote_id));
    const open = canAward && !["awarded", "cancelled"].includes(rfq.status);
    setChildren(holder, table(t("rfq.compareCaption", { currency: currency.value }),
      [open ? t("rfq.pick") : "#", t("rfq.supplier"), t("rfq.rating"), t("rfq.onTime"), t("rfq.responseRate"), t("rfq.quoted"), t("rfq.converted"), t("rfq.lead"), t("rfq.validUntil"), t("rfq.coverage")],
      quotes.map((quote, index) => {
        const s = quote.supplier || {};
        const radioId = uid("pick");
        const pick = open ? h("span", {}, h("input", { type: "radio", name: "quote_id", id: radioId, value: quote.quote_id || quote.id, checked: index === 0, form: "award-form" }),
          h("label", { for: radioId, class: "visually-hidden" }, t("rfq.pickLabel", { name: s.name || "" }))) : String(index + 1);
        return h("tr", { "data-quote": quote.quote_id || quote.id, class: index === 0 ? "best" : null }, [
          pick,
          h("span", {}, h("strong", {}, s.name || s.id || "—"), s.country ? h("span", { class: "muted" }, ` · ${s.country}`) : null,
            index === 0 ? h("span", { class: "tag" }, ` ${t("rfq.lowest")}`) : null, best.has(quote.quote_id) && index !== 0 ? h("span", { class: "tag" }, ` ${t("rfq.bestItem")}`) : null),
          s.rating ? `★ ${s.rating}${s.review_count !== undefined ? ` (${s.review_count})` : ""}` : "—",
          s.on_time_delivery_rate ? `${percentText(s.on_time_delivery_rate)} %` : "—",
          s.rfq_response_rate ? `${percentText(s.rfq_response_rate)} %` : "—",
          h("span", { class: "num" }, formatMoney(quote.total)),
          h("span", { class: "num strong" }, quote.converted_total ? formatMoney(quote.converted_total) : t("rfq.noRate")),
          t("rfq.days", { days: quote.longest_lead_time_days ?? "—" }),
          time(quote.valid_until),
          quote.complete === false ? t("rfq.partial", { n: quote.items_quoted }) : t("rfq.complete"),
        ].map(cell => h("td", {}, cell)));
      })));
    if (quotes.length) {
      const notes = quotes.filter(q => q.notes).map(q => h("li", {}, h("strong", {}, `${q.supplier?.name || ""}: `), q.notes));
      if (notes.length) holder.append(h("details", {}, h("summary", {}, t("rfq.notes")), h("ul", {}, notes)));
    }
    setChildren(awardHolder, open && quotes.length ? awardForm() : "");
    announce(t("rfq.quoteCount", { count: quotes.length }));
  }

  function awardForm() {
    const form = onSubmit(h("form", { id: "award-form", class: "card", novalidate: true },
      h("h3", {}, t("rfq.awardTitle")),
      h("div", { class: "grid" },
        field(t("cart.terms"), select({ name: "payment_terms" }, ["prepaid", "net_30", "net_60"].map(v => [v, t(`terms.${v}`)]), "net_30")),
        field(t("cart.po"), { name: "po_number", autocomplete: "off" })),
      rfq.shipping_address ? h("p", { class: "muted" }, t("rfq.shipsTo", { city: rfq.shipping_address.city || "", country: rfq.shipping_address.country || "" }))
        : addressFields("shipping_address", { country: rfq.delivery_country }),
      submitButton(t("rfq.award"))), async (vals, key) => {
      const picked = view.querySelector('input[name="quote_id"]:checked');
      const body = { quote_id: picked?.value, payment_terms: vals.payment_terms, currency: currency.value };
      if (vals.po_number) body.po_number = vals.po_number;
      const address = addressFrom(vals, "shipping_address");
      if (address) body.shipping_address = address;
      const answer = await api("POST", `/v1/buyer/rfqs/${encodeURIComponent(id)}/award`, { json: body, idempotencyKey: key });
      const orders = answer.orders || [];
      sessionStorage.setItem("market.flash", t("rfq.awardedFlash", { count: orders.length }));
      // Re-render this RFQ: now awarded, with links to its orders.
      view.replaceChildren();
      await render(view, { params, me });
      showFlash(view);
      view.querySelector("h1")?.setAttribute("tabindex", "-1");
      view.querySelector("h1")?.focus();
    });
    return form;
  }

  currency.addEventListener("change", () => load().catch(error => showProblem(view.querySelector("#quote-table").closest("section"), error)));
  await load();
}
