// Renders the server's own /openapi.json for people: routes grouped by tag, with parameters, bodies,
// responses and who may call them. No third-party code; everything is built with DOM APIs (no innerHTML
// with document text, so descriptions can never inject markup).
"use strict";

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
};

let documentRoot = null;

function resolve(schema) {
  if (schema && schema.$ref) {
    const name = schema.$ref.split("/").pop();
    return { name, schema: documentRoot.components.schemas[name] || {} };
  }
  return { name: null, schema: schema || {} };
}

function typeLabel(schema) {
  const { name, schema: s } = resolve(schema);
  if (name) return name;
  if (s.anyOf) return s.anyOf.map(typeLabel).join(" | ");
  if (s.type === "array") return typeLabel(s.items) + "[]";
  let label = s.type || "any";
  if (s.format) label += ` (${s.format})`;
  if (s.enum) label += `: ${s.enum.join(" | ")}`;
  return label;
}

function constraints(s) {
  const parts = [];
  if (s.minLength !== undefined) parts.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) parts.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) parts.push(`≥ ${s.minItems} items`);
  if (s.maxItems !== undefined) parts.push(`≤ ${s.maxItems} items`);
  if (s.pattern) parts.push(`pattern ${s.pattern}`);
  return parts.join(", ");
}

function schemaTable(schema, depth = 0) {
  const { schema: s } = resolve(schema);
  const target = s.type === "array" ? resolve(s.items).schema : s;
  if (!target.properties || depth > 3) return el("p", { class: "muted" }, typeLabel(schema));
  const required = new Set(target.required || []);
  const rows = Object.entries(target.properties).map(([name, prop]) => {
    const inner = resolve(prop).schema;
    const nested = (inner.properties || (inner.type === "array" && resolve(inner.items).schema.properties)) && !resolve(prop).name
      ? schemaTable(prop, depth + 1) : null;
    return el("tr", {}, el("td", {}, el("code", {}, name), required.has(name) ? " *" : ""),
      el("td", {}, typeLabel(prop), el("div", { class: "muted" }, constraints(inner)), nested));
  });
  return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "type"))), el("tbody", {}, rows));
}

function operationView(path, method, op) {
  const body = el("div", { class: "body" });
  if (op.description) body.append(el("p", {}, op.description));
  body.append(el("p", { class: "muted" }, op.security && op.security.length ? "Requires a bearer token." : "Public."));
  if (op.parameters && op.parameters.length) {
    body.append(el("h4", {}, "Parameters"), el("table", {}, el("tbody", {}, op.parameters.map(p =>
      el("tr", {}, el("td", {}, el("code", {}, p.name), p.required ? " *" : ""), el("td", {}, p.in),
        el("td", {}, typeLabel(p.schema), p.description ? el("div", { class: "muted" }, p.description) : null))))));
  }
  if (op.requestBody) {
    for (const [type, media] of Object.entries(op.requestBody.content || {})) {
      body.append(el("h4", {}, `Request body (${type})`), schemaTable(media.schema));
      if (media.example) body.append(el("pre", {}, JSON.stringify(media.example, null, 2)));
    }
  }
  body.append(el("h4", {}, "Responses"), el("table", {}, el("tbody", {}, Object.entries(op.responses || {}).map(([code, r]) =>
    el("tr", {}, el("td", {}, el("code", {}, code)), el("td", {}, r.description,
      ...Object.entries(r.content || {}).map(([type, media]) => el("div", { class: "muted" }, `${type}: ${media.schema ? typeLabel(media.schema) : ""}`))))))));
  return el("details", { class: "op", "data-search": `${method} ${path} ${op.summary || ""} ${(op.tags || []).join(" ")}`.toLowerCase() },
    el("summary", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), el("code", {}, path), el("span", { class: "muted" }, op.summary || "")),
    body);
}

function render() {
  const groups = new Map();
  for (const [path, item] of Object.entries(documentRoot.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || "Other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push(operationView(path, method, op));
    }
  }
  const container = document.getElementById("groups");
  container.replaceChildren(...[...groups.entries()].sort().map(([tag, ops]) =>
    el("section", { "data-group": "" }, el("h2", {}, tag), ops)));
}

function applyFilter() {
  const q = document.getElementById("filter").value.trim().toLowerCase();
  for (const op of document.querySelectorAll(".op")) op.hidden = q !== "" && !op.dataset.search.includes(q);
  for (const section of document.querySelectorAll("[data-group]")) {
    section.hidden = [...section.querySelectorAll(".op")].every(op => op.hidden);
  }
}

fetch("/openapi.json").then(r => r.json()).then(doc => {
  documentRoot = doc;
  document.getElementById("title").textContent = `${doc.info.title} ${doc.info.version}`;
  document.getElementById("intro").textContent = doc.info.description;
  render();
  document.getElementById("filter").addEventListener("input", applyFilter);
}).catch(err => {
  document.getElementById("intro").textContent = `Could not load /openapi.json: ${err}`;
});
