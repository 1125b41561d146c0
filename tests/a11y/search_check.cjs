// Runs a real search on the site's search page, served over http, in headless Chromium: opens
// the page with ?q=QUERY (the page searches at once, as when a reader shares a search), waits
// for the count of results, then checks the page as it shows them (axe-core and reflow at each
// width, page_checks.cjs). Prints one JSON object: {status, results: [{href, title}],
// unavailable (whether the no-search text shows), problems}.
// Usage: node search_check.cjs NODE_PREFIX WIDTHS URL QUERY
"use strict";
const { launch, widthProblems } = require("./page_checks.cjs");

(async () => {
  const [prefix, widthList, url, query] = process.argv.slice(2);
  const widths = widthList.split(",").map(Number);
  const { browser, axeSource } = await launch(prefix);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: widths[0], height: 800 });
    await page.goto(url + "?q=" + encodeURIComponent(query), { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector(".search-status").textContent.trim() !== "", { timeout: 20000 });
    const shown = await page.evaluate(() => ({
      status: document.querySelector(".search-status").textContent,
      results: [...document.querySelectorAll(".search-results a")].map((a) => ({ href: a.href, title: a.textContent })),
      unavailable: !document.querySelector(".search-unavailable").hidden,
    }));
    shown.problems = await widthProblems(page, widths, axeSource);
    process.stdout.write(JSON.stringify(shown, null, 1) + "\n");
  } finally {
    await browser.close();
  }
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
});
