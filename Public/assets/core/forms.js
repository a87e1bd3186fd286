// Forms: submit through the API and show the answer in place. A problem's `errors[]` go next to the
// fields they name (aria-invalid + aria-describedby so screen readers read them with the field); anything
// that names no field on the form goes to the form's alert box with the problem's title and detail.
import { t } from "../i18n.js";
import { h, uid, announce } from "./dom.js";
import { newIdempotencyKey } from "./api.js";

export function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const node of form.querySelectorAll("[aria-invalid]")) {
    node.removeAttribute("aria-invalid");
    const ids = (node.getAttribute("aria-describedby") || "").split(" ").filter(id => id && !id.startsWith("err-"));
    ids.length ? node.setAttribute("aria-describedby", ids.join(" ")) : node.removeAttribute("aria-describedby");
  }
  const box = form.querySelector(":scope > .form-status");
  if (box) { box.replaceChildren(); box.className = "form-status"; }
}

/** The control an error's field path names: exact name, then data-field, then the nearest parent path. */
function controlFor(form, fieldPath) {
  if (!fieldPath) return null;
  const path = String(fieldPath).replace(/^body\./, "");
  const candidates = [path];
  // "lines[0].unit_price" ← also try "lines.0.unit_price"; "fixed_fee" → "fixed_fee.amount"
  candidates.push(path.replace(/\[(\d+)\]/g, ".$1"));
  for (const name of candidates) {
    const escaped = CSS.escape(name);
    const exact = form.querySelector(`[name="${escaped}"], [data-field="${escaped}"]`);
    if (exact) return exact;
    const child = form.querySelector(`[name^="${escaped}."], [data-field^="${escaped}."]`);
    if (child) return child;
  }
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
  return parent && parent !== path ? controlFor(form, parent) : null;
}

export function fieldError(control, message) {
  const note = h("p", { class: "field-error", id: uid("err") }, message);
  control.setAttribute("aria-invalid", "true");
  const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  control.setAttribute("aria-describedby", [...described, note.id].join(" "));
  const wrap = control.closest(".field, .check, td") || control.parentElement;
  wrap.append(note);
}

/** Shows an ApiError (or any error) on `form`; returns nothing. */
export function showProblem(form, error) {
  const box = statusBox(form);
  const problem = error.problem || { detail: String(error.message || error) };
  const loose = [];
  let first = null;
  for (const item of problem.errors || []) {
    const message = item.line !== undefined ? `${t("common.line")} ${item.line}: ${item.message}` : item.message;
    const control = item.line === undefined ? controlFor(form, item.field) : null;
    if (control) { fieldError(control, message); first ??= control; } else loose.push(item.field ? `${item.field}: ${message}` : message);
  }
  box.className = "form-status error";
  box.setAttribute("role", "alert");
  const title = error.status === 0 ? t("common.network") : (problem.title || t("common.failed"));
  box.append(h("strong", {}, title), problem.detail ? h("span", {}, ` — ${problem.detail}`) : null);
  if (loose.length) box.append(h("ul", {}, loose.map(text => h("li", {}, text))));
  if (first) first.focus();
}

export function showSuccess(form, message) {
  const box = statusBox(form);
  box.className = "form-status ok";
  box.setAttribute("role", "status");
  box.replaceChildren(message instanceof Node ? message : h("span", {}, message));
  announce(typeof message === "string" ? message : box.textContent);
}

function statusBox(form) {
  let box = form.querySelector(":scope > .form-status");
  if (!box) {
    box = h("div", { class: "form-status" });
    form.prepend(box);
  }
  return box;
}

/**
 * Wires a form: on submit, clears old errors, disables the submit button, runs `action(values, key)`
 * where key is an Idempotency-Key kept across retries of the same attempt and renewed after success.
 */
export function onSubmit(form, action) {
  let key = newIdempotencyKey();
  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearErrors(form);
    const buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach(button => { button.disabled = true; });
    form.setAttribute("aria-busy", "true");
    try {
      await action(values(form), key);
      key = newIdempotencyKey();
    } catch (error) {
      showProblem(form, error);
    } finally {
      buttons.forEach(button => { button.disabled = false; });
      form.removeAttribute("aria-busy");
    }
  });
  return form;
}

/** name → value of every named control (checkboxes: boolean; several with one name: array). */
export function values(form) {
  const out = {};
  for (const control of form.querySelectorAll("[name]")) {
    if (control.disabled) continue;
    const name = control.name;
    let value = control.type === "checkbox" ? control.checked : control.value.trim();
    if (control.type === "checkbox" && control.dataset.multi) {
      (out[name] ??= []);
      if (control.checked) out[name].push(control.value);
      continue;
    }
    out[name] = value;
  }
  return out;
}

/** datetime-local value ("2026-05-01T09:00") in the user's zone → RFC 3339 UTC. */
export function toRFC3339(local) {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A Date → the value a datetime-local input expects, in local time. */
export function toLocalInput(date) {
  const pad = n => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** {amount, currency} from two fields, or undefined when the amount is empty. */
export function moneyFrom(vals, name) {
  const amount = vals[`${name}.amount`];
  return amount ? { amount, currency: vals[`${name}.currency`] } : undefined;
}

export function submitButton(label) {
  return h("button", { type: "submit", class: "primary" }, label);
}
