// Parsed criteria as chips. Each chip knows how to undo itself: an explicit field edit
// (`criteria` on the chat message, null clears a field) that the server applies as a
// patch without reading any words; `message` is only what the transcript shows.

import { el, clear } from "./dom.js";
import { compactNumber, followerRange, languageName, money, percent, platformLabel, regionName } from "./format.js";

const without = (list, item) => list.filter((x) => x !== item);
const listText = (items) => items.join(", ");

// One chip per list item, so each can be dropped on its own.
function listChips(criteria, field, label, show, dropMessage, editMessage) {
  const values = criteria[field] || [];
  return values.map((value) => {
    const rest = without(values, value);
    return {
      key: `${field}:${value}`,
      fields: [field],
      label,
      value: show(value),
      edit: editMessage(value),
      remove: { message: dropMessage(value, rest), criteria: { [field]: rest.length ? rest : null } },
    };
  });
}

export function criteriaChips(criteria) {
  if (!criteria) return [];
  const c = criteria;
  const chips = [];

  chips.push(...listChips(c, "platforms", "Platform", platformLabel,
    (v, rest) => (rest.length ? `only ${listText(rest.map(platformLabel))}` : "any platform"),
    (v) => `only ${platformLabel(v)}`));

  if (c.followers_min != null || c.followers_max != null) {
    chips.push({
      key: "followers", fields: ["followers_min", "followers_max"], label: "Followers",
      value: followerRange(c.followers_min, c.followers_max),
      edit: `followers between ${compactNumber(c.followers_min ?? 1000)} and ${compactNumber(c.followers_max ?? 100000)}`,
      remove: { message: "drop the follower range", criteria: { followers_min: null, followers_max: null } },
    });
  }

  chips.push(...listChips(c, "tiers", "Tier", (v) => v,
    (v) => `any size, not only ${v}`, (v) => `${v} creators`));
  chips.push(...listChips(c, "topics", "Topic", (v) => v,
    (v) => `drop the topic ${v}`, (v) => `creators about ${v}`));
  chips.push(...listChips(c, "creator_countries", "Based in", regionName,
    (v) => `creators based anywhere, not only ${regionName(v)}`, (v) => `creators based in ${regionName(v)}`));
  chips.push(...listChips(c, "creator_cities", "City", (v) => v,
    (v, rest) => (rest.length ? `only creators in ${listText(rest)}` : "creators in any city"),
    (v) => `creators based in ${v}`));
  chips.push(...listChips(c, "exclude_countries", "Not based in", regionName,
    (v) => `creators based in ${regionName(v)} are fine`, (v) => `no creators based in ${regionName(v)}`));
  if (c.creator_gender) {
    chips.push({
      key: "creator_gender", fields: ["creator_gender"], label: "Creators",
      value: c.creator_gender, edit: `${c.creator_gender} creators only`,
      remove: { message: "creators of any gender", criteria: { creator_gender: null } },
    });
  }
  chips.push(...listChips(c, "audience_countries", "Audience in", regionName,
    (v) => `drop the audience requirement for ${regionName(v)}`, (v) => `audience in ${regionName(v)}`));
  chips.push(...listChips(c, "languages", "Language", languageName,
    (v) => `any language, not only ${languageName(v)}`, (v) => `content in ${languageName(v)}`));

  if (c.audience_gender) {
    chips.push({
      key: "audience_gender", fields: ["audience_gender"], label: "Audience",
      value: `mostly ${c.audience_gender}`, edit: `audience mostly ${c.audience_gender}`,
      remove: { message: "any audience gender", criteria: { audience_gender: null } },
    });
  }
  if (c.audience_age_min != null || c.audience_age_max != null) {
    const lo = c.audience_age_min ?? 13;
    const value = c.audience_age_max != null ? `${lo}–${c.audience_age_max}` : `${lo}+`;
    chips.push({
      key: "audience_age", fields: ["audience_age_min", "audience_age_max"], label: "Audience age", value,
      edit: `audience aged ${value}`,
      remove: { message: "any audience age", criteria: { audience_age_min: null, audience_age_max: null } },
    });
  }
  if (c.min_engagement_rate != null) {
    chips.push({
      key: "min_engagement_rate", fields: ["min_engagement_rate"], label: "Engagement",
      value: `≥ ${percent(c.min_engagement_rate)}`, edit: `engagement rate above ${percent(c.min_engagement_rate)}`,
      remove: { message: "no minimum engagement rate", criteria: { min_engagement_rate: null } },
    });
  }
  if (c.budget) {
    chips.push({
      key: "budget", fields: ["budget"], label: "Budget", value: money(c.budget.amount, c.budget.currency),
      edit: `total budget ${money(c.budget.amount, c.budget.currency)}`,
      remove: { message: "no total budget", criteria: { budget: null } },
    });
  }
  if (c.max_price_per_post) {
    const p = c.max_price_per_post;
    chips.push({
      key: "max_price_per_post", fields: ["max_price_per_post"], label: "Per post",
      value: `≤ ${money(p.amount, p.currency)}`, edit: `at most ${money(p.amount, p.currency)} per post`,
      remove: { message: "no price cap per post", criteria: { max_price_per_post: null } },
    });
  }
  if (c.creators_count != null) {
    // The count always has a value (the server fills a default), so it is edited, not removed.
    chips.push({
      key: "creators_count", fields: ["creators_count"], label: "Count", value: String(c.creators_count),
      edit: `find ${c.creators_count} creators`, remove: null,
    });
  }
  chips.push(...listChips(c, "formats", "Format", (v) => v,
    (v) => `any format, not only ${v}`, (v) => `${v} content`));
  chips.push(...listChips(c, "exclude_topics", "No", (v) => v,
    (v) => `allow ${v} content`, (v) => `no ${v} content`));
  chips.push(...listChips(c, "exclude_keywords", "No", (v) => v,
    (v) => `${v} content is fine`, (v) => `no ${v} content`));
  chips.push(...listChips(c, "exclude_brands", "Never promoted", (v) => v,
    (v) => `creators who promoted ${v} are fine`, (v) => `exclude creators who promoted ${v}`));
  chips.push(...listChips(c, "exclude_handles", "Excluding", (v) => `@${v}`,
    (v) => `include @${v} again`, (v) => `exclude @${v}`));

  const hard = new Set(c.hard || []);
  for (const chip of chips) chip.hard = chip.fields.some((f) => hard.has(f));
  return chips;
}

// Renders chips into `list`. onEdit(text) pre-fills the composer; onRemove(chip) runs
// the removal as a follow-up in the same thread.
export function renderChips(list, criteria, { onEdit, onRemove, disabled = false }) {
  clear(list);
  const chips = criteria ? criteriaChips(criteria) : [];
  for (const chip of chips) {
    const kind = chip.hard ? "must" : "prefer";
    const name = `${chip.label} ${chip.value}`;
    list.append(el("li", { class: `chip chip-${kind}`, dataset: { field: chip.fields[0], key: chip.key } },
      el("button", {
        type: "button", class: "chip-label",
        title: `${chip.hard ? "Must match" : "Preference"} — click to refine in the message box`,
        "aria-label": `Edit ${name}`,
        onclick: () => onEdit(chip.edit),
      }, el("span", { class: "chip-key", text: chip.label }), " ", el("span", { class: "chip-value", text: chip.value })),
      chip.remove && el("button", {
        type: "button", class: "chip-remove", "aria-label": `Remove ${name}`, title: `Remove: “${chip.remove.message}”`,
        disabled, onclick: () => onRemove(chip),
      }, "×"),
    ));
  }
  return chips.length;
}

// Relaxation advice from the server names a criteria field; the matching chip's
// removal (or, for follower ranges, a widened range) applies it in one click.
export function relaxationAction(relaxation, criteria) {
  if (!criteria) return null;
  const field = relaxation.field;
  if (field === "followers") {
    const lo = criteria.followers_min ? Math.floor(criteria.followers_min / 2) : criteria.followers_min ?? null;
    const hi = criteria.followers_max ? criteria.followers_max * 2 : criteria.followers_max ?? null;
    return {
      message: `widen the follower range to ${followerRange(lo, hi)}`,
      criteria: { followers_min: lo, followers_max: hi },
    };
  }
  if (field === "min_engagement_rate" && criteria.min_engagement_rate != null) {
    const half = criteria.min_engagement_rate / 2;
    return { message: `engagement rate above ${percent(half)}`, criteria: { min_engagement_rate: half } };
  }
  if (field === "max_price_per_post" && criteria.max_price_per_post) {
    const p = criteria.max_price_per_post;
    const doubled = { amount: p.amount * 2, currency: p.currency };
    return { message: `at most ${money(doubled.amount, p.currency)} per post`, criteria: { max_price_per_post: doubled } };
  }
  const chip = criteriaChips(criteria).find((c) => c.fields.includes(field) && c.remove);
  if (!chip) return null;
  // List fields: drop the whole constraint. The wording names no values on purpose: the
  // server's suggestion ("…not only tiktok") read back by a parser would narrow, not widen.
  if (Array.isArray(criteria[field])) {
    return { message: WIDEN[field] || `drop the ${field.replace(/_/g, " ")} requirement`, criteria: { [field]: null } };
  }
  return chip.remove;
}

const WIDEN = {
  platforms: "any platform",
  creator_countries: "creators based in any country",
  creator_cities: "creators in any city",
  audience_countries: "audience in any country",
  languages: "any content language",
  formats: "any content format",
};
