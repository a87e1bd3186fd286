// Reference lists several screens need (category tree, suppliers), fetched once per page load.
import { lang, t } from "../i18n.js";
import { api, apiAll } from "./api.js";

let categoryTree = null;

export async function categories() {
  categoryTree ??= api("GET", "/v1/catalog/categories").then(answer => answer.data || []).catch(error => { categoryTree = null; throw error; });
  return categoryTree;
}

const nameOf = category => category.name?.[lang()] || category.name?.en || category.display_name || category.id;

/** [[id, "Parent › Child"], ...] depth-first, for <select>s. */
export async function categoryOptions() {
  const out = [];
  const walk = (nodes, prefix) => {
    for (const node of nodes) {
      const label = prefix ? `${prefix} › ${nameOf(node)}` : nameOf(node);
      out.push([node.id, label]);
      walk(node.children || [], label);
    }
  };
  walk(await categories(), "");
  return out;
}

/** id → name in the current language. */
export async function categoryNames() {
  const names = new Map();
  const walk = nodes => nodes.forEach(node => { names.set(node.id, nameOf(node)); walk(node.children || []); });
  walk(await categories());
  return names;
}

/** Operator only: every supplier, any status. */
export async function adminSellers() {
  return apiAll("/v1/admin/sellers");
}

export const withNone = (options, label = t("common.none")) => [["", label], ...options];
