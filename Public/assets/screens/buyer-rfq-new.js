// #/buyer/rfqs/new — a request for quotation: items (a listing or a description + category), respond-by,
// delivery country, broadcast to every supplier of the categories and/or invite named suppliers.
import { t } from "../i18n.js";
import { h, field, select, checkbox, section, add } from "../core/dom.js";
import { api } from "../core/api.js";
import { onSubmit, submitButton, toRFC3339, toLocalInput } from "../core/forms.js";
import { CURRENCIES } from "../core/money.js";
import { categoryOptions, withNone } from "../core/lookups.js";
import { addressFields, addressFrom } from "./buyer-cart.js";

export default async function render(view, { me, query }) {
  add(view, h("h1", {}, t("rfq.new")));
  const options = await categoryOptions();
  const itemsBody = h("div", { id: "rfq-items" });
  let count = 0;

  function itemRow(prefill = {}) {
    const index = count++;
    const p = name => `items[${index}].${name}`;
    const row = h("fieldset", { class: "item-row", "data-index": index },
      h("legend", {}, t("rfq.item", { n: index + 1 })),
      prefill.product_id ? h("input", { type: "hidden", name: p("product_id"), value: prefill.product_id }) : null,
      h("div", { class: "grid" },
        field(t("rfq.description"), { name: p("description"), value: prefill.description || "", autocomplete: "off" }),
        field(t("search.category"), select({ name: p("category_id") }, withNone(options), prefill.category_id || "")),
        field(t("cart.quantity"), { name: p("quantity"), type: "number", min: 1, step: 1, inputmode: "numeric", value: prefill.quantity || "" }),
        field(t("rfq.unit"), { name: p("unit"), value: prefill.unit || "piece", autocomplete: "off" }),
        field(t("rfq.target"), { name: p("target_unit_price"), inputmode: "decimal", autocomplete: "off" })),
      index > 0 ? h("button", { type: "button", class: "ghost", onclick: () => row.remove() }, t("rfq.removeItem")) : null);
    itemsBody.append(row);
    return row;
  }

  const inviteSeller = query.get("seller_id");
  const respondBy = toLocalInput(new Date(Date.now() + 7 * 86400000));
  const form = onSubmit(h("form", { class: "card", id: "rfq-form", novalidate: true },
    h("div", { class: "grid" },
      field(t("rfq.titleField"), { name: "title", id: "rfq-title", autocomplete: "off" }),
      field(t("money.currency"), select({ name: "currency", id: "rfq-currency" }, CURRENCIES.map(c => [c, c]), me.organization?.default_currency || "USD")),
      field(t("rfq.respondBy"), { name: "respond_by", id: "rfq-respond-by", type: "datetime-local", value: respondBy }),
      field(t("rfq.country"), { name: "delivery_country", id: "rfq-country", maxlength: 2, value: me.organization?.country || "" })),
    section(t("rfq.items"), itemsBody, h("button", { type: "button", onclick: () => itemRow() }, t("rfq.addItem"))),
    h("fieldset", {}, h("legend", {}, t("rfq.who")),
      checkbox(t("rfq.broadcast"), { name: "broadcast", id: "rfq-broadcast", checked: true }),
      checkbox(t("rfq.sealed"), { name: "sealed", id: "rfq-sealed" }),
      inviteSeller ? checkbox(t("rfq.inviteThis"), { name: "invite_this", checked: true }) : null),
    h("details", {}, h("summary", {}, t("rfq.addressOptional")), addressFields("shipping_address", { country: me.organization?.country })),
    submitButton(t("rfq.send"))), async (vals, key) => {
    const items = [];
    for (const row of itemsBody.querySelectorAll(".item-row")) {
      const i = row.dataset.index, get = name => vals[`items[${i}].${name}`];
      const item = {};
      if (get("product_id")) item.product_id = get("product_id");
      if (get("description")) item.description = get("description");
      if (get("category_id")) item.category_id = get("category_id");
      const quantity = get("quantity");
      item.quantity = /^\d+$/.test(quantity || "") ? Number.parseInt(quantity, 10) : quantity || undefined;
      if (get("unit")) item.unit = get("unit");
      if (get("target_unit_price")) item.target_unit_price = get("target_unit_price");
      items.push(item);
    }
    // Items are renumbered by the server in order sent; the rows keep their first index, so map errors back.
    const body = {
      title: vals.title, currency: vals.currency, respond_by: toRFC3339(vals.respond_by),
      delivery_country: (vals.delivery_country || "").toUpperCase(), items, broadcast: vals.broadcast, sealed: vals.sealed,
      invite_seller_ids: vals.invite_this && inviteSeller ? [inviteSeller] : [],
    };
    const address = addressFrom(vals, "shipping_address");
    if (address && address.line1) body.shipping_address = address;
    renumber();
    const rfq = await api("POST", "/v1/buyer/rfqs", { json: body, idempotencyKey: key });
    sessionStorage.setItem("market.flash", t("rfq.sent", { count: rfq.recipients ?? 0 }));
    location.hash = `#/buyer/rfqs/${encodeURIComponent(rfq.id)}`;
  });

  // After removing a row, the n-th remaining row is items[n] for the server: rename fields to match so
  // errors like items[1].quantity land on the right input.
  function renumber() {
    [...itemsBody.querySelectorAll(".item-row")].forEach((row, n) => {
      for (const control of row.querySelectorAll("[name]")) control.name = control.name.replace(/^items\[\d+\]/, `items[${n}]`);
      row.dataset.index = n;
    });
  }

  itemRow({
    product_id: query.get("product_id") || undefined, description: query.get("description") || "",
    category_id: query.get("category_id") || "",
  });
  add(view, form);
}
