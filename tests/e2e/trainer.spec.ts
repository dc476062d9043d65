import { Browser, expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, databaseContents, expectNoAxeViolations, screenshot, watchConsole } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const catalog = read("catalog.json");
const en = read("i18n/en.json");
const entry = catalog.modules[2];
const module = read(`modules/${entry.id}.json`);

/** Answers the question on screen with the first choice it offers, checks it and moves on. */
async function answerFirst(page: Page) {
  const q = page.getByTestId("question");
  const groups = q.locator("fieldset.options");
  for (let g = 0; g < (await groups.count()); g++) await groups.nth(g).locator("input").first().check();
  const texts = q.locator("input[type=text]");
  for (let i = 0; i < (await texts.count()); i++) await texts.nth(i).fill("x");
  const selects = q.locator("select");
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: 1 });
  // On a phone the quiz's sticky progress bar may cover a button at the screen's top edge:
  // bring each button to the middle first, as a learner scrolling to it would.
  for (const id of ["check", "next"]) {
    const button = page.getByTestId(id);
    await button.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await button.click();
  }
}

async function trainerWithAssignment(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/trainer");
  await appReady(page);
  await page.getByTestId("trainer-on").click();
  await page.getByLabel("Title", { exact: true }).fill("Netzwerk Nord – Herbstschulung");
  await page.getByLabel("Your name as trainer").fill("Miriam Okonkwo");
  await page.getByLabel("Message to the group (optional)").fill("Please finish before our meeting on Thursday.");
  await page.getByLabel("Due date (optional)").fill("2026-12-10");
  await page.getByRole("checkbox", { name: entry.title.en }).check();
  await page.getByTestId("task-stakeholder-map").check();
  await page.getByTestId("create-assignment").click();
  await expect(page).toHaveURL(/\/trainer\/a-[0-9a-f]+$/);
  const link = await page.getByTestId("assignment-link").inputValue();
  return { context, page, link };
}

test("a trainer assigns a module, a learner completes it and reports, and the trainer sees the row and the wrong answers", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const trainer = await trainerWithAssignment(browser);
  const tw = watchConsole(trainer.page);
  expect(trainer.link.length).toBeLessThanOrEqual(650);
  await expect(trainer.page.locator("svg.qr path")).toHaveAttribute("d", /^M\d+ \d+h1v1h-1z/);
  await expect(trainer.page.getByText("No reports yet")).toBeVisible();
  await screenshot(trainer.page, testInfo, "trainer-assignment");
  await expectNoAxeViolations(trainer.page);

  // The learner opens the link on their own device and accepts (twice: harmless).
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const lw = watchConsole(learner);
  const path = new URL(trainer.link).pathname + new URL(trainer.link).hash;
  await learner.goto(path);
  await appReady(learner);
  await expect(learner.getByTestId("assignment-preview")).toContainText("Netzwerk Nord – Herbstschulung");
  await expect(learner.getByTestId("assignment-preview")).toContainText("Please finish before our meeting on Thursday.");
  await expect(learner.getByTestId("assignment-preview")).toContainText(en["tools.stakeholder_map.task"]);
  await screenshot(learner, testInfo, "assignment-receive");
  await learner.getByTestId("accept").click();
  await expect(learner).toHaveURL(/\/assignment\/a-/);
  await learner.goto(path);
  await appReady(learner);
  await learner.getByTestId("accept").click();
  await learner.goto("/");
  await appReady(learner);
  const mine = learner.getByTestId("my-assignments");
  await expect(mine.locator("li")).toHaveCount(1);
  await expect(mine).toContainText("0 of 2 tasks complete");

  // The worksheet task: a stakeholder map with one stakeholder.
  await learner.goto("/tools/stakeholder-map");
  await appReady(learner);
  await learner.getByLabel(en["tools.stakeholder_map.new_name"]).fill("Netzwerk Nord");
  await learner.getByTestId("create-worksheet").click();
  await expect(learner).toHaveURL(/\/tools\/stakeholder-map\/ws-/);
  await learner.getByLabel("Name", { exact: true }).fill("Jobcenter Nord");
  await learner.getByTestId("add-stakeholder").click();
  await expect(learner.getByTestId("save-state")).toHaveText(en["tools.saved"]);
  await expect(learner.getByTestId("stakeholder-dot")).toHaveCount(1);

  // Complete the module: every lesson, and the quiz with the first choice everywhere.
  for (const lesson of module.lessons) {
    await learner.goto(`/module/${entry.id}/lesson/${lesson.id}`);
    await appReady(learner);
    const done = learner.getByTestId("mark-done");
    if ((await done.getAttribute("aria-pressed")) !== "true") await done.click();
    await expect(done).toHaveAttribute("aria-pressed", "true");
    // Stored, not only shown: the next step leaves the page.
    await expect
      .poll(async () =>
        ((await databaseContents(learner)).lesson_progress as { module: string; lesson: string; completed_at: number | null }[]).some(
          (r) => r.module === entry.id && r.lesson === lesson.id && r.completed_at != null,
        ),
      )
      .toBe(true);
  }
  await learner.goto(`/module/${entry.id}/quiz`);
  await appReady(learner);
  await learner.getByRole("button", { name: "Start the quiz" }).click();
  for (let i = 0; i < module.quiz.questions.length; i++) await answerFirst(learner);
  await expect(learner.getByTestId("result")).toBeVisible();
  await expect
    .poll(async () => ((await databaseContents(learner)).quiz_attempts ?? []).some((a) => (a as { finished_at?: number }).finished_at))
    .toBe(true);

  await learner.goto("/");
  await appReady(learner);
  await mine.getByRole("link").click();
  await learner.getByLabel("Your name in the report (a name or a pseudonym)").fill("Amal H.");
  await expect(learner.getByTestId("report-shares")).toContainText("Nothing else");
  await learner.getByTestId("make-report").click();
  const reportLink = await learner.getByTestId("report-link").inputValue();
  expect(reportLink.length).toBeLessThan(8000);
  await screenshot(learner, testInfo, "assignment-report");
  await expectNoAxeViolations(learner);

  // The trainer imports it and sees the learner's row and where they went wrong.
  await trainer.page.getByTestId("import-codes").fill(`Here is my report:\n${reportLink}\n`);
  await trainer.page.getByTestId("import-button").click();
  const outcome = trainer.page.getByTestId("import-outcome");
  await expect(outcome).toContainText("Reports imported or updated: 1.");
  const table = trainer.page.getByTestId("group-table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr")).toContainText("Amal H.");
  await expect(table.locator("tbody tr")).toContainText(`${module.lessons.length}/${module.lessons.length}`);
  await expect(table.locator("thead")).toContainText(en["tools.stakeholder_map.title"]);
  await expect(table.locator("tbody tr td").nth(1)).toHaveText(en["trainer.tool_done"]);
  const difficult = trainer.page.getByTestId("difficult");
  await expect(difficult.locator("li").first()).toContainText("Not fully right: Amal H.");
  await screenshot(trainer.page, testInfo, "trainer-group");
  await expectNoAxeViolations(trainer.page);

  // CSV: a BOM, a header and one row per learner and module.
  const downloading = trainer.page.waitForEvent("download");
  await trainer.page.getByTestId("csv-modules").click();
  const file = testInfo.outputPath("modules.csv");
  await (await downloading).saveAs(file);
  const csv = readFileSync(file, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("learner,module,lessons_done,lessons_total,quiz_percent,quiz_passed,self_before,self_after,complete,overdue");
  expect(lines).toHaveLength(3);
  expect(lines[2]).toBe("Amal H.,stakeholder-map,,,,,,,true,false");
  expect(lines[1]).toMatch(new RegExp(`^Amal H\\.,${entry.id},${module.lessons.length},${module.lessons.length},\\d+,(true|false),`));
  tw.assertClean();
  lw.assertClean();
});

function b64urlDecode(s: string) {
  return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}
function b64url(b: Buffer) {
  return b.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

test("bad report and assignment codes are each refused with their own message and nothing changes", async ({ browser }) => {
  const trainer = await trainerWithAssignment(browser);
  const page = trainer.page;
  const assignmentCode = trainer.link.split("#")[1];
  const raw = b64urlDecode(assignmentCode);
  const withByte = (i: number, v: number) => {
    const b = Buffer.from(raw);
    b[i] = v;
    return b64url(b);
  };
  const flipped = Buffer.from(raw);
  flipped[flipped.length - 2] ^= 0x10;
  const longer = Buffer.concat([raw, Buffer.from([0])]);
  // Each is an assignment code as a report importer sees it, or damaged.
  const bad: [string, string][] = [
    [assignmentCode, "code.error.assignment_not_report"],
    ["not-a-code!", "code.error.not_base64"],
    [withByte(0, 3), "code.error.future_version"],
    [withByte(0, 0), "code.error.unknown"],
    [withByte(1, 9), "code.error.unknown"],
    ["A".repeat(200_001), "code.error.too_long"],
    ["AQ", "code.error.truncated"],
  ];
  // Report codes need kind 2: damage a report-kind copy for the checksum cases.
  const asReport = Buffer.from(raw);
  asReport[1] = 2;
  const flippedReport = Buffer.from(flipped);
  flippedReport[1] = 2;
  const longerReport = Buffer.from(longer);
  longerReport[1] = 2;
  bad.push([b64url(flippedReport), "code.error.corrupted"]);
  bad.push([b64url(longerReport), "code.error.corrupted"]);
  bad.push([b64url(asReport).slice(0, 30), "code.error.truncated"]);
  expect(bad.length).toBeGreaterThanOrEqual(10);

  const before = await databaseContents(page);
  for (const [code, key] of bad) {
    await page.getByTestId("import-codes").fill(code);
    await page.getByTestId("import-button").click();
    const words = en[key].split("{")[0].trim();
    await expect(page.getByTestId("import-outcome"), key).toContainText(words);
    await expect(page.getByTestId("import-outcome")).toContainText("Reports imported or updated: 0.");
  }
  expect(await databaseContents(page)).toEqual(before);

  // A learner opening a damaged assignment link is told why, and nothing is stored.
  const learner = await (await browser.newContext()).newPage();
  await learner.goto(`/assign#${assignmentCode.slice(0, -6)}`);
  await appReady(learner);
  await expect(learner.getByTestId("code-error")).toContainText(en["code.error.truncated"]);
  await expect(learner.getByTestId("accept")).toHaveCount(0);
  await expectNoAxeViolations(learner);
});
