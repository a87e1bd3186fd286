// The one way the portal talks to the server: the public /v1 API, with the session token, the user's
// language (Accept-Language, so problem titles and field messages come back in it) and an
// Idempotency-Key on every POST that creates something, so a double click or a retry never creates twice.
import { lang } from "../i18n.js";

const TOKEN_KEY = "market.token";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  /** The route does not exist on this server (yet): the portal shows "not available yet". */
  get missingRoute() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) { value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY); },
  me: null,
};

let onUnauthorized = () => {};
export const setUnauthorizedHandler = fn => { onUnauthorized = fn; };

export const newIdempotencyKey = () =>
  (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

/**
 * api("GET", "/v1/me") → parsed JSON (or text for CSV), throws ApiError with the problem+json body.
 * options: json (body object), body + contentType (raw), accept, idempotencyKey, query (object).
 */
export async function api(method, path, options = {}) {
  const headers = { "Accept-Language": lang(), Accept: options.accept || "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let body;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers["Content-Type"] = options.contentType;
    body = options.body;
  }
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let url = path;
  if (options.query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query)) {
      if (value !== undefined && value !== null && value !== "") params.set(key, value);
    }
    const text = params.toString();
    if (text) url += (url.includes("?") ? "&" : "?") + text;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, cache: "no-store" });
  } catch (error) {
    throw new ApiError(0, { title: "network", detail: String(error.message || error) });
  }
  if (!response.ok) {
    let problem;
    const type = response.headers.get("Content-Type") || "";
    try { problem = type.includes("json") ? await response.json() : { title: response.statusText, detail: await response.text() }; }
    catch { problem = { title: response.statusText }; }
    if (response.status === 401 && session.token && path !== "/v1/auth/tokens") onUnauthorized();
    throw new ApiError(response.status, problem);
  }
  if (options.raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : response.text();
}

/** Every page of a list route (follows next_cursor; bounded so a huge list cannot hang the page). */
export async function apiAll(path, query = {}, maxPages = 10) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const answer = await api("GET", path, { query: { ...query, limit: 200, cursor } });
    items.push(...(answer.data || []));
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}
