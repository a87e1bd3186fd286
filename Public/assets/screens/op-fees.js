// #/op/fees — commission rules: the list, a new rule from an effective date, and the preview of which
// rule applies to a seller + category + amount with the whole breakdown (POST /v1/admin/fee-rules/preview).
import { t } from "../i18n.js";
import { h, field, select, section, table, badge, time, announce, add, setChildren } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, toRFC3339, toLocalInput, moneyFrom } from "../core/forms.js";
import { formatMoney, CURRENCIES } from "../core/money.js";
import { categoryOptions, categoryNames, adminSellers, withNone } from "../core/lookups.js";

const SCOPES = ["default", "category", "seller", "seller_category"];

function moneyFields(name, label) {
  return h("fieldset", { class: "inline" },
    h("legend", {}, label),
    field(t("money.amount"), { name: `${name}.amount`, inputmode: "decimal", autocomplete: "off" }),
    field(t("money.currency"), select({ name: `${name}.currency` }, CURRENCIES.map(c => [c, c]), "USD")));
}

export default async function render(view) {
  add(view, h("h1", {}, t("fees.title")));
  const [cats, names, sellers] = await Promise.all([categoryOptions(), categoryNames(), adminSellers().catch(() => [])]);
  const sellerNames = new Map(sellers.map(s => [s.id, s.name]));
  const sellerOptions = sellers.map(s => [s.id, s.name]);

  const listHolder = h("div", { id: "fee-rules" });
  async function refresh() {
    const rules = await apiAll("/v1/admin/fee-rules");
    setChildren(listHolder, table(t("fees.list"),
      [t("fees.scope"), t("fees.category"), t("fees.seller"), t("fees.percent"), t("fees.fixed"), t("fees.min"), t("fees.max"), t("fees.effective"), t("common.status")],
      rules.map(rule => [
        t(`scope.${rule.scope}`), names.get(rule.category_id) || rule.category_id || "—", sellerNames.get(rule.seller_id) || rule.seller_id || "—",
        `${rule.percent} %`, formatMoney(rule.fixed_fee), formatMoney(rule.min_fee), formatMoney(rule.max_fee),
        time(rule.effective_from), rule.status ? badge(rule.status) : "—",
      ])));
  }

  // New rule.
  const scope = select({ name: "scope", id: "fee-scope" }, SCOPES.map(s => [s, t(`scope.${s}`)]), "category");
  const categoryField = field(t("fees.category"), select({ name: "category_id", id: "fee-category" }, withNone(cats)));
  const sellerField = field(t("fees.seller"), select({ name: "seller_id", id: "fee-seller" }, withNone(sellerOptions)));
  const syncScope = () => {
    const needsCategory = scope.value === "category" || scope.value === "seller_category";
    const needsSeller = scope.value === "seller" || scope.value === "seller_category";
    categoryField.hidden = !needsCategory; categoryField.querySelector("select").disabled = !needsCategory;
    sellerField.hidden = !needsSeller; sellerField.querySelector("select").disabled = !needsSeller;
  };
  scope.addEventListener("change", syncScope);
  const createForm = onSubmit(h("form", { class: "card", id: "fee-create", novalidate: true },
    h("div", { class: "grid" },
      field(t("fees.scope"), scope), categoryField, sellerField,
      field(t("fees.percent"), { name: "percent", id: "fee-percent", inputmode: "decimal", autocomplete: "off" }, t("fees.percentHint")),
      field(t("fees.effective"), { name: "effective_from", id: "fee-effective", type: "datetime-local", value: toLocalInput(new Date()) })),
    h("div", { class: "grid" }, moneyFields("fixed_fee", t("fees.fixed")), moneyFields("min_fee", t("fees.min")), moneyFields("max_fee", t("fees.max"))),
    submitButton(t("fees.create"))), async (vals, key) => {
    const body = { scope: vals.scope, percent: vals.percent, effective_from: toRFC3339(vals.effective_from) };
    if (vals.category_id) body.category_id = vals.category_id;
    if (vals.seller_id) body.seller_id = vals.seller_id;
    for (const name of ["fixed_fee", "min_fee", "max_fee"]) { const money = moneyFrom(vals, name); if (money) body[name] = money; }
    const rule = await api("POST", "/v1/admin/fee-rules", { json: body, idempotencyKey: key });
    showSuccess(createForm, t("fees.created", { percent: rule.percent, scope: t(`scope.${rule.scope}`) }));
    await refresh();
  });
  syncScope();

  // Preview.
  const result = h("div", { id: "fee-preview-result", "aria-live": "polite" });
  const previewForm = onSubmit(h("form", { class: "card", id: "fee-preview", novalidate: true },
    h("div", { class: "grid" },
      field(t("fees.seller"), select({ name: "seller_id", id: "preview-seller" }, withNone(sellerOptions))),
      field(t("fees.category"), select({ name: "category_id", id: "preview-category" }, withNone(cats))),
      field(t("money.amount"), { name: "amount.amount", id: "preview-amount", inputmode: "decimal", value: "1000.00" }),
      field(t("money.currency"), select({ name: "amount.currency", id: "preview-currency" }, CURRENCIES.map(c => [c, c]), "USD"))),
    submitButton(t("fees.preview"))), async vals => {
    const body = { seller_id: vals.seller_id, category_id: vals.category_id, amount: moneyFrom(vals, "amount") };
    const answer = await api("POST", "/v1/admin/fee-rules/preview", { json: body });
    const rule = answer.rule || {};
    const b = answer.breakdown || {};
    setChildren(result, h("div", { class: "card result" },
      h("h3", {}, t("fees.applies")),
      h("p", { id: "preview-rule" }, h("strong", {}, t(`scope.${rule.scope}`, {}, rule.scope || "—")), ` · ${rule.percent ?? "—"} % · `,
        rule.matched_category_id ? `${names.get(rule.matched_category_id) || rule.matched_category_id} · ` : "", h("code", {}, rule.id || "—")),
      h("dl", { class: "facts", id: "preview-breakdown" },
        h("dt", {}, t("fees.amount")), h("dd", {}, formatMoney(answer.amount)),
        h("dt", {}, t("fees.percentPart")), h("dd", {}, formatMoney(b.percent_part)),
        h("dt", {}, t("fees.clamp")), h("dd", {}, b.clamp && b.clamp !== "none" ? `${t(`clamp.${b.clamp}`, {}, b.clamp)} → ${formatMoney(b.clamped_percent_part)}` : t("common.none")),
        h("dt", {}, t("fees.fixed")), h("dd", {}, formatMoney(b.fixed_fee)),
        h("dt", {}, t("fees.commission")), h("dd", { class: "strong", id: "preview-commission" }, formatMoney(b.commission)),
        h("dt", {}, t("fees.net")), h("dd", { id: "preview-net" }, formatMoney(b.net_to_seller)))));
    announce(`${t("fees.commission")}: ${formatMoney(b.commission)}`);
  });

  add(view, 
    section(t("fees.previewTitle"), h("p", { class: "muted" }, t("fees.previewIntro")), previewForm, result),
    section(t("fees.createTitle"), h("p", { class: "muted" }, t("fees.createIntro")), createForm),
    section(t("fees.list"), listHolder));
  await refresh();
}
