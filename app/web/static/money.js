// Money in the brief's currency (issue 12). Prices are estimated in USD (or a rate card's
// own currency); the brief's budget or cap names the currency the marketer thinks in.
// The rates are the service's own fixed table (GET /v1/currencies), so the page converts
// with exactly the numbers the server compared caps with, and says so.

import { getCurrencies } from "./api.js";
import { money, moneyRange } from "./format.js";

let table = { USD: 1 };

export async function loadRates() {
  try {
    table = (await getCurrencies())?.to_usd || table;
  } catch {
    /* prices then stay in their own currency */
  }
}

export function briefCurrency(criteria) {
  return (criteria?.budget?.currency || criteria?.max_price_per_post?.currency || "USD").toUpperCase();
}

export function convert(amount, from, to) {
  if (!Number.isFinite(amount)) return null;
  const a = table[String(from).toUpperCase()];
  const b = table[String(to).toUpperCase()];
  if (!a || !b) return null;
  return (amount * a) / b;
}

export function rateNote(from, to) {
  if (from === to || !table[from] || !table[to]) return "";
  return `1 ${to} ≈ ${(table[to] / table[from]).toFixed(2)} ${from} (fixed approximate rate)`;
}

// The server's price method is a compact code (retrieval/signals/pricing.py):
// "tier_benchmark:instagram:micro|video:+40-50%" or "rate_card:65 EUR/reel|fx≈1.08 (approximate)".
// A marketer reads it in words; an unknown shape is shown as it came.
const PLATFORMS = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube", x: "X", linkedin: "LinkedIn",
  xiaohongshu: "Xiaohongshu", twitch: "Twitch", pinterest: "Pinterest", facebook: "Facebook", threads: "Threads" };

function methodNote(note, currency) {
  if (note === "video:+40-50%") return "video posts +40–50%";
  if (note === "below nano:nano band") return "under 1k followers: nano rates";
  if (note.startsWith("fx≈")) {
    const rate = note.slice(3).replace(" (approximate)", "");
    return `converted at ${currency ? `1 ${currency} ≈ ${rate} USD` : rate} (approximate rate)`;
  }
  if (note.startsWith("extrapolated:")) return `extrapolated: ${note.slice("extrapolated:".length)}`;
  return note;
}

export function priceMethodText(method) {
  if (!method) return "";
  const [head, ...notes] = String(method).split("|");
  let text = null;
  const bench = /^tier_benchmark:([a-z]+):([a-z]+)$/.exec(head);
  const card = /^rate_card:(.+)\/([^/]+)$/.exec(head);
  if (bench) text = `published ${bench[2]} ${PLATFORMS[bench[1]] || bench[1]} rates`;
  else if (card) text = `the creator's rate card (${card[1]} per ${card[2]})`;
  if (text === null) return method;
  const currency = card ? card[1].trim().split(" ").pop() : null;
  return [text, ...notes.map((n) => methodNote(n, currency))].join("; ");
}

// {text, original, note, cap}: a price range in the brief's currency, the original beside
// it, and how it compares with the brief's per-post cap (in one currency).
export function priceView(estimate, criteria) {
  if (!estimate) return null;
  const target = briefCurrency(criteria);
  const from = String(estimate.currency || "USD").toUpperCase();
  // Converted estimates are rounded to whole units: cents would claim a precision a
  // benchmark band and an approximate rate do not have.
  // Unconverted ones too: a €65 rate card is "$70" in USD, not "$70.20".
  const round = (v) => (v == null ? v : Math.round(v));
  const low = round(convert(estimate.low, from, target));
  const high = round(convert(estimate.high, from, target));
  const converted = from !== target && low != null && high != null;
  const own = (v) => (Number.isFinite(v) && v >= 1 ? Math.round(v) : v);
  const view = {
    text: converted ? moneyRange(low, high, target) : moneyRange(own(estimate.low), own(estimate.high), from),
    original: converted ? `est. ${moneyRange(own(estimate.low), own(estimate.high), from)}` : "",
    note: converted ? rateNote(from, target) : "",
    method: priceMethodText(estimate.method),
    cap: null,
    lowIn: converted ? low : estimate.low,
    currency: converted ? target : from,
  };
  const cap = criteria?.max_price_per_post;
  if (cap) {
    const c = convert(cap.amount, cap.currency, view.currency);
    const hi = converted ? high : estimate.high;
    const lo = view.lowIn;
    if (c != null) {
      const capText = money(cap.amount, cap.currency);
      view.cap = hi <= c ? { level: "ok", text: `within your ${capText} cap` }
        : lo <= c ? { level: "warn", text: `top of the range is above your ${capText} cap` }
          : { level: "bad", text: `above your ${capText} cap` };
    }
  }
  return view;
}

// The shortlist's estimated spend (USD in stats) in the brief's currency.
export function spendView(spendUsd, criteria) {
  if (!spendUsd || !(spendUsd.low || spendUsd.high)) return null;
  const target = briefCurrency(criteria);
  const low = Math.round(convert(spendUsd.low, "USD", target) ?? NaN);
  const high = Math.round(convert(spendUsd.high, "USD", target) ?? NaN);
  if (target === "USD" || !Number.isFinite(low)) {
    return { text: moneyRange(spendUsd.low, spendUsd.high, "USD"), note: "", low: spendUsd.low, high: spendUsd.high, currency: "USD" };
  }
  return { text: moneyRange(low, high, target), note: rateNote("USD", target), low, high, currency: target };
}
