// Renders an API object whose exact fields this portal does not know in advance (settlements, balances
// — routes still being finished): money objects formatted, times as <time>, nested objects flattened.
import { t } from "../i18n.js";
import { h, time, badge } from "./dom.js";
import { formatMoney } from "./money.js";

export const isMoney = value => value && typeof value === "object" && "amount" in value && "currency" in value;

export function humanize(key) {
  const label = t(`field.${key}`, {}, null);
  if (label) return label;
  const text = key.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function cell(key, value) {
  if (value === null || value === undefined) return "—";
  if (isMoney(value)) return h("span", { class: "num" }, formatMoney(value));
  if (key === "status") return badge(value);
  if (typeof value === "string" && /_at$|^period_(start|end)$|_from$|_until$/.test(key)) return time(value);
  if (Array.isArray(value)) return value.map(item => (typeof item === "object" ? cell("", item) : String(item))).flatMap((node, i) => (i ? [", ", node] : [node]));
  if (typeof value === "object") return h("dl", { class: "facts compact" }, Object.entries(value).flatMap(([k, v]) => [h("dt", {}, humanize(k)), h("dd", {}, cell(k, v))]));
  return String(value);
}

/** Columns worth a table column: scalars and money present in any row, in first-seen order, without ids of lines. */
export function columnsOf(rows, skip = []) {
  const keys = [];
  for (const row of rows) for (const [key, value] of Object.entries(row)) {
    if (skip.includes(key) || keys.includes(key)) continue;
    if (Array.isArray(value) && value.length && typeof value[0] === "object") continue;
    keys.push(key);
  }
  return keys;
}
