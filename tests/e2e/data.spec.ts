import { expect, Page, test } from "@playwright/test";
import { readFileSync, readdirSync } from "node:fs";
import { appReady, databaseContents, expectNoAxeViolations, screenshot, watchConsole } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const catalog = read("catalog.json");
const first = read(`modules/${catalog.modules[0].id}.json`);
const second = read(`modules/${catalog.modules[1].id}.json`);
const en = read("i18n/en.json");
const totalLessons = catalog.modules.reduce((n: number, m: { lessons: unknown[] }) => n + m.lessons.length, 0);

async function markDone(page: Page, module: { id: string }, lesson: { id: string }) {
  await page.goto(`/module/${module.id}/lesson/${lesson.id}`);
  await appReady(page);
  const done = page.getByTestId("mark-done");
  if ((await done.getAttribute("aria-pressed")) !== "true") await done.click();
  await expect(done).toHaveAttribute("aria-pressed", "true");
  // Stored, not only shown: the next step leaves the page, which ends a write still under way.
  await expect
    .poll(async () =>
      ((await databaseContents(page)).lesson_progress as { module: string; lesson: string; completed_at: number | null }[]).some(
        (r) => r.module === module.id && r.lesson === lesson.id && r.completed_at != null,
      ),
    )
    .toBe(true);
}

async function lessonsStat(page: Page) {
  await page.goto("/progress");
  await appReady(page);
  // The dashboard is drawn once the learner's records are read, after the app is ready.
  const stat = page.getByTestId("stat-lessons");
  await expect(stat).toBeVisible();
  return stat;
}

async function createProfile(page: Page, name: string) {
  await page.goto("/profiles");
  await appReady(page);
  await page.getByLabel("Name or pseudonym").fill(name);
  await page.getByRole("button", { name: "Add and switch to it" }).click();
  await expect(page.getByTestId("profile-menu").locator("summary")).toContainText(name);
}

async function switchProfile(page: Page, name: string) {
  await page.getByTestId("profile-menu").locator("summary").click();
  await page.getByTestId("profile-menu").getByRole("button", { name }).click();
  await expect(page.getByTestId("profile-menu").locator("summary")).toContainText(name);
}

test("two profiles on one browser each see only their own progress", async ({ page }, testInfo) => {
  const consoleWatch = watchConsole(page);
  await markDone(page, first, first.lessons[0]);
  await expect(await lessonsStat(page)).toHaveText(`1 / ${totalLessons}`);

  await createProfile(page, "Amal Haddad");
  await expect(page.getByTestId("profiles-not-private")).toContainText("not private");
  await expect(await lessonsStat(page)).toHaveText(`0 / ${totalLessons}`);
  await expect(page.getByTestId("progress-empty")).toBeVisible();
  await markDone(page, second, second.lessons[0]);
  await markDone(page, second, second.lessons[1]);
  await expect(await lessonsStat(page)).toHaveText(`2 / ${totalLessons}`);
  const card = page.locator(`[data-module="${second.id}"]`);
  await expect(card.getByTestId("lessons")).toHaveText(`2 / ${second.lessons.length}`);
  await expect(page.locator(`[data-module="${first.id}"]`).getByTestId("lessons")).toHaveText(`0 / ${first.lessons.length}`);
  await screenshot(page, testInfo, "progress-dashboard");
  await expectNoAxeViolations(page);

  await switchProfile(page, "My profile");
  await expect(page.getByTestId("stat-lessons")).toHaveText(`1 / ${totalLessons}`);
  await expect(page.locator(`[data-module="${first.id}"]`).getByTestId("lessons")).toHaveText(`1 / ${first.lessons.length}`);
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("stat-lessons")).toHaveText(`1 / ${totalLessons}`);

  await page.goto("/profiles");
  await appReady(page);
  await expect(page.getByTestId("profile-row")).toHaveCount(2);
  await screenshot(page, testInfo, "profiles");
  await expectNoAxeViolations(page);
  // A name already taken is refused with a message, and nothing is added.
  await page.getByLabel("Name or pseudonym").fill("amal haddad");
  await page.getByRole("button", { name: "Add and switch to it" }).click();
  await expect(page.locator("#new-profile-error")).toHaveText(en["profiles.error.taken"]);
  await expect(page.getByTestId("profile-row")).toHaveCount(2);

  // Erasing Amal takes her records with her and leaves the other profile alone.
  const amal = page.getByTestId("profile-row").filter({ hasText: "Amal Haddad" });
  await amal.getByRole("button", { name: "Erase…" }).click();
  await amal.getByTestId("confirm-erase-profile").click();
  await expect(page.getByTestId("profile-row")).toHaveCount(1);
  await expect(page.getByTestId("notice")).toContainText("“Amal Haddad” was erased");
  const db = await databaseContents(page);
  const owners = new Set(Object.values(db).flat().map((r) => (r as { profile: string }).profile));
  expect([...owners].sort()).toEqual(["default", "device"]);
  expect(await lessonsStat(page)).toBeTruthy();
  await expect(page.getByTestId("stat-lessons")).toHaveText(`1 / ${totalLessons}`);
  consoleWatch.assertClean();
});

test("the competence profile scores the latest quiz per competence; the progress page reads only the module files it must score", async ({ page }, testInfo) => {
  // A finished attempt of the first module's quiz: single-choice and true/false questions
  // answered right, the others left open.
  type Question = { id: string; competences: string[]; kind: Record<string, { correct?: unknown }> };
  const questions: Question[] = first.quiz.questions;
  const answers: Record<string, unknown> = {};
  const sums = new Map<string, [number, number]>();
  for (const q of questions) {
    const [kind, body] = Object.entries(q.kind)[0];
    const right = kind === "single_choice" || kind === "true_false";
    if (right) answers[q.id] = { [kind]: body.correct };
    for (const c of q.competences) {
      const [sum, n] = sums.get(c) ?? [0, 0];
      sums.set(c, [sum + (right ? 1 : 0), n + 1]);
    }
  }
  await page.goto("/settings");
  await appReady(page);
  await page.evaluate(
    async ({ module, version, questions, answers }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open("erasmi");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction("quiz_attempts", "readwrite");
        const started = Date.now() - 600_000;
        tx.objectStore("quiz_attempts").put({
          profile: "default",
          id: `${module}/${started}`,
          module,
          module_version: version,
          seed: 1,
          started_at: started,
          finished_at: started + 300_000,
          questions,
          current: questions.length - 1,
          answers,
        });
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { module: first.id, version: first.version, questions: questions.map((q) => q.id), answers },
  );
  const framework: { id: string; name: { en: string } }[] = read("competences.json").competences;
  const expectMastery = async () => {
    const table = page.getByTestId("profile-table");
    for (const c of framework) {
      const row = table.locator("tbody tr", { has: page.getByRole("rowheader", { name: c.name.en, exact: true }) });
      const s = sums.get(c.id);
      await expect(row.locator("td").nth(2), c.id).toHaveText(s ? `${Math.round((100 * s[0]) / s[1])} %` : "–");
    }
  };
  const moduleFiles: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/content/modules/")) moduleFiles.push(new URL(r.url()).pathname);
  });

  // The first visit builds each module's summary: only the module with attempts to score
  // needs its file.
  await page.goto("/progress");
  await appReady(page);
  await expectMastery();
  expect(moduleFiles, "module files read by the first visit").toEqual([`/content/modules/${first.id}.json`]);
  const percent = Math.round((100 * (questions.filter((q) => answers[q.id]).length)) / questions.length);
  await expect(page.locator(`[data-module="${first.id}"]`).getByTestId("quiz")).toContainText(`${percent} %`);

  // A later visit, in a new session: the stored summaries and progress.json are enough.
  moduleFiles.length = 0;
  await page.reload();
  await appReady(page);
  await expectMastery();
  await expect(page.locator(`[data-module="${first.id}"]`).getByTestId("quiz")).toContainText(`${percent} %`);
  await expect(page.getByTestId("module-progress").locator("> li")).toHaveCount(Math.min(catalog.modules.length, 24));
  expect(moduleFiles, "module files read by a later visit").toEqual([]);
  // The filled table never makes the page scroll sideways, on a phone either.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow of the progress page").toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, "competence-profile");
  await expectNoAxeViolations(page);
});

test("export, erase everything, import: the dashboard shows the same numbers as before", async ({ page }, testInfo) => {
  const consoleWatch = watchConsole(page);
  await markDone(page, first, first.lessons[0]);
  await markDone(page, first, first.lessons[1]);
  await createProfile(page, "Lea");
  await markDone(page, second, second.lessons[0]);
  await switchProfile(page, "My profile");

  await lessonsStat(page);
  const before = await page.locator("main").innerText();
  const recordsBefore = await databaseContents(page);

  await page.goto("/settings");
  await appReady(page);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("backup-all").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^erasmi-backup-all-profiles-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath("backup.json");
  await download.saveAs(file);
  await expect(page.getByTestId("backup-status")).toContainText("Backup saved as");
  const saved = JSON.parse(readFileSync(file, "utf8"));
  expect(saved.format).toBe("erasmi-backup");
  expect(saved.checksum).toMatch(/^crc32:[0-9a-f]{8}$/);

  await page.getByTestId("erase-all").click();
  await page.getByTestId("confirm-erase-all").click();
  await expect(page.getByTestId("notice")).toContainText("Everything was erased");
  await expect(await lessonsStat(page)).toHaveText(`0 / ${totalLessons}`);

  await page.goto("/settings");
  await appReady(page);
  await page.getByTestId("restore-file").setInputFiles(file);
  const preview = page.getByTestId("restore-preview");
  await expect(preview).toContainText("Lea");
  await expect(preview).toContainText("My profile");
  await screenshot(page, testInfo, "restore-preview");
  await expectNoAxeViolations(page);
  await page.getByTestId("restore-replace").check();
  await page.getByTestId("restore-confirm").click();
  await expect(page.getByTestId("notice")).toContainText("Restored");

  await lessonsStat(page);
  expect(await page.locator("main").innerText()).toBe(before);
  const recordsAfter = await databaseContents(page);
  expect(recordsAfter).toEqual(recordsBefore);
  await switchProfile(page, "Lea");
  await expect(page.getByTestId("stat-lessons")).toHaveText(`1 / ${totalLessons}`);
  consoleWatch.assertClean();
});

test("two pages of the same origin both record answers and none is lost", async ({ context }) => {
  const fixture = readFileSync("tests/e2e/fixtures/quiz-module.json", "utf8");
  await context.route("**/content/modules/quiz-fixture.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: fixture }),
  );
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto("/module/quiz-fixture/quiz");
  await appReady(a);
  await a.getByRole("button", { name: "Start the quiz" }).click();
  await expect(a.getByText("Question 1 of 4")).toBeVisible();
  // The second page resumes the same attempt; each page answers a different question.
  await b.goto("/module/quiz-fixture/quiz");
  await appReady(b);
  await expect(b.getByText("Question 1 of 4")).toBeVisible();
  await a.getByRole("radio", { name: "The power/interest grid" }).check();
  await a.getByRole("button", { name: "Check answer" }).click();
  await a.getByRole("button", { name: "Next question" }).click();
  await expect(a.getByText("Question 2 of 4")).toBeVisible();

  // Meanwhile the second page rates itself and finishes lessons.
  const selfModule = first;
  await b.goto(`/module/${selfModule.id}/self-assessment`);
  await appReady(b);
  await b.getByRole("radio").first().check();
  await markDone(b, first, first.lessons[0]);
  // The first page answers on, its attempt record now written after the second page's writes.
  await a.getByRole("checkbox", { name: "Names of organisations" }).check();
  await a.getByRole("button", { name: "Check answer" }).click();
  await expect(a.getByTestId("feedback")).toBeVisible();
  await markDone(b, first, first.lessons[1]);

  // The first page hears of the second one's lessons without a reload.
  await a.goto("/progress");
  await appReady(a);
  await expect(a.getByTestId("stat-lessons")).toHaveText(`2 / ${totalLessons}`);
  await markDone(b, first, first.lessons[2]);
  await expect(a.getByTestId("stat-lessons")).toHaveText(`3 / ${totalLessons}`);

  const db = await databaseContents(a);
  const attempts = db.quiz_attempts as { module: string; answers: Record<string, unknown> }[];
  expect(attempts).toHaveLength(1);
  expect(Object.keys(attempts[0].answers).sort()).toEqual(["q1", "q2"]);
  const runs = db.self_assessments as { module: string; ratings: Record<string, number> }[];
  expect(runs.filter((r) => r.module === selfModule.id)).toHaveLength(1);
  expect(Object.keys(runs[0].ratings)).toHaveLength(1);
  const done = (db.lesson_progress as { completed_at: number | null }[]).filter((r) => r.completed_at !== null);
  expect(done).toHaveLength(3);
});

test("bad backup files are refused with their own message and the data is unchanged", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await markDone(page, first, first.lessons[0]);
  await page.goto("/settings");
  await appReady(page);
  const before = await databaseContents(page);

  const dir = "tests/bad-input/backup";
  const expected: Record<string, string> = JSON.parse(readFileSync(`${dir}/expected.json`, "utf8"));
  const files = readdirSync(dir).filter((f) => f !== "expected.json");
  expect(files.length).toBeGreaterThanOrEqual(12);
  const cases = files.map((f) => ({ name: f, buffer: readFileSync(`${dir}/${f}`), key: expected[f] }));
  // Over the size limit: refused before it is read.
  cases.push({ name: "huge.json", buffer: Buffer.alloc(50_000_001, " "), key: "backup.error.too_large" });

  const error = page.getByTestId("restore-error");
  for (const c of cases) {
    expect(c.key, `${c.name} is listed in expected.json`).toBeTruthy();
    await page.getByTestId("restore-file").setInputFiles({ name: c.name, mimeType: "application/json", buffer: c.buffer });
    // The message's fixed words (before its first placeholder) are shown, with "nothing changed".
    const words = en[c.key].split("{")[0].trim();
    await expect(error, c.name).toContainText(words);
    await expect(error).toContainText(en["restore.unchanged"]);
    await expect(page.getByTestId("restore-preview")).toHaveCount(0);
  }
  expect(await databaseContents(page)).toEqual(before);
  await expectNoAxeViolations(page);
  consoleWatch.assertClean();
});
