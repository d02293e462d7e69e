// While the first start's demo index is still being built, say so at the top of the page:
// briefs already work, on the creators indexed so far (see app/demo_build.py).
// Polls /readyz (no key needed) until the index is ready, then hides itself.

const banner = document.getElementById("index-status");
const POLL_MS = 3000;

async function poll() {
  let body = null;
  try {
    const response = await fetch("/readyz", { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch {
    setTimeout(poll, POLL_MS); // the service is restarting: try again
    return;
  }
  const build = body && body.build;
  if (body && body.status === "building" && build) {
    const what = build.phase === "ingesting"
      ? `${build.ingested.toLocaleString()} of ${build.total.toLocaleString()} creators indexed`
      : build.phase;
    banner.textContent = `Building the demo index: ${what}. Briefs search what is indexed so far.`;
    banner.hidden = false;
    setTimeout(poll, POLL_MS);
  } else {
    banner.hidden = true; // ready (or a problem /readyz reports on its own)
  }
}

if (banner) poll();
