// The chat thread id lives in the URL hash (#thread=…) so a shortlist can be
// bookmarked or shared. Opening "/" starts a new brief; earlier ones are in the thread list.

function randomId() {
  // 32 hex chars: safe in any URL path, and crypto.randomUUID needs a secure context.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The server's rule for client-chosen thread ids: letters, digits, _ and -, up to 64.
const valid = (id) => (id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null);

export function threadFromHash() {
  return valid(new URLSearchParams(window.location.hash.slice(1)).get("thread"));
}

export function useThread(id) {
  const hash = `#thread=${encodeURIComponent(id)}`;
  // replaceState: switching threads should not flood the back button.
  if (window.location.hash !== hash) history.replaceState(null, "", hash);
}

export function newThreadId() {
  return randomId();
}
