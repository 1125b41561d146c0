// Opens each HTML file in headless Chromium (Debian's, through puppeteer-core: no browser
// download) at each viewport width and checks it: axe-core with the WCAG 2.1 A and AA rules and
// scrollable-region-focusable; reflow (WCAG 1.4.10: the page does not scroll sideways and no text
// lies off screen, outside a region that scrolls itself); that the page loads nothing but
// itself and the files beside it; and that its typeface is the shipped font, loaded.
// Prints one JSON object: {"<file>": [problems...]}, a problem being {id, width, help, nodes}.
// Usage: node page_checks.cjs NODE_PREFIX WIDTHS ROOT FILE...   (WIDTHS: 320,390,768,1280; a page
// may load files under ROOT, the folder of the site or report, and nothing else)
"use strict";
const path = require("path");
const fs = require("fs");

const AXE_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  rules: { "scrollable-region-focusable": { enabled: true } },
  resultTypes: ["violations"],
};

// In the page: what reads off screen at this width. Text inside an element that scrolls itself
// (overflow-x auto or scroll) is reachable by scrolling that element, so it is not counted.
function reflowProblems() {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
  }
  const scrolls = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && node !== document.documentElement && node !== document.body) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text && problems.length < 5; text = walker.nextNode()) {
    if (!text.textContent.trim() || !text.parentElement || scrolls(text)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) {
      if (rect.width > 0 && (rect.left < -1 || rect.right > width + 1)) {
        const style = getComputedStyle(text.parentElement);
        if (style.position === "absolute" && rect.right < 0) continue; // a skip link waiting for focus
        problems.push(`text out of view (${Math.round(rect.left)}–${Math.round(rect.right)} px): "${text.textContent.trim().slice(0, 40)}"`);
        break;
      }
    }
  }
  return problems;
}

function fontProblems() {
  const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, "") === "Inter");
  if (!faces.length) return ["no @font-face for Inter"];
  if (!faces.some((face) => face.status === "loaded")) return ["the Inter font did not load"];
  return [];
}

// Debian's Chromium through the puppeteer-core and axe-core installed under `prefix`.
async function launch(prefix) {
  const modules = path.join(path.resolve(prefix), "node_modules");
  const puppeteer = require(path.join(modules, "puppeteer-core"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  return { browser, axeSource: fs.readFileSync(path.join(modules, "axe-core", "axe.min.js"), "utf8") };
}

// axe-core's violations and reflow problems of the page as it is now, laid out at each width.
async function widthProblems(page, widths, axeSource) {
  const found = [];
  await page.addScriptTag({ content: axeSource });
  for (const width of widths) {
    await page.setViewport({ width, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    const outcome = await page.evaluate((options) => axe.run(document, options), AXE_OPTIONS);
    for (const v of outcome.violations) {
      found.push({ id: v.id, width, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary) });
    }
    const reflow = await page.evaluate(reflowProblems);
    if (reflow.length) found.push({ id: "reflow", width, help: "content wider than the viewport", nodes: reflow });
  }
  return found;
}

module.exports = { launch, widthProblems };
if (require.main !== module) return;

(async () => {
  const [prefix, widthList, root, ...files] = process.argv.slice(2);
  const widths = widthList.split(",").map(Number);
  const { browser, axeSource } = await launch(prefix);
  const results = {};
  try {
    for (const file of files) {
      const found = (results[file] = []);
      const folder = "file://" + path.resolve(root) + "/";
      const page = await browser.newPage();
      // A page may load only itself and the site's own files (its fonts); anything else fails.
      await page.setRequestInterception(true);
      const requested = [];
      page.on("request", (request) => {
        const url = request.url();
        if (url.startsWith(folder) || url.startsWith("data:")) {
          request.continue();
        } else {
          requested.push(url);
          request.abort();
        }
      });
      // Loaded once, then laid out again at each width: the same page a reader turns or resizes.
      await page.setViewport({ width: widths[0], height: 800 });
      await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const fonts = await page.evaluate(fontProblems);
      if (fonts.length) found.push({ id: "font", width: widths[0], help: "the document's typeface", nodes: fonts });
      found.push(...(await widthProblems(page, widths, axeSource)));
      if (requested.length) {
        found.push({ id: "external-request", width: null, help: "the page requested " + [...new Set(requested)].join(", "), nodes: [] });
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
