// The progress line: the pipeline's stages (DESIGN 2) as a stepper, plus the latest
// message in a polite live region so screen readers hear the run advance.

import { el, clear } from "./dom.js";

const STAGES = [
  ["parse", "Read brief"],
  ["retrieve", "Search"],
  ["vet", "Vet"],
  ["select", "Select"],
  ["explain", "Explain"],
];
// Stages the graph runs only sometimes (agents/nodes): named in words, never by their id.
const EXTRA_STAGES = { prefer: "Preferences first", relax: "Relax a preference", polish: "Write-up" };

export class Progress {
  constructor(root, list, status) {
    this.root = root;
    this.list = list;
    this.status = status;
    this.items = new Map();
  }

  start(text = "Working…") {
    clear(this.list);
    this.items.clear();
    for (const [id, label] of STAGES) this.#add(id, label);
    this.root.hidden = false;
    this.root.classList.add("running");
    this.#mark(STAGES[0][0], "active");
    this.say(text);
  }

  #add(id, label) {
    const item = el("li", { class: "stage", dataset: { stage: id } },
      el("span", { class: "dot", "aria-hidden": "true" }), el("span", { text: label }));
    this.items.set(id, item);
    this.list.append(item);
    return item;
  }

  #mark(id, state) {
    const item = this.items.get(id);
    if (!item) return;
    item.classList.remove("active", "done");
    item.classList.add(state);
    item.setAttribute("aria-current", state === "active" ? "step" : "false");
  }

  // A progress event is sent when a stage ends: mark it done and the next one active.
  update({ stage, message, elapsed_ms: elapsed }) {
    if (!this.items.has(stage)) this.#add(stage, EXTRA_STAGES[stage] || "Working");
    const ids = [...this.items.keys()];
    const at = ids.indexOf(stage);
    ids.forEach((id, i) => {
      if (i <= at) this.#mark(id, "done");
    });
    if (ids[at + 1]) this.#mark(ids[at + 1], "active");
    const time = !Number.isFinite(elapsed) ? ""
      : elapsed < 1000 ? ` (${Math.round(elapsed)} ms)` : ` (${(elapsed / 1000).toFixed(1)} s)`;
    this.say(`${message}${time}`);
  }

  say(text) {
    this.status.textContent = text;
  }

  finish(text) {
    this.root.classList.remove("running");
    for (const item of this.items.values()) item.classList.remove("active");
    if (text) this.say(text);
  }
}
