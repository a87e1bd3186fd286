// DOM building without innerHTML: every text from the API goes in as a text node, so a product title or
// an error message can never inject markup.
import { t } from "../i18n.js";

/** h("button", {class: "x", onclick: fn, "aria-label": "..."}, "text", childNode, [more]) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "value") node.value = value;
    else if (key === "checked" || key === "selected" || key === "disabled" || key === "hidden") node[key] = Boolean(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

let idCounter = 0;
export const uid = (prefix = "f") => `${prefix}-${++idCounter}`;

/** A labelled form field. `input` is an element or options for an <input>. */
export function field(label, input, hint) {
  const control = input instanceof Node ? input : h("input", input);
  if (!control.id) control.id = uid();
  const wrap = h("div", { class: "field" }, h("label", { for: control.id }, label), control);
  if (hint) {
    const hintNode = h("p", { class: "hint", id: uid("hint") }, hint);
    control.setAttribute("aria-describedby", hintNode.id);
    wrap.append(hintNode);
  }
  return wrap;
}

/** <select> from [[value, label], ...]. */
export function select(attrs, options, selected) {
  return h("select", attrs, options.map(([value, label]) =>
    h("option", { value, selected: String(value) === String(selected ?? "") }, label)));
}

export function checkbox(label, attrs) {
  const input = h("input", { type: "checkbox", id: uid(), ...attrs });
  return h("div", { class: "check" }, input, h("label", { for: input.id }, label));
}

/** A table with a caption, column headers (scope=col) and rows of cells (nodes or text). */
export function table(caption, headers, rows, attrs = {}) {
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", attrs,
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headers.map(head => h("th", { scope: "col" }, head)))),
      h("tbody", {}, rows.length ? rows.map(cells => cells instanceof Node ? cells : h("tr", {}, cells.map(c => h("td", {}, c))))
        : h("tr", {}, h("td", { colspan: headers.length, class: "muted" }, t("common.empty"))))));
}

/** Announces a short message to screen readers (the polite live region in index.html). */
export function announce(message) {
  const live = document.getElementById("live");
  if (!live) return;
  live.textContent = "";
  // A new text node after a tick is announced even when the message repeats.
  setTimeout(() => { live.textContent = message; }, 30);
}

export function badge(status) {
  return h("span", { class: `badge st-${status}` }, t(`status.${status}`, {}, status));
}

export function time(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return h("time", { datetime: iso }, date.toLocaleString(document.documentElement.lang === "ko" ? "ko-KR" : "en-GB",
    { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }));
}

/** A section heading with optional actions on the right. */
export function section(title, ...children) {
  const id = uid("sec");
  const node = h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), children);
  // A table that only repeats the section's heading keeps its caption for screen readers, not on screen.
  for (const caption of node.querySelectorAll(":scope > .table-wrap > table > caption")) {
    if (caption.textContent === title) caption.classList.add("visually-hidden");
  }
  return node;
}

/** A notice for a route the server does not offer yet (404/405/501). */
export function unavailable(what) {
  return h("p", { class: "notice", role: "status" }, t("common.unavailable", { what }));
}

/** Shows (once) the message a previous screen left for this one, e.g. "RFQ sent to 4 suppliers". */
export function showFlash(view) {
  const message = sessionStorage.getItem("market.flash");
  if (!message) return;
  sessionStorage.removeItem("market.flash");
  view.prepend(h("p", { class: "form-status ok", role: "status", id: "flash" }, message));
  announce(message);
}

/** node.append that skips null/undefined/false (DOM append would print "null"). */
export const add = (node, ...children) => append(node, children);

/** node.replaceChildren that skips null/undefined/false. */
export function setChildren(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}
