// #/op/fx — exchange rates: the list (in force and scheduled) and a new rate from an effective date.
import { t } from "../i18n.js";
import { h, field, select, section, table, badge, time, add, setChildren } from "../core/dom.js";
import { api, apiAll } from "../core/api.js";
import { onSubmit, submitButton, showSuccess, toRFC3339, toLocalInput } from "../core/forms.js";
import { CURRENCIES } from "../core/money.js";

export default async function render(view) {
  add(view, h("h1", {}, t("fx.title")));
  const listHolder = h("div", { id: "fx-list" });
  async function refresh() {
    const rates = await apiAll("/v1/admin/fx-rates");
    setChildren(listHolder, table(t("fx.list"), [t("fx.pair"), t("fx.rate"), t("fees.effective"), t("common.status")],
      rates.map(rate => [`${rate.base} → ${rate.quote}`, h("span", { class: "num" }, rate.rate), time(rate.effective_from), rate.status ? badge(rate.status) : "—"])));
  }
  const form = onSubmit(h("form", { class: "card", id: "fx-create", novalidate: true },
    h("div", { class: "grid" },
      field(t("fx.base"), select({ name: "base" }, CURRENCIES.map(c => [c, c]), "USD")),
      field(t("fx.quote"), select({ name: "quote" }, CURRENCIES.map(c => [c, c]), "KRW")),
      field(t("fx.rate"), { name: "rate", inputmode: "decimal", autocomplete: "off" }, t("fx.rateHint")),
      field(t("fees.effective"), { name: "effective_from", type: "datetime-local", value: toLocalInput(new Date()) })),
    submitButton(t("fx.add"))), async (vals, key) => {
    const rate = await api("POST", "/v1/admin/fx-rates", {
      json: { base: vals.base, quote: vals.quote, rate: vals.rate, effective_from: toRFC3339(vals.effective_from) }, idempotencyKey: key,
    });
    showSuccess(form, t("fx.added", { pair: `${rate.base} → ${rate.quote}`, rate: rate.rate }));
    await refresh();
  });
  add(view, section(t("fx.addTitle"), form), section(t("fx.list"), listHolder));
  await refresh();
}
