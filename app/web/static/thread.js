// The chat thread id lives in the URL hash (#thread=…) so a shortlist can be
// bookmarked or shared, and in localStorage so reopening "/" resumes the last brief.

const STORAGE = "castlist.thread";

function randomId() {
  // 32 hex chars: safe in any URL path, and crypto.randomUUID needs a secure context.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function threadFromHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const id = params.get("thread");
  return id && /^[\w-]{1,128}$/.test(id) ? id : null;
}

export function rememberedThread() {
  try {
    return localStorage.getItem(STORAGE);
  } catch {
    return null;
  }
}

export function useThread(id) {
  try {
    localStorage.setItem(STORAGE, id);
  } catch {
    /* storage disabled */
  }
  const hash = `#thread=${encodeURIComponent(id)}`;
  // replaceState: switching threads should not flood the back button.
  if (window.location.hash !== hash) history.replaceState(null, "", hash);
}

export function newThreadId() {
  return randomId();
}
