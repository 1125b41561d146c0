// Opens each HTML file in headless Chromium (Debian's, through puppeteer-core: no browser
// download) and runs axe-core with the WCAG 2.1 A and AA rules. Prints one JSON object:
// {"<file>": [violations...]}. Usage: node axe_check.cjs NODE_PREFIX FILE...
"use strict";
const path = require("path");
const fs = require("fs");

const [prefix, ...files] = process.argv.slice(2);
const modules = path.join(path.resolve(prefix), "node_modules");
const puppeteer = require(path.join(modules, "puppeteer-core"));
const axeSource = fs.readFileSync(path.join(modules, "axe-core", "axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  const results = {};
  try {
    for (const file of files) {
      const page = await browser.newPage();
      // Reports are self-contained: any request beyond the file itself is a failure.
      await page.setRequestInterception(true);
      const requested = [];
      page.on("request", (request) => {
        const url = request.url();
        if (url === "file://" + path.resolve(file) || url.startsWith("data:")) {
          request.continue();
        } else {
          requested.push(url);
          request.abort();
        }
      });
      await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const outcome = await page.evaluate(
        (tags) => axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      results[file] = outcome.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
      }));
      if (requested.length) {
        results[file].push({ id: "external-request", impact: "serious", help: "the page requested " + requested.join(", "), nodes: [] });
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
});
