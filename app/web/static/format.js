// Number, money and label formatting, in one place so cards, chips and summaries agree.

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

export const PLATFORM_LABELS = {
  instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube", x: "X", linkedin: "LinkedIn",
  xiaohongshu: "Xiaohongshu", twitch: "Twitch", pinterest: "Pinterest", facebook: "Facebook",
  threads: "Threads",
};

export function platformLabel(platform) {
  return PLATFORM_LABELS[platform] || String(platform || "");
}

export function compactNumber(n) {
  return Number.isFinite(n) ? compact.format(n) : "–";
}

export function wholeNumber(n) {
  return Number.isFinite(n) ? whole.format(n) : "–";
}

// Criteria and metrics store rates as fractions (0.03 is 3 %).
export function percent(fraction, digits = 1) {
  if (!Number.isFinite(fraction)) return "–";
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function money(amount, currency = "USD") {
  if (!Number.isFinite(amount)) return "–";
  try {
    return new Intl.NumberFormat("en", {
      style: "currency", currency, notation: amount >= 100_000 ? "compact" : "standard",
      // Whole amounts read cleaner without cents ("$5–$25", not "$5.00–$25.00").
      maximumFractionDigits: amount >= 100 || Number.isInteger(amount) ? 0 : 2,
    }).format(amount);
  } catch {
    // An unknown currency code must not break the card.
    return `${whole.format(amount)} ${currency}`;
  }
}

export function moneyRange(low, high, currency) {
  if (!Number.isFinite(low) && !Number.isFinite(high)) return "–";
  if (low === high || !Number.isFinite(high)) return money(low, currency);
  return `${money(low, currency)}–${money(high, currency)}`;
}

export function followerRange(min, max) {
  if (min != null && max != null) return `${compactNumber(min)}–${compactNumber(max)}`;
  if (min != null) return `${compactNumber(min)}+`;
  if (max != null) return `up to ${compactNumber(max)}`;
  return "any";
}

// "brand_safety" -> "Brand safety"
export function humanize(name) {
  const text = String(name || "").replace(/_/g, " ").trim();
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

// Scores are 0..1; shown as 0..100 because marketers read them as percentages.
export function score100(value) {
  return Number.isFinite(value) ? Math.round(Math.max(0, Math.min(1, value)) * 100) : 0;
}

// ISO codes as names in the page ("DE" -> "Germany", "de" -> "German"); the code itself
// when the browser does not know it.
const regions = new Intl.DisplayNames(["en"], { type: "region" });
const languages = new Intl.DisplayNames(["en"], { type: "language" });
export function regionName(code) { try { return regions.of(code); } catch { return code; } }
export function languageName(code) { try { return languages.of(code); } catch { return code; } }
