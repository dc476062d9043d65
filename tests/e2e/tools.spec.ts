import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { appReady, databaseContents, expectNoAxeViolations, screenshot, watchConsole } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const en = read("i18n/en.json");
const de = read("i18n/de.json");
const health = read("health-check.json");

/** Starts a worksheet of a tool from its list page and waits for the editor. */
async function startWorksheet(page: Page, slug: string, key: string, name: string) {
  await page.goto(`/tools/${slug}`);
  await appReady(page);
  await page.getByLabel(en[`tools.${key}.new_name`]).fill(name);
  await page.getByTestId("create-worksheet").click();
  await expect(page).toHaveURL(new RegExp(`/tools/${slug}/ws-[0-9a-f]+$`));
  await expect(page.locator("main h1")).toHaveText(name);
}

async function saved(page: Page) {
  await expect(page.getByTestId("save-state")).toHaveText(en["tools.saved"]);
}

/** The stakeholder dot of a name. */
const dot = (page: Page, name: string) => page.locator(`[data-testid=stakeholder-dot][data-name="${name}"]`);

/** "(interest, influence)" from a dot's accessible name. */
async function position(page: Page, name: string) {
  const label = (await dot(page, name).getAttribute("aria-label")) ?? "";
  const m = label.match(/influence (\d+), interest (\d+)/);
  expect(m, label).not.toBeNull();
  return { influence: Number(m![1]), interest: Number(m![2]) };
}

/** Width, height and the decompressed pixel rows of a PNG file (8-bit RGBA, as canvases write). */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const len = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + len;
  }
  return { width, height, pixels: inflateSync(Buffer.concat(idat)) };
}

test("a stakeholder map: five stakeholders, moved by keyboard and pointer, kept after reload, exported as SVG, PNG and JSON", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  await page.goto("/module/stakeholder-mapping");
  await appReady(page);
  await page.getByRole("link", { name: en["tools.stakeholder_map.title"] }).click();
  await expect(page).toHaveURL(/\/tools\/stakeholder-map$/);
  await expect(page.getByText(en["tools.stakeholder_map.empty"])).toBeVisible();
  await startWorksheet(page, "stakeholder-map", "stakeholder_map", "Landkreis Nord 2027");
  await expect(page.getByText(en["tools.stakeholder_map.no_stakeholders"])).toBeVisible();

  const names = ["Jobcenter Nord", "Ausländerbehörde", "Migrantenverein Brücke e.V.", "Berufsschule Mitte", "Handwerkskammer"];
  for (const name of names) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("combobox", { name: en["tools.stakeholder_map.group"] }).selectOption({ index: 1 });
    await page.getByTestId("add-stakeholder").click();
    await expect(dot(page, name)).toHaveCount(1);
  }
  await expect(page.getByTestId("stakeholder-list").locator("li")).toHaveCount(5);
  await saved(page);

  // Keyboard: three steps up (influence +15), two right (interest +10).
  await dot(page, names[0]).focus();
  for (const key of ["ArrowUp", "ArrowUp", "ArrowUp", "ArrowRight", "ArrowRight"]) await page.keyboard.press(key);
  await saved(page);
  expect(await position(page, names[0])).toEqual({ influence: 65, interest: 60 });

  // Pointer: drag the second one to the lower left field.
  const grid = page.getByTestId("stakeholder-grid");
  await grid.scrollIntoViewIfNeeded();
  const box = (await grid.boundingBox())!;
  const from = (await dot(page, names[1]).locator("circle.dot").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // In picture units the grid runs from x 64 to 776 and y 24 to 520 of 800 × 600.
  const target = { x: box.x + box.width * (64 + 712 * 0.2) / 800, y: box.y + box.height * (520 - 496 * 0.1) / 600 };
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await saved(page);
  const dragged = await position(page, names[1]);
  expect(Math.abs(dragged.interest - 20)).toBeLessThanOrEqual(2);
  expect(Math.abs(dragged.influence - 10)).toBeLessThanOrEqual(2);

  // Values are editable in the form as well.
  await page.getByRole("button", { name: `Edit ${names[2]}` }).click();
  await page.getByTestId("edit-influence").fill("90");
  await page.getByTestId("edit-influence").blur();
  await page.getByRole("combobox", { name: en["tools.stakeholder_map.attitude"] }).selectOption("supportive");
  await saved(page);
  expect((await position(page, names[2])).influence).toBe(90);
  await expect(dot(page, names[2])).toHaveClass(/attitude-supportive/);
  await screenshot(page, testInfo, "tools-stakeholder-map");
  await expectNoAxeViolations(page);

  await page.reload();
  await appReady(page);
  expect(await position(page, names[0])).toEqual({ influence: 65, interest: 60 });
  expect(await position(page, names[1])).toEqual(dragged);
  expect((await position(page, names[2])).influence).toBe(90);

  // SVG: one <text> per stakeholder name.
  let downloading = page.waitForEvent("download");
  await page.getByTestId("export-svg").click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe("landkreis-nord-2027.svg");
  const svgFile = testInfo.outputPath("map.svg");
  await download.saveAs(svgFile);
  const svg = readFileSync(svgFile, "utf8");
  expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const name of names) expect(texts).toContain(name);

  // PNG: twice the picture's size, and not blank.
  downloading = page.waitForEvent("download");
  await page.getByTestId("export-png").click();
  download = await downloading;
  expect(download.suggestedFilename()).toBe("landkreis-nord-2027.png");
  const pngFile = testInfo.outputPath("map.png");
  await download.saveAs(pngFile);
  const png = readPng(readFileSync(pngFile));
  expect([png.width, png.height]).toEqual([1600, 1200]);
  expect(new Set(png.pixels).size, "a blank picture has only a few distinct byte values").toBeGreaterThan(50);

  // JSON: every stakeholder with its values.
  downloading = page.waitForEvent("download");
  await page.getByTestId("export-json").click();
  const jsonFile = testInfo.outputPath("map.json");
  await (await downloading).saveAs(jsonFile);
  const json = JSON.parse(readFileSync(jsonFile, "utf8"));
  expect(json.format).toBe("erasmi-stakeholder-map");
  expect(json.stakeholders.map((s: { name: string }) => s.name)).toEqual(names);
  expect(json.stakeholders[0]).toMatchObject({ influence: 65, interest: 60 });

  // A second map is separate from the first.
  await startWorksheet(page, "stakeholder-map", "stakeholder_map", "Stadt Süd");
  await expect(page.getByTestId("stakeholder-dot")).toHaveCount(0);
  await page.goto("/tools/stakeholder-map");
  await appReady(page);
  await expect(page.getByTestId("worksheet-list").locator("li")).toHaveCount(2);
  console.assertClean();
});

test("an action plan: goals, measures with partners from the map, milestones, a timeline, CSV and a print view with every measure", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  // A map whose names are offered as partners.
  await startWorksheet(page, "stakeholder-map", "stakeholder_map", "Partner Nord");
  for (const name of ["Jobcenter Nord", "VHS Nord"]) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByTestId("add-stakeholder").click();
  }
  await saved(page);

  await page.goto("/module/regional-action-plan");
  await appReady(page);
  await page.getByRole("link", { name: en["tools.action_plan.title"] }).click();
  await page.getByLabel(en["tools.action_plan.new_name"]).fill("Zugang zu Arbeit 2027–2028");
  await page.getByTestId("create-worksheet").click();
  await expect(page).toHaveURL(/\/tools\/action-plan\/ws-/);
  await page.getByLabel(en["tools.action_plan.region"]).fill("Landkreis Nord");
  await page.getByLabel(en["tools.action_plan.map"]).selectOption({ label: "Partner Nord" });

  const measures = [
    ["Sprachkurs mit Kinderbetreuung", "Jobcenter Nord", "2027-03", "2027-12"],
    ["Jobmesse für Geflüchtete", "VHS Nord", "2027-05", "2027-05"],
    ["Mentoring durch Betriebe", "Handwerkskammer", "2027-09", "2028-06"],
  ];
  await page.getByTestId("add-goal").click();
  const goal = page.getByTestId("goal").first();
  await goal.getByRole("textbox").first().fill("Bis Ende 2028 schließen 40 geflüchtete Frauen im Landkreis einen berufsbezogenen Sprachkurs ab");
  await expect(goal.locator(".smart-hints li.ok")).toHaveCount(3);
  for (const [title, partner, start, end] of measures) {
    await goal.getByTestId("add-measure").click();
    const m = goal.getByTestId("measure").last();
    await m.getByLabel(en["tools.action_plan.measure"], { exact: true }).fill(title);
    await m.getByLabel(en["tools.action_plan.partner"]).fill(partner);
    await m.getByRole("button", { name: en["tools.action_plan.add_partner"] }).click();
    await expect(m.locator(".chip")).toContainText(partner);
    await m.getByLabel(en["tools.action_plan.start"]).fill(start);
    await m.getByLabel(en["tools.action_plan.end"]).fill(end);
    await m.getByLabel(en["tools.action_plan.indicator"]).fill(`Indikator: ${title}`);
  }
  // The partner list offers the map's names.
  await expect(page.locator("datalist#partner-names option")).toHaveCount(2);
  await page.getByTestId("add-milestone").click();
  await page.getByLabel(en["tools.action_plan.milestone"]).fill("Zwischenbilanz im Netzwerktreffen");
  await page.getByLabel(en["tools.action_plan.month"], { exact: true }).fill("2027-10");
  await saved(page);
  await expect(page.getByTestId("timeline").locator("rect.timeline-bar")).toHaveCount(3);
  await screenshot(page, testInfo, "tools-action-plan");
  await expectNoAxeViolations(page);

  // CSV: a row per measure and per milestone.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const csvFile = testInfo.outputPath("plan.csv");
  await (await downloading).saveAs(csvFile);
  const lines = readFileSync(csvFile, "utf8").slice(1).split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(1 + 3 + 1);
  expect(lines[1]).toContain("Sprachkurs mit Kinderbetreuung,Jobcenter Nord,2027-03,2027-12");
  expect(lines[4]).toContain("Zwischenbilanz im Netzwerktreffen");

  await page.reload();
  await appReady(page);
  await page.getByTestId("print-view").click();
  await expect(page).toHaveURL(/\/print$/);
  const table = page.getByTestId("print-measures");
  for (const [title, partner] of measures) {
    await expect(table).toContainText(title);
    await expect(table).toContainText(partner);
  }
  await expect(page.locator(".print-milestones")).toContainText("Zwischenbilanz im Netzwerktreffen");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  for (const [title] of measures) await expect(table.getByText(title, { exact: true })).toBeVisible();
  await screenshot(page, testInfo, "tools-action-plan-print");
  await page.emulateMedia({ media: "screen" });
  await page.goBack();
  await expect(page).toHaveURL(/\/tools\/action-plan\/ws-[0-9a-f]+$/);
  console.assertClean();
});

/** Answers every statement of the check: `rating(dimension index)` for each. */
async function runCheck(page: Page, rating: (dimension: number) => number) {
  await page.getByTestId("run-check").click();
  await expect(page).toHaveURL(/\/run$/);
  for (const [d, dim] of health.dimensions.entries()) {
    for (const s of dim.statements) await page.locator(`#rate-${s.id}-${rating(d)}`).check();
  }
  const total = health.dimensions.reduce((n: number, d: { statements: unknown[] }) => n + d.statements.length, 0);
  await expect(page.getByTestId("check-progress")).toHaveText(`${total} of ${total} statements answered`);
  await page.getByTestId("finish-check").click();
  await expect(page).toHaveURL(/\/tools\/health-check\/ws-[0-9a-f]+$/);
}

test("a health check run twice: both runs on one chart, recommendations that open real lessons", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const console = watchConsole(page);
  await startWorksheet(page, "health-check", "health_check", "Netzwerk Integration Nord");
  await expect(page.getByText(en["tools.health_check.no_runs"])).toBeVisible();

  // An unfinished check says what is missing and keeps the answers given.
  await page.getByTestId("run-check").click();
  const first = health.dimensions[0].statements[0].id;
  await page.locator(`#rate-${first}-3`).check();
  await saved(page);
  await page.getByTestId("finish-check").click();
  await expect(page.getByRole("alert").filter({ hasText: "Statements still without an answer" })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.locator(`#rate-${first}-3`)).toBeChecked();
  await page.goto(page.url().replace(/\/run$/, ""));
  await appReady(page);
  await expect(page.getByTestId("run-check")).toContainText("Continue the check (1 of");

  // Last year: everything middling. This year: better, except participation, now weakest.
  await runCheck(page, () => 3);
  await expect(page.locator("svg.radar polygon.radar-series")).toHaveCount(1);
  const weakest = health.dimensions.findIndex((d: { id: string }) => d.id === "participation");
  expect(weakest).toBeGreaterThanOrEqual(0);
  await runCheck(page, (d) => (d === weakest ? 1 : 4));
  await expect(page.locator("svg.radar polygon.radar-series")).toHaveCount(2);
  await expect(page.getByTestId("run-legend").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("health-table").locator("thead th")).toHaveCount(3);
  const recs = page.getByTestId("recommendations");
  await expect(recs.locator("h3")).toHaveCount(1);
  await expect(recs.locator("h3")).toContainText(health.dimensions[weakest].name.en);
  const links = recs.getByRole("link");
  await expect(links).toHaveCount(health.dimensions[weakest].lessons.length);
  for (const [i, ref] of health.dimensions[weakest].lessons.entries()) {
    await expect(links.nth(i)).toHaveAttribute("href", `/module/${ref.module}/lesson/${ref.lesson}`);
    const module = read(`modules/${ref.module}.json`);
    const lesson = module.lessons.find((l: { id: string }) => l.id === ref.lesson);
    expect(lesson, `${ref.module}/${ref.lesson} exists`).toBeTruthy();
    await expect(links.nth(i)).toContainText(lesson.title.en);
  }
  await screenshot(page, testInfo, "tools-health-check");
  await expectNoAxeViolations(page);

  // The same page in German.
  await page.getByLabel("Language").selectOption("de");
  await expect(page.getByTestId("recommendations").locator("h2")).toHaveText(de["tools.health_check.recommendations"]);
  await screenshot(page, testInfo, "tools-health-check-de");
  await expectNoAxeViolations(page);

  const first_link = health.dimensions[weakest].lessons[0];
  await page.getByTestId("recommendations").getByRole("link").first().click();
  await expect(page).toHaveURL(`/module/${first_link.module}/lesson/${first_link.lesson}`);
  await appReady(page);

  // Every worksheet is one record of the worksheets store, in the active profile.
  const db = await databaseContents(page);
  expect(db.worksheets).toHaveLength(1);
  expect(db.worksheets[0]).toMatchObject({ profile: "default", kind: "health_check" });
  console.assertClean();
});

test("the tools page lists the three tools, and an unknown worksheet address says so", async ({ page }, testInfo) => {
  await page.goto("/tools");
  await appReady(page);
  for (const t of ["stakeholder_map", "action_plan", "health_check"]) {
    await expect(page.getByRole("link", { name: en[`tools.${t}.title`] })).toBeVisible();
  }
  await screenshot(page, testInfo, "tools");
  await expectNoAxeViolations(page);
  await page.goto("/tools/stakeholder-map/ws-doesnotexist");
  await appReady(page);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.goto("/tools/mind-map");
  await appReady(page);
  await expect(page.getByTestId("not-found")).toBeVisible();
  // An empty name is refused with a message.
  await page.goto("/tools/action-plan");
  await appReady(page);
  await page.getByTestId("create-worksheet").click();
  await expect(page.getByRole("alert").filter({ hasText: en["tools.error.empty"] })).toBeVisible();
});
