// Money stays exact: amounts are decimal strings from the API; arithmetic (cart subtotals, chart scales)
// uses BigInt minor units with the currency's exponent (ISO 4217), never floating point.

const EXPONENTS = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, HUF: 2, TWD: 2, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3, LYD: 3, IQD: 3 };
export const exponent = currency => EXPONENTS[currency] ?? 2;
export const CURRENCIES = ["USD", "EUR", "KRW", "JPY", "GBP", "CNY", "KWD"];

/** "1234.5" → { int: 12345n, scale: 1 }; null when not a plain decimal. */
function parseDecimal(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? "").trim());
  if (!match) return null;
  const fraction = match[3] || "";
  const value = BigInt(match[2] + fraction);
  return { int: match[1] ? -value : value, scale: fraction.length };
}

/** Divides by 10^shift rounding half to even (the API's rule for every computed amount). */
function roundShift(value, shift) {
  if (shift <= 0) return value * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let quotient = abs / divisor;
  const remainder = abs % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** Decimal string → BigInt minor units of `currency` (rounded half-even when it has more digits). */
export function toMinor(amount, currency) {
  const parsed = parseDecimal(amount);
  if (!parsed) return null;
  return roundShift(parsed.int, parsed.scale - exponent(currency));
}

/** BigInt minor units → decimal string with exactly the currency's digits. */
export function fromMinor(minor, currency) {
  const exp = exponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exp + 1, "0");
  const text = exp ? `${digits.slice(0, -exp)}.${digits.slice(-exp)}` : digits;
  return negative ? `-${text}` : text;
}

/** unit price (decimal string, up to 6 digits) × whole quantity, rounded half-even to the minor unit. */
export function lineTotalMinor(unitPrice, quantity, currency) {
  const parsed = parseDecimal(unitPrice);
  if (!parsed || !Number.isInteger(quantity)) return null;
  return roundShift(parsed.int * BigInt(quantity), parsed.scale - exponent(currency));
}

/** Groups the integer part with thin separators: "1234567.50" → "1,234,567.50". Keeps every digit given. */
export function groupDigits(amount) {
  const text = String(amount ?? "");
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (match[3] || "");
}

/** { amount, currency } → "KRW 1,250" (display as given). */
export function formatMoney(money) {
  if (!money || typeof money !== "object" || money.amount === undefined) return "—";
  return `${money.currency ?? ""} ${groupDigits(money.amount)}`.trim();
}

/** Ratio in [0, 1] of two BigInts for drawing (pixels, not money). */
export function ratio(part, whole) {
  if (!whole || whole <= 0n) return 0;
  return Number((part * 10000n) / whole) / 10000;
}

export const isMoney = value => Boolean(value) && typeof value === "object" && "amount" in value && "currency" in value;
