// Tiny DOM builder. Every string becomes a text node or an attribute value, never
// markup: creator bios, captions and handles are untrusted, so nothing in this app
// ever assigns innerHTML from data.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "href") {
      const safe = safeUrl(value);
      if (safe) node.setAttribute("href", safe);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// Links come from creator data too: only http(s) may become an href, so a
// "javascript:" or "data:" URL in a profile or post is dropped, not made clickable.
export function safeUrl(value) {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// A link that opens outside the app; falls back to plain text when the URL is unsafe.
export function externalLink(url, text, props = {}) {
  const href = safeUrl(url);
  if (!href) return el("span", props, text);
  return el("a", { ...props, href, target: "_blank", rel: "noopener noreferrer" }, text);
}
