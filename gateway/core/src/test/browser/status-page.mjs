// The status page in headless Chromium: it loads, shows every connection and the UNS output
// connected, shows tag values changing, and an Ack from the page acknowledges the alarm.
// Usage: node status-page.mjs <base url> <api token> <alarm id>; exit code 0 when all holds.
import { chromium } from "playwright-core";

const [base, token, alarmId] = process.argv.slice(2);
if (!base || !token || !alarmId) {
  console.error("usage: node status-page.mjs <base url> <api token> <alarm id>");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });  // a tablet
  page.on("pageerror", e => { console.error("page error:", e.message); failed = true; });
  page.on("console", m => console.log("page console:", m.text()));
  const prompts = [];
  page.on("dialog", async d => {
    prompts.push(d.message());
    if (d.type() !== "prompt") { console.error("dialog:", d.message()); failed = true; return d.dismiss(); }
    await d.accept(d.message().includes("token") ? token : "ci operator");
  });
  await page.goto(base + "/");
  const timeout = 60_000;

  for (const name of ["rhk01", "mx01"]) {
    await page.locator(`#connections tr[data-name="${name}"] td:nth-child(2)`)
      .filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout });
  }
  await page.locator('#connections tr[data-name="output-uns"] td:nth-child(2)')
    .filter({ hasText: /^READY$/ }).waitFor({ timeout });
  console.log("connections CONNECTED, UNS output READY");

  const heartbeat = page.locator('#tags tr[data-path$="/rhk01/heartbeat"] td:nth-child(2)');
  await heartbeat.waitFor({ timeout });
  const first = await heartbeat.textContent();
  await page.waitForFunction(([sel, v]) => {
    const td = document.querySelector(sel);
    return td && td.textContent !== v;
  }, ['#tags tr[data-path$="/rhk01/heartbeat"] td:nth-child(2)', first], { timeout });
  console.log("heartbeat changed from", first, "to", await heartbeat.textContent());

  await page.fill("#filter", "mx01");
  await page.waitForFunction(() => [...document.querySelectorAll("#tags tbody tr")]
    .every(r => r.hidden === !r.dataset.path.includes("mx01")), null, { timeout });
  await page.fill("#filter", "");
  console.log("filter hides the other tags");

  const row = page.locator(`#alarms tr[data-id="${alarmId}"]`);
  await row.locator("td.state").filter({ hasText: /^UNACKED$/ }).waitFor({ timeout });
  await row.locator("button.ack").click();
  await row.locator("td.state").filter({ hasText: /^ACKED$/ }).waitFor({ timeout });
  console.log("alarm acknowledged from the page; prompts:", prompts.join(" | "));
  if (prompts.length !== 2) { console.error("expected the name and the token asked once"); failed = true; }

  const depth = await page.locator("#buffer-depth").textContent();
  if (!/^\d+$/.test(depth)) { console.error("buffer depth not shown:", depth); failed = true; }
} catch (e) {
  console.error("status page test failed:", e.message);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
