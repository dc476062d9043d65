// Shared by the search benchmarks (tools/bench-search.mjs over the shipped corpus, the scale
// section of tools/bench.mjs over generated content).

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/**
 * Types `q` into the search page's field and returns two times in milliseconds from the input
 * event: `inPage`, until the results for `q` are in the DOM (the app's own work: index lookup,
 * drawing the list, the address update), and `shown`, until the second animation frame after that
 * (what the learner sees: the frame that paints them has been drawn). An empty `q` clears the
 * results. Waits at most `limitMs` (the first search builds the index).
 */
export function timeSearch(page, q, limitMs = 10_000) {
  return page.evaluate(
    async ({ q, limitMs }) => {
      const field = document.getElementById("search-field");
      const t0 = performance.now();
      field.value = q;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      const done = () =>
        q === ""
          ? !document.querySelector("[data-testid=search-count]")
          : !!document.querySelector("[data-testid=search-count]") && new URL(location.href).searchParams.get("q") === q;
      // Checked after every task (a message channel is not throttled like nested timers).
      const inPage = await new Promise((resolve) => {
        const channel = new MessageChannel();
        const check = () => (done() || performance.now() - t0 > limitMs ? resolve(performance.now() - t0) : channel.port2.postMessage(0));
        channel.port1.onmessage = check;
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { inPage, shown: performance.now() - t0 };
    },
    { q, limitMs },
  );
}

/**
 * Opens `url` (a `/search?q=…` address) and returns the milliseconds from navigation start to the
 * frame that shows its results: the first search as a learner meets it, with the app's start and
 * the search file's fetch and indexing on the way.
 */
export async function timeFirstSearch(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const look = () =>
          document.querySelector("[data-testid=search-count]") ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(look);
        look();
      }),
  );
}
