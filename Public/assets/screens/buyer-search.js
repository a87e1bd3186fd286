// #/buyer/search?q=&category_id=&currency=&sort= — catalog search (GET /v1/catalog/products) in Korean or
// English, category facets with counts, prices converted to the chosen currency, add to cart, ask for a quote.
import { t, lang } from "../i18n.js";
import { h, field, select, checkbox, announce, uid, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { formatMoney, CURRENCIES } from "../core/money.js";
import { categoryNames, categoryOptions, withNone } from "../core/lookups.js";
import { addToCart } from "../core/cart.js";

const SORTS = ["relevance", "price_asc", "price_desc", "rating", "newest"];

export default async function render(view, { query, me }) {
  const canBuy = (me.roles || []).some(role => role === "admin" || role === "purchaser");
  const [names, options] = await Promise.all([categoryNames(), categoryOptions()]);
  const state = {
    q: query.get("q") || "", category_id: query.get("category_id") || "", sort: query.get("sort") || "relevance",
    currency: query.get("currency") || me.organization?.default_currency || "USD", in_stock: query.get("in_stock") === "true",
  };

  const q = h("input", { type: "search", name: "q", id: "search-q", value: state.q, autocomplete: "off", placeholder: t("search.placeholder") });
  const category = select({ name: "category_id", id: "search-category" }, withNone(options, t("common.all")), state.category_id);
  const currency = select({ name: "currency", id: "search-currency" }, CURRENCIES.map(c => [c, c]), state.currency);
  const sort = select({ name: "sort", id: "search-sort" }, SORTS.map(s => [s, t(`sort.${s}`)]), state.sort);
  const stock = checkbox(t("search.inStock"), { name: "in_stock", checked: state.in_stock });
  const form = h("form", { class: "card search-form", role: "search", novalidate: true },
    h("div", { class: "search-row" }, field(t("search.label"), q), h("button", { type: "submit", class: "primary" }, t("search.submit"))),
    h("div", { class: "grid" }, field(t("search.category"), category), field(t("search.currency"), currency), field(t("search.sort"), sort), stock));
  const facets = h("nav", { class: "facets", "aria-label": t("search.facets") });
  const results = h("div", { id: "results", class: "results" });
  const status = h("p", { class: "muted", id: "result-count", role: "status" });
  const more = h("div");
  add(view, h("h1", {}, t("search.title")), form, h("div", { class: "search-layout" }, facets, h("div", {}, status, results, more)));

  let cursor = null;
  async function run(append = false) {
    Object.assign(state, { q: q.value.trim(), category_id: category.value, currency: currency.value, sort: sort.value, in_stock: stock.querySelector("input").checked });
    const params = { q: state.q, category_id: state.category_id, currency: state.currency, sort: state.sort, in_stock: state.in_stock ? "true" : "", limit: 24, cursor: append ? cursor : null };
    const shown = new URLSearchParams(Object.entries(params).filter(([k, v]) => v && k !== "limit" && k !== "cursor")).toString();
    history.replaceState(null, "", `#/buyer/search${shown ? `?${shown}` : ""}`);
    results.setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await api("GET", "/v1/catalog/products", { query: params });
    } catch (error) {
      setChildren(results, h("p", { class: "form-status error", role: "alert" }, error.problem?.detail || error.message));
      results.removeAttribute("aria-busy");
      return;
    }
    results.removeAttribute("aria-busy");
    cursor = answer.next_cursor;
    const cards = (answer.data || []).map(hit => productCard(hit));
    append ? results.append(...cards) : setChildren(results, ...cards);
    if (!append) renderFacets(answer.facets?.categories || []);
    const count = results.children.length;
    status.textContent = count ? t("search.count", { count }) : t("search.none");
    announce(status.textContent);
    setChildren(more, cursor ? h("button", { type: "button", onclick: () => run(true) }, t("search.more")) : "");
  }

  function renderFacets(list) {
    setChildren(facets, h("h2", { class: "small-heading" }, t("search.facets")),
      h("ul", {}, [
        h("li", {}, h("button", { type: "button", class: "link", "aria-pressed": String(!state.category_id), onclick: () => { category.value = ""; run(); } }, t("common.all"))),
        ...list.map(facet => h("li", {}, h("button", {
          type: "button", class: "link", "aria-pressed": String(state.category_id === facet.id), "data-category": facet.id,
          onclick: () => { category.value = facet.id; run(); },
        }, names.get(facet.id) || facet.id, h("span", { class: "count" }, ` ${facet.count}`)))),
      ]));
  }

  function productCard(hit) {
    const title = hit.display_title || hit.title?.[lang()] || hit.title?.en || hit.title?.ko || hit.sku;
    // The other language's title too: a Korean query finds English-titled listings by their Korean title.
    const other = hit.title?.[lang() === "ko" ? "en" : "ko"];
    const price = hit.converted_unit_price || hit.unit_price;
    const qtyId = uid("qty");
    const qty = h("input", { type: "number", id: qtyId, min: hit.min_order_quantity || 1, step: 1, value: hit.min_order_quantity || 1, inputmode: "numeric", class: "qty" });
    const note = h("span", { class: "muted small", role: "status" });
    return h("article", { class: "product card", "data-product": hit.id },
      h("h3", {}, title),
      other && other !== title ? h("p", { class: "muted small", lang: lang() === "ko" ? "en" : "ko" }, other) : null,
      h("p", { class: "muted small" }, `${hit.sku} · `, names.get(hit.category_id) || ""),
      h("p", { class: "price" }, formatMoney(price), h("span", { class: "muted" }, ` / ${hit.unit}`),
        hit.converted_unit_price && hit.converted_unit_price.currency !== hit.unit_price?.currency ? h("span", { class: "muted small" }, ` (${formatMoney(hit.unit_price)})`) : null),
      (hit.price_tiers || []).length ? h("p", { class: "small" }, t("search.tiers"), " ",
        hit.price_tiers.map(tier => `${tier.min_quantity}+: ${tier.unit_price}`).join(" · ")) : null,
      h("p", { class: "small" }, h("span", {}, `${t("search.seller")}: ${hit.seller?.name || "—"}`),
        hit.seller?.rating ? h("span", { class: "rating", "aria-label": t("search.ratingLabel", { rating: hit.seller.rating }) }, ` ★ ${hit.seller.rating}`) : null),
      h("p", { class: "small muted" }, t("search.moq", { moq: hit.min_order_quantity }), " · ", t("search.lead", { days: hit.lead_time_days }), " · ",
        hit.in_stock ? t("search.stock", { stock: hit.stock }) : t("search.outOfStock")),
      canBuy ? h("div", { class: "buy" },
        h("label", { for: qtyId }, t("cart.quantity")), qty,
        h("button", { type: "button", class: "primary", onclick: () => {
          const quantity = Number.parseInt(qty.value, 10);
          if (!Number.isInteger(quantity) || quantity < 1) { note.textContent = t("cart.badQuantity"); return; }
          addToCart({ ...hit, title }, quantity);
          note.textContent = t("cart.added", { title });
        } }, t("cart.add")),
        h("a", { class: "button", href: `#/buyer/rfqs/new?product_id=${encodeURIComponent(hit.id)}&category_id=${encodeURIComponent(hit.category_id || "")}&description=${encodeURIComponent(title)}&seller_id=${encodeURIComponent(hit.seller?.id || "")}` }, t("search.rfq")),
        note) : null);
  }

  form.addEventListener("submit", event => { event.preventDefault(); run(); });
  for (const control of [category, currency, sort, stock.querySelector("input")]) control.addEventListener("change", () => run());
  await run();
}
