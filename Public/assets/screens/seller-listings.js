// #/seller/listings — the supplier's listings, CSV import (all-or-nothing: a 422 lists every bad row and
// the portal shows them all, by line) and export (the catalog as CSV, re-importable as is).
import { t, lang } from "../i18n.js";
import { h, field, section, table, badge, announce, add, setChildren } from "../core/dom.js";
import { api } from "../core/api.js";
import { clearErrors, showProblem, showSuccess } from "../core/forms.js";
import { formatMoney } from "../core/money.js";
import { categoryNames } from "../core/lookups.js";

export default async function render(view) {
  add(view, h("h1", {}, t("listings.title")));
  const names = await categoryNames();
  const holder = h("div", { id: "listing-list" });

  // One page at a time (a catalog can hold thousands of listings; a slow laptop should not render them all).
  let cursor = null, shown = [];
  const more = h("button", { type: "button", id: "listings-more", onclick: () => load(true) }, t("search.more"));
  async function load(next = false) {
    if (!next) { cursor = null; shown = []; }
    const page = await api("GET", "/v1/seller/products", { query: { limit: 100, cursor } });
    shown = shown.concat(page.data || []);
    cursor = page.next_cursor;
    setChildren(holder, table(t("listings.count", { count: shown.length }),
      [t("order.sku"), t("cart.item"), t("search.category"), t("cart.unitPrice"), t("search.moqShort"), t("listings.stock"), t("rfq.lead"), t("common.status")],
      shown.map(p => [
        p.sku, p.title?.[lang()] || p.title?.en || p.title?.ko || "—", names.get(p.category_id) || "—",
        h("span", { class: "num" }, formatMoney(p.unit_price?.amount ? p.unit_price : { amount: p.unit_price, currency: p.currency })),
        String(p.min_order_quantity ?? "—"), String(p.stock ?? "—"), t("rfq.days", { days: p.lead_time_days ?? "—" }), badge(p.status),
      ])), cursor ? more : "");
  }

  // Import.
  const file = h("input", { type: "file", name: "file", id: "import-file", accept: ".csv,text/csv" });
  const report = h("div", { id: "import-report", "aria-live": "polite" });
  const importForm = h("form", { class: "card", id: "import-form", novalidate: true },
    field(t("listings.file"), file, t("listings.fileHint")),
    h("button", { type: "submit", class: "primary" }, t("listings.import")), report);
  importForm.addEventListener("submit", async event => {
    event.preventDefault();
    clearErrors(importForm);
    report.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) { showProblem(importForm, { problem: { errors: [{ field: "file", message: t("listings.chooseFile") }] } }); return; }
    const button = importForm.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const text = await chosen.text();
      const answer = await api("POST", "/v1/seller/products/import", { body: text, contentType: "text/csv" });
      showSuccess(importForm, t("listings.imported", { created: answer.created ?? 0, updated: answer.updated ?? 0, unchanged: answer.unchanged ?? 0 }));
      await load();
    } catch (error) {
      const rows = error.problem?.errors || [];
      showProblem(importForm, { ...error, problem: { ...error.problem, errors: [] } });
      if (rows.length) {
        setChildren(report, table(t("listings.badRows", { count: error.problem?.error_count ?? rows.length }), [t("common.line"), t("listings.column"), t("listings.problem")],
          rows.map(row => [String(row.line ?? "—"), row.field || "—", row.message || ""]), { class: "bad-rows" }));
        if (error.problem?.errors_truncated) report.append(h("p", { class: "muted" }, t("listings.truncated")));
        announce(t("listings.badRows", { count: error.problem?.error_count ?? rows.length }));
      }
    } finally { button.disabled = false; }
  });

  // Export: fetched with the session token (a plain link would carry none), then saved as a file.
  const exportButton = h("button", { type: "button", id: "export", onclick: async () => {
    exportButton.disabled = true;
    try {
      const response = await api("GET", "/v1/seller/products/export", { accept: "text/csv", raw: true });
      const blob = await response.blob();
      const link = h("a", { href: URL.createObjectURL(blob), download: "listings.csv" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      announce(t("listings.exported"));
    } catch (error) {
      announce(error.problem?.detail || error.message);
    } finally { exportButton.disabled = false; }
  } }, t("listings.export"));

  add(view, 
    section(t("listings.importTitle"), h("p", { class: "muted" }, t("listings.importIntro")), importForm),
    section(t("listings.exportTitle"), h("p", { class: "muted" }, t("listings.exportIntro")), exportButton),
    section(t("listings.listTitle"), holder));
  await load();
}
