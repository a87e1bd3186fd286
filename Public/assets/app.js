// The portal shell: hash routes, role-aware navigation from GET /v1/me, the language toggle, login
// state. Each screen is its own small module under screens/, imported only when first visited.
import { t, lang, setLang } from "./i18n.js";
import { h, announce, showFlash } from "./core/dom.js";
import { api, session, setUnauthorizedHandler } from "./core/api.js";

// Navigation per organization kind: [route, label key, roles allowed (empty: any role of that kind)].
const NAV = {
  operator: [
    ["#/op/kpis", "nav.kpis", ["admin", "finance"]],
    ["#/op/fees", "nav.fees", ["admin", "finance"]],
    ["#/op/fx", "nav.fx", ["admin", "finance"]],
    ["#/op/sellers", "nav.sellers", ["admin"]],
    ["#/op/buyers", "nav.buyers", ["admin", "finance"]],
    ["#/op/settlements", "nav.settlements", ["admin", "finance"]],
  ],
  buyer: [
    ["#/buyer/search", "nav.search", []],
    ["#/buyer/cart", "nav.cart", ["admin", "purchaser"]],
    ["#/buyer/rfqs", "nav.rfqs", []],
    ["#/buyer/approvals", "nav.approvals", ["admin", "approver"]],
    ["#/buyer/orders", "nav.orders", []],
  ],
  supplier: [
    ["#/seller/rfqs", "nav.inbox", ["admin", "sales"]],
    ["#/seller/listings", "nav.listings", ["admin", "catalog"]],
    ["#/seller/orders", "nav.sellerOrders", ["admin", "sales"]],
    ["#/seller/settlements", "nav.sellerSettlements", ["admin"]],
  ],
};

// Route → screen module; `kind` limits a route to one organization kind.
const ROUTES = [
  [/^\/login$/, "login", null],
  [/^\/track\/([^/]+)$/, "track", null],
  [/^\/op\/kpis$/, "op-kpis", "operator"],
  [/^\/op\/fees$/, "op-fees", "operator"],
  [/^\/op\/fx$/, "op-fx", "operator"],
  [/^\/op\/sellers$/, "op-sellers", "operator"],
  [/^\/op\/buyers$/, "op-buyers", "operator"],
  [/^\/op\/settlements$/, "op-settlements", "operator"],
  [/^\/buyer\/search$/, "buyer-search", "buyer"],
  [/^\/buyer\/cart$/, "buyer-cart", "buyer"],
  [/^\/buyer\/rfqs$/, "buyer-rfqs", "buyer"],
  [/^\/buyer\/rfqs\/new$/, "buyer-rfq-new", "buyer"],
  [/^\/buyer\/rfqs\/([^/]+)$/, "buyer-rfq", "buyer"],
  [/^\/buyer\/approvals$/, "buyer-approvals", "buyer"],
  [/^\/buyer\/orders$/, "buyer-orders", "buyer"],
  [/^\/buyer\/orders\/([^/]+)$/, "buyer-order", "buyer"],
  [/^\/seller\/rfqs$/, "seller-rfqs", "supplier"],
  [/^\/seller\/rfqs\/([^/]+)$/, "seller-rfq", "supplier"],
  [/^\/seller\/listings$/, "seller-listings", "supplier"],
  [/^\/seller\/orders$/, "seller-orders", "supplier"],
  [/^\/seller\/orders\/([^/]+)$/, "seller-orders", "supplier"],
  [/^\/seller\/settlements$/, "seller-settlements", "supplier"],
];

export function navFor(me) {
  if (!me) return [];
  const roles = new Set(me.roles || []);
  return (NAV[me.organization?.kind] || []).filter(([, , allowed]) => !allowed.length || allowed.some(role => roles.has(role)));
}

export const homeFor = me => navFor(me)[0]?.[0] || "#/login";

async function loadMe() {
  if (!session.token) return null;
  if (session.me) return session.me;
  try {
    session.me = await api("GET", "/v1/me");
  } catch {
    session.token = null;
    session.me = null;
  }
  return session.me;
}

export async function logout() {
  try { await api("DELETE", "/v1/auth/tokens/current"); } catch { /* the token is dropped either way */ }
  session.token = null;
  session.me = null;
  sessionStorage.removeItem("market.cart");
  location.hash = "#/login";
}

setUnauthorizedHandler(() => {
  session.token = null;
  session.me = null;
  if (!location.hash.startsWith("#/login") && !location.hash.startsWith("#/track/")) location.hash = "#/login";
});

function renderHeader(me, current) {
  const header = document.getElementById("top");
  const items = navFor(me).map(([href, key]) =>
    h("li", {}, h("a", { href, "aria-current": current.startsWith(href.slice(1)) ? "page" : null }, t(key))));
  const other = lang() === "ko" ? "en" : "ko";
  header.replaceChildren(
    h("a", { class: "brand", href: me ? homeFor(me) : "#/login" }, t("app.name")),
    items.length ? h("nav", { "aria-label": t("nav.label") }, h("ul", {}, items)) : h("span", { class: "spacer" }),
    h("div", { class: "who" },
      me ? h("span", { class: "org" }, me.organization?.name, h("span", { class: "muted" }, ` · ${t(`kind.${me.organization?.kind}`)}`)) : null,
      h("button", {
        type: "button", class: "ghost", id: "lang-toggle", lang: other,
        "aria-label": t("app.switchLanguage"), onclick: () => { setLang(other); route(); },
      }, other === "ko" ? "한국어" : "English"),
      me ? h("button", { type: "button", class: "ghost", id: "logout", onclick: logout }, t("app.logout")) : null));
}

let renderCount = 0;
let firstRender = true;

export async function route() {
  const [path, queryText = ""] = ((location.hash || "#/").slice(1) || "/").split("?");
  const me = await loadMe();
  let match = null;
  for (const [pattern, module, kind] of ROUTES) {
    const found = pattern.exec(path);
    if (found) { match = { module, kind, params: found.slice(1).map(decodeURIComponent) }; break; }
  }
  if (!match) {
    location.replace(me ? homeFor(me) : "#/login");
    return;
  }
  if (match.kind && (!me || me.organization?.kind !== match.kind)) {
    location.replace(me ? homeFor(me) : "#/login");
    return;
  }
  if (match.module === "login" && me) {
    location.replace(homeFor(me));
    return;
  }
  document.documentElement.lang = lang();
  renderHeader(me, path);
  document.getElementById("docs-link").textContent = t("app.apiDocs");
  const main = document.getElementById("main");
  const ticket = ++renderCount;
  main.setAttribute("aria-busy", "true");
  main.replaceChildren(h("p", { class: "muted loading" }, t("common.loading")));
  try {
    const screen = await import(`./screens/${match.module}.js`);
    if (ticket !== renderCount) return;
    const view = h("div", { class: "screen", "data-screen": match.module });
    main.replaceChildren(view);
    await screen.default(view, { params: match.params, me, query: new URLSearchParams(queryText) });
    if (ticket === renderCount) showFlash(view);
  } catch (error) {
    if (ticket !== renderCount) return;
    main.replaceChildren(h("h1", {}, t("common.error")), h("p", { class: "form-status error", role: "alert" }, error.problem?.detail || String(error.message || error)));
  } finally {
    if (ticket === renderCount) {
      main.removeAttribute("aria-busy");
      const heading = main.querySelector("h1");
      document.title = `${heading ? heading.textContent + " · " : ""}${t("app.name")}`;
      // After a route change, move focus to the new screen's heading so keyboard and screen-reader users
      // start there; on the first load focus stays at the top of the page (skip link first).
      if (heading && !firstRender) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: false }); }
      if (!firstRender) announce(document.title);
      firstRender = false;
    }
  }
}

window.addEventListener("hashchange", route);
// The skip link must not change the hash (that is the router's): it moves focus to the main region.
const skip = document.getElementById("skip");
skip.textContent = t("app.skip");
skip.addEventListener("click", event => { event.preventDefault(); document.getElementById("main").focus(); });
route();
