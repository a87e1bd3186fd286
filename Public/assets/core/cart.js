// The buyer's cart, kept in sessionStorage for this tab (cleared on logout). Lines keep what the cart
// page shows before it asks the server for current prices.
const KEY = "market.cart";

export function cart() {
  try { return JSON.parse(sessionStorage.getItem(KEY)) || { lines: [] }; } catch { return { lines: [] }; }
}

export function saveCart(value) {
  sessionStorage.setItem(KEY, JSON.stringify(value));
  document.dispatchEvent(new CustomEvent("cart-changed"));
}

export function addToCart(hit, quantity) {
  const value = cart();
  const line = value.lines.find(l => l.product_id === hit.id);
  if (line) line.quantity += quantity;
  else value.lines.push({
    product_id: hit.id, quantity, title: hit.title, sku: hit.sku, unit: hit.unit,
    seller: { id: hit.seller?.id, name: hit.seller?.name }, min_order_quantity: hit.min_order_quantity,
  });
  saveCart(value);
  return value;
}

export const cartCount = () => cart().lines.length;
