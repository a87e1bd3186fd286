// #/login — POST /v1/auth/tokens; the token lives in sessionStorage (gone when the tab closes).
import { t } from "../i18n.js";
import { h, field, add } from "../core/dom.js";
import { api, session } from "../core/api.js";
import { onSubmit, submitButton } from "../core/forms.js";
import { homeFor } from "../app.js";

export default async function render(view) {
  const form = onSubmit(h("form", { class: "card narrow-form", novalidate: true },
    field(t("login.email"), { name: "email", type: "email", autocomplete: "username", required: true }),
    field(t("login.password"), { name: "password", type: "password", autocomplete: "current-password", required: true }),
    submitButton(t("login.submit"))), async vals => {
    const answer = await api("POST", "/v1/auth/tokens", { json: { email: vals.email, password: vals.password } });
    session.token = answer.token;
    session.me = await api("GET", "/v1/me");
    location.hash = homeFor(session.me);
  });
  add(view, 
    h("div", { class: "login" },
      h("h1", {}, t("login.title")),
      h("p", { class: "muted" }, t("login.intro")),
      form,
      h("p", { class: "muted small" }, t("login.track"))));
}
