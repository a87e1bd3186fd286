// #/buyer/cart — the cart split by supplier, priced by the server (GET /v1/catalog/products/{id}?quantity=
// &currency=: tier price and conversion), subtotals summed in integer minor units, and checkout
// (POST /v1/buyer/orders → one order per supplier).
import { t, lang } from "../i18n.js";
import { h, field, select, section, badge, announce, uid, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { onSubmit, submitButton, showSuccess } from "../core/forms.js";
import { formatMoney, toMinor, fromMinor, CURRENCIES } from "../core/money.js";
import { cart, saveCart } from "../core/cart.js";

export function addressFields(prefix, defaults = {}) {
  const f = (name, attrs = {}) => field(t(`address.${name}`), { name: `${prefix}.${name}`, value: defaults[name] || "", autocomplete: "off", ...attrs });
  return h("fieldset", { class: "address" }, h("legend", {}, t("address.title")),
    h("div", { class: "grid" }, f("recipient"), f("company"), f("line1"), f("city"), f("postal_code"),
      f("country", { maxlength: 2, value: defaults.country || "", "aria-describedby": null })));
}

export function addressFrom(vals, prefix) {
  const address = {};
  for (const name of ["recipient", "company", "line1", "city", "postal_code", "country"]) {
    const value = vals[`${prefix}.${name}`];
    if (value) address[name] = name === "country" ? value.toUpperCase() : value;
  }
  return Object.keys(address).length ? address : undefined;
}

export default async function render(view, { me }) {
  add(view, h("h1", {}, t("cart.title")));
  const state = cart();
  state.currency ??= me.organization?.default_currency || "USD";
  if (!state.lines.length) {
    add(view, h("p", { class: "muted" }, t("cart.empty")), h("a", { class: "button", href: "#/buyer/search" }, t("nav.search")));
    return;
  }
  const currency = select({ name: "currency", id: "cart-currency" }, CURRENCIES.map(c => [c, c]), state.currency);
  const groups = h("div", { id: "cart-groups", "aria-live": "polite" });
  const grand = h("p", { class: "total", id: "cart-total" });
  const form = onSubmit(h("form", { class: "checkout", novalidate: true, id: "checkout" },
    field(t("cart.currency"), currency, t("cart.currencyHint")),
    groups, grand,
    section(t("cart.checkout"),
      addressFields("shipping_address", { country: me.organization?.country }),
      h("div", { class: "grid" },
        field(t("cart.terms"), select({ name: "payment_terms" }, ["prepaid", "net_30", "net_60"].map(v => [v, t(`terms.${v}`)]), "prepaid")),
        field(t("cart.po"), { name: "po_number", autocomplete: "off" })),
      submitButton(t("cart.placeOrders")))), async (vals, key) => {
    const body = {
      currency: currency.value,
      lines: state.lines.map(line => ({ product_id: line.product_id, quantity: line.quantity })),
      shipping_address: addressFrom(vals, "shipping_address"),
      payment_terms: vals.payment_terms,
    };
    if (vals.po_number) body.po_number = vals.po_number;
    const answer = await api("POST", "/v1/buyer/orders", { json: body, idempotencyKey: key });
    saveCart({ lines: [], currency: currency.value });
    const orders = answer.orders || [];
    setChildren(view, h("h1", { tabindex: "-1" }, t("cart.placed")),
      h("p", { role: "status" }, t("cart.placedCount", { count: orders.length })),
      h("ul", { class: "order-list", id: "placed-orders" }, orders.map(order => h("li", {},
        h("a", { href: `#/buyer/orders/${encodeURIComponent(order.id)}` }, order.seller?.name || order.id), " · ",
        formatMoney(order.total), " · ", badge(order.status)))));
    view.querySelector("h1").focus();
    announce(t("cart.placedCount", { count: orders.length }));
  });
  add(view, form);

  async function price() {
    state.currency = currency.value;
    saveCart(state);
    const bySeller = new Map();
    state.lines.forEach((line, index) => {
      const key = line.seller?.id || "?";
      if (!bySeller.has(key)) bySeller.set(key, { name: line.seller?.name || key, lines: [] });
      bySeller.get(key).lines.push({ line, index });
    });
    const priced = await Promise.all(state.lines.map(line =>
      api("GET", `/v1/catalog/products/${encodeURIComponent(line.product_id)}`, { query: { quantity: line.quantity, currency: state.currency } })
        .then(product => product.quote || null).catch(() => null)));
    let grandMinor = 0n, grandComplete = true;
    const nodes = [];
    for (const [, group] of bySeller) {
      let subtotal = 0n, complete = true;
      const rows = group.lines.map(({ line, index }) => {
        const quote = priced[index];
        const lineTotal = quote?.converted?.line_total || (quote && !quote.converted && state.currency === quote.line_total?.currency ? quote.line_total : null);
        const unit = quote?.converted?.unit_price || quote?.unit_price;
        const minor = lineTotal ? toMinor(lineTotal.amount, state.currency) : null;
        if (minor === null) complete = false; else subtotal += minor;
        const qtyId = uid("qty");
        const qty = h("input", { type: "number", id: qtyId, name: `lines[${index}].quantity`, min: 1, step: 1, value: line.quantity, class: "qty", inputmode: "numeric" });
        qty.addEventListener("change", () => {
          const value = Number.parseInt(qty.value, 10);
          if (Number.isInteger(value) && value > 0) { state.lines[index].quantity = value; price(); }
        });
        return h("tr", {},
          h("td", {}, line.title?.[lang()] || (typeof line.title === "string" ? line.title : line.sku), h("div", { class: "muted small" }, line.sku)),
          h("td", {}, h("label", { for: qtyId, class: "visually-hidden" }, t("cart.quantity")), qty, ` ${line.unit || ""}`,
            quote && quote.meets_min_order_quantity === false ? h("p", { class: "field-error" }, t("search.moq", { moq: line.min_order_quantity })) : null),
          h("td", { class: "num" }, unit ? formatMoney(unit) : "—"),
          h("td", { class: "num" }, lineTotal ? formatMoney(lineTotal) : t("cart.noPrice")),
          h("td", {}, h("button", { type: "button", class: "ghost", onclick: () => { state.lines.splice(index, 1); saveCart(state); view.replaceChildren(); render(view, { me }); } },
            t("cart.remove"))));
      });
      if (!complete) grandComplete = false;
      grandMinor += subtotal;
      nodes.push(h("section", { class: "panel supplier-group" },
        h("h2", {}, group.name),
        h("div", { class: "table-wrap" }, h("table", {},
          h("caption", { class: "visually-hidden" }, group.name),
          h("thead", {}, h("tr", {}, [t("cart.item"), t("cart.quantity"), t("cart.unitPrice"), t("cart.lineTotal"), h("span", { class: "visually-hidden" }, t("common.actions"))].map(x => h("th", { scope: "col" }, x)))),
          h("tbody", {}, rows),
          h("tfoot", {}, h("tr", {}, h("th", { scope: "row", colspan: 3 }, t("cart.subtotal")),
            h("td", { class: "num strong" }, complete ? formatMoney({ amount: fromMinor(subtotal, state.currency), currency: state.currency }) : "—"), h("td")))))));
    }
    setChildren(groups, ...nodes);
    grand.textContent = grandComplete
      ? t("cart.estimate", { total: formatMoney({ amount: fromMinor(grandMinor, state.currency), currency: state.currency }), count: bySeller.size })
      : t("cart.noPrice");
  }
  currency.addEventListener("change", price);
  await price();
}
