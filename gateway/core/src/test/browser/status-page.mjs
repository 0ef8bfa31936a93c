// The status page in headless Chromium, as an operator at the kiln uses it, at 1280 px (a desk)
// and 1024 px (a tablet): no horizontal scrolling, every field present and filled, alarms sorted
// by priority, and with a token one Ack and then two alarms acknowledged by one "Acknowledge
// selected"; without a token, no command at all.
// Usage: node status-page.mjs <base url> <api token or -> <alarm ids, comma-separated, by priority,
//        or - for none standing>
//        [<screenshot directory or -> [<config file to break, or ->]]
// Exit code 0 when all holds.
import { chromium } from "playwright-core";
import { appendFileSync } from "node:fs";
import { join } from "node:path";

const [base, tokenArg, idList, shots = "-", configFile = "-"] = process.argv.slice(2);
if (!base || !tokenArg || !idList) {
  console.error("usage: node status-page.mjs <base url> <api token or -> <alarm ids> [<screenshot dir>] [<config file>]");
  process.exit(2);
}
const token = tokenArg === "-" ? null : tokenArg;
const ids = idList === "-" ? [] : idList.split(",");
const timeout = 60_000;
const WIDTHS = [1280, 1024];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
function fail(message) { console.error(message); failed = true; }

/** Nothing scrolls sideways: neither the page nor any section in it. */
async function assertNoHorizontalScroll(page, width) {
  const overflow = await page.evaluate(() => {
    const wide = [];
    const doc = document.scrollingElement;
    if (doc.scrollWidth > doc.clientWidth) wide.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const s of document.querySelectorAll("section, header")) {
      if (s.scrollWidth > s.clientWidth) wide.push(`${s.id || s.tagName} ${s.scrollWidth} > ${s.clientWidth}`);
    }
    return wide;
  });
  if (overflow.length) fail(`horizontal scrolling at ${width} px: ${overflow.join("; ")}`);
  else console.log(`no horizontal scrolling at ${width} px`);
}

async function text(page, selector) { return (await page.locator(selector).first().textContent()).trim(); }

try {
  const page = await browser.newPage({ viewport: { width: WIDTHS[0], height: 900 } });
  page.on("pageerror", e => fail("page error: " + e.message));
  page.on("console", m => console.log("page console:", m.text()));
  const prompts = [];
  page.on("dialog", async d => {
    prompts.push(d.message());
    if (d.type() !== "prompt") { fail("dialog: " + d.message()); return d.dismiss(); }
    await d.accept(d.message().includes("token") ? token : "ci operator");
  });
  await page.goto(base + "/");

  for (const name of ["rhk01", "mx01"]) {
    await page.locator(`#connections tr[data-name="${name}"] td.state .word`)
      .filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout });
  }
  for (const name of ["uns", "sparkplug", "alarms"]) {
    await page.locator(`#outputs tr[data-name="${name}"] td:nth-child(2)`)
      .filter({ hasText: /^READY$/ }).waitFor({ timeout });
  }
  for (const client of ["telemetry", "sparkplug", "alarms"]) {
    await page.locator(`#publishing tr[data-name="${client}"] td:nth-child(2)`)
      .filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout });
  }
  console.log("PLCs CONNECTED; UNS, Sparkplug and alarm outputs READY; their broker clients CONNECTED");

  // Every standing alarm, most urgent first; "none" when there is none.
  if (ids.length === 0) {
    await page.locator("#alarms tbody tr.none").filter({ hasText: /^none$/ }).waitFor({ timeout });
    console.log('no alarm standing: the table says "none"');
  }
  await page.waitForFunction(n => document.querySelectorAll("#alarms tbody tr[data-id]").length === n,
    ids.length, { timeout });
  const order = await page.$$eval("#alarms tbody tr[data-id]", rows => rows.map(r => r.dataset.id));
  if (order.join() !== ids.join()) fail(`alarms not sorted by priority: ${order.join(", ")}`);
  const priorities = await page.$$eval("#alarms tbody .badge", b => b.map(e => e.textContent));
  console.log("alarms by priority:", priorities.join(", "));

  // The live figures an operator reads: each present and filled.
  await page.waitForFunction(() => parseFloat(document.getElementById("values-rate").textContent) > 0,
    null, { timeout });
  await page.waitForFunction(() => /ago$/.test(document.querySelector(
    '#connections tr[data-name="rhk01"] td.last-data').textContent), null, { timeout });
  const fields = {
    version: await text(page, "#gw-version"), commit: await text(page, "#gw-commit"),
    uptime: await text(page, "#gw-uptime"), config: await text(page, "#gw-config"),
    "rhk01 last data": await text(page, '#connections tr[data-name="rhk01"] td.last-data'),
    "rhk01 values/s": await text(page, '#connections tr[data-name="rhk01"] td.rate'),
    "rhk01 reconnects": await text(page, '#connections tr[data-name="rhk01"] td.reconnects'),
    "values/s": await text(page, "#values-rate"), "publish errors": await text(page, "#publish-errors"),
    "buffer fill": await text(page, "#buffer-fill"), "buffer depth": await text(page, "#buffer-depth"),
    "last reload": await text(page, "#reload-applied"),
  };
  console.log("fields:", JSON.stringify(fields));
  for (const [name, value] of Object.entries(fields)) {
    if (!value || (value === "—" && !(name === "config" && configFile === "-"))) fail(`${name} not shown: "${value}"`);
  }
  if (!/^\d+$/.test(fields["rhk01 reconnects"])) fail("reconnects not a count: " + fields["rhk01 reconnects"]);
  if (!/ of .*\s%$/.test(fields["buffer fill"])) fail("buffer fill not against its limit: " + fields["buffer fill"]);
  if (configFile !== "-" && !configFile.endsWith(fields.config)) fail("config file not shown: " + fields.config);

  const heartbeat = '#tags tr[data-path$="/rhk01/heartbeat"] td:nth-child(2)';
  await page.locator(heartbeat).waitFor({ timeout });
  const first = await text(page, heartbeat);
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).textContent !== v,
    [heartbeat, first], { timeout });
  console.log("heartbeat changed from", first, "to", await text(page, heartbeat));

  // The tables the outputs add: the maintenance counters and the notification deliveries.
  const counterRow = "#section-maintenance tbody tr:not(.none)";
  await page.locator(counterRow).first().waitFor({ timeout });
  const counter = await page.locator(counterRow + " td").allTextContents();
  console.log("maintenance counter:", counter.join(" | "));
  if (counter[0] !== "mixing.mx01.heartbeat.count" || !/^\d+$/.test(counter[1]) || !/%$/.test(counter[3])) {
    fail("maintenance counter not shown: " + counter.join(" | "));
  }
  const deliveryRow = "#section-notification-deliveries tbody tr:not(.none)";
  await page.locator(deliveryRow).first().waitFor({ timeout });
  if (ids.length > 0) {
    // The urgent alarm standing goes to a webhook that refuses: attempts fail and wait.
    await page.waitForFunction(sel => Number(document.querySelector(sel).cells[4].textContent) > 0,
      deliveryRow, { timeout });
  }
  const delivery = await page.locator(deliveryRow + " td").allTextContents();
  console.log("deliveries:", delivery.join(" | "));
  if (delivery[0] !== "cmms" || delivery[1] !== "webhook") fail("deliveries not shown: " + delivery.join(" | "));

  const commandControls = await page.locator("button.ack, input.select, button.shelve, #ack-selected:visible").count();
  if (token === null) {
    if (commandControls !== 0) fail(`${commandControls} command controls shown although the API has no token`);
    if (!(await text(page, "#commands-note")).includes("FLOORGATE_API_TOKEN")) fail("no word on why there is no Ack");
    console.log("no token: no Ack buttons, no checkboxes, and the note on FLOORGATE_API_TOKEN");
  } else if (ids.length > 0 && commandControls === 0) {
    fail("no Ack buttons although the API has a token");
  }

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 1024 ? 768 : 900 });
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
    await assertNoHorizontalScroll(page, width);
    if (shots !== "-" && token !== null) {
      const file = join(shots, `status-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log("screenshot", file);
    }
  }

  await page.fill("#filter", "mx01");
  await page.waitForFunction(() => [...document.querySelectorAll("#tags tbody tr")]
    .every(r => r.hidden === !r.dataset.path.includes("mx01")), null, { timeout });
  await page.fill("#filter", "");
  console.log("the filter hides the other tags");

  if (token !== null && ids.length >= 4) {
    const state = id => page.locator(`#alarms tr[data-id="${id}"] td.state`);
    await page.locator(`#alarms tr[data-id="${ids[0]}"] button.ack`).click();
    await state(ids[0]).filter({ hasText: /^ACKED$/ }).waitFor({ timeout });
    console.log("one alarm acknowledged with its Ack button; prompts:", prompts.join(" | "));

    for (const id of ids.slice(1, 3)) {
      await page.locator(`#alarms tr[data-id="${id}"] input.select`).check();
    }
    const button = page.locator("#ack-selected");
    if ((await button.textContent()).trim() !== "Acknowledge selected (2)") fail("the button does not count the selection: " + await button.textContent());
    await button.click();
    for (const id of ids.slice(1, 3)) {
      await state(id).filter({ hasText: /^ACKED$/ }).waitFor({ timeout });
    }
    console.log("two alarms acknowledged by one Acknowledge selected:", await text(page, "#command-result"));
    if (prompts.length !== 2) fail("expected the name and the token asked once, got " + prompts.length);
    if (await state(ids[3]).textContent() !== "UNACKED") fail("an alarm not selected was acknowledged");
  }

  if (configFile !== "-") {
    appendFileSync(configFile, "\nconnections: [ { name: broken\n");
    await page.locator("#reload-error").filter({ hasText: /\S/ }).waitFor({ timeout });
    console.log("reload error shown:", await text(page, "#reload-error"));
  }
} catch (e) {
  fail("status page test failed: " + e.message);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
