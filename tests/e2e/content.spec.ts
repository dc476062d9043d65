import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, watchConsole } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const catalog = read("catalog.json");
const cases = read("cases.json").cases;
const blueprints = read("blueprints.json").blueprints;
const glossary = read("glossary.json").terms;

async function useLanguage(page, lang: string) {
  await page.addInitScript((l) => {
    Object.defineProperty(navigator, "languages", { get: () => [l] });
    Object.defineProperty(navigator, "language", { get: () => l });
  }, lang);
}

for (const lang of ["en", "de"]) {
  test(`every module, lesson, self-assessment and quiz is reachable in ${lang}`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one viewport is enough to walk all content");
    test.setTimeout(240_000);
    const consoleWatch = watchConsole(page);
    await useLanguage(page, lang);
    for (const entry of catalog.modules) {
      const module = read(`modules/${entry.id}.json`);
      await page.goto(`/module/${entry.id}`);
      await appReady(page);
      await expect(page.locator("main h1")).toHaveText(module.title[lang]);
      await expect(page.locator(".objectives li")).toHaveCount(module.objectives.length);
      for (const lesson of module.lessons) {
        await page.goto(`/module/${entry.id}/lesson/${lesson.id}`);
        await appReady(page);
        await expect(page.locator("main h1")).toHaveText(lesson.title[lang]);
        await expect(page.locator(".lesson .prose p").first()).toBeVisible();
        await expect(page.locator(".activity h2")).toHaveText(lesson.activity.title[lang]);
      }
      await page.goto(`/module/${entry.id}/quiz`);
      await appReady(page);
      await expect(page.locator("main .lead")).toContainText(String(module.quiz.questions.length));
      await expect(page.getByTestId("start-quiz")).toBeVisible();
      await page.goto(`/module/${entry.id}/self-assessment`);
      await appReady(page);
      await expect(page.locator(".statement")).toHaveCount(module.self_assessment.length);
      await expect(page.locator(".statement legend").first()).toHaveText(module.self_assessment[0].text[lang]);
    }
    await expect(page.getByTestId("content-error")).toHaveCount(0);
    consoleWatch.assertClean();
  });

  test(`every case, blueprint and glossary entry is reachable in ${lang}`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "one viewport is enough to walk all content");
    test.setTimeout(120_000);
    await useLanguage(page, lang);
    await page.goto("/cases");
    await appReady(page);
    await expect(page.locator(".case-card")).toHaveCount(cases.length);
    for (const c of cases) {
      await page.goto(`/cases/${c.id}`);
      await appReady(page);
      await expect(page.locator("main h1")).toHaveText(c.title[lang]);
      await expect(page.getByTestId("composite-note")).toBeVisible();
    }
    await page.goto("/blueprints");
    await appReady(page);
    await expect(page.locator(".card-grid > li")).toHaveCount(blueprints.length);
    for (const b of blueprints) {
      await page.goto(`/blueprints/${b.id}`);
      await appReady(page);
      await expect(page.locator("main h1")).toHaveText(b.title[lang]);
      await expect(page.locator(".step")).toHaveCount(b.steps.length);
    }
    await page.goto("/glossary");
    await appReady(page);
    await expect(page.locator(".glossary-entry")).toHaveCount(glossary.length);
    await expect(page.locator(`#${glossary[0].id} dt`)).toHaveText(glossary[0].term[lang]);
  });
}

test("case filters combine, live in the URL, and survive a reload", async ({ page }) => {
  await page.goto("/cases");
  await appReady(page);
  const housing = cases.filter((c) => c.themes.includes("housing"));
  const housingCity = housing.filter((c) => c.region_kind === "city");
  await page.getByLabel("Theme").selectOption("housing");
  await expect(page).toHaveURL(/\/cases\?theme=housing$/);
  await expect(page.locator(".case-card")).toHaveCount(housing.length);
  await page.getByLabel("Kind of region").selectOption("city");
  await expect(page).toHaveURL(/theme=housing&region=city/);
  await expect(page.locator(".case-card")).toHaveCount(housingCity.length);
  await page.reload();
  await appReady(page);
  await expect(page.locator(".case-card")).toHaveCount(housingCity.length);
  await expect(page.getByLabel("Theme")).toHaveValue("housing");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.locator(".case-card")).toHaveCount(cases.length);
  await expect(page).toHaveURL(/\/cases$/);
});

test("blueprint checklist ticks persist after a reload", async ({ page }) => {
  const b = blueprints[0];
  const total = b.steps.reduce((n, s) => n + s.checklist.length, 0);
  await page.goto(`/blueprints/${b.id}`);
  await appReady(page);
  await expect(page.getByTestId("checklist-count")).toHaveText(`0 of ${total} checklist items ticked`);
  const first = page.getByRole("checkbox", { name: b.steps[0].checklist[0].text.en });
  await first.check();
  await page.getByRole("checkbox", { name: b.steps[1].checklist[0].text.en }).check();
  await expect(page.getByTestId("checklist-count")).toHaveText(`2 of ${total} checklist items ticked`);
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("checklist-count")).toHaveText(`2 of ${total} checklist items ticked`);
  await expect(page.getByRole("checkbox", { name: b.steps[0].checklist[0].text.en })).toBeChecked();
  await page.getByRole("checkbox", { name: b.steps[0].checklist[0].text.en }).uncheck();
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("checklist-count")).toHaveText(`1 of ${total} checklist items ticked`);
});

test("a glossary link in a lesson opens its entry", async ({ page }) => {
  // Find a lesson whose English text links the glossary.
  let target: { module: string; lesson: string; id: string } | undefined;
  for (const entry of catalog.modules) {
    const module = read(`modules/${entry.id}.json`);
    for (const l of module.lessons) {
      const m = /\]\(glossary:([a-z0-9-]+)\)/.exec(l.body.en);
      if (m) {
        target = { module: entry.id, lesson: l.id, id: m[1] };
        break;
      }
    }
    if (target) break;
  }
  expect(target).toBeDefined();
  await page.goto(`/module/${target!.module}/lesson/${target!.lesson}`);
  await appReady(page);
  await page.locator(`a.glossary-link[href="/glossary#${target!.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/glossary#${target!.id}$`));
  const term = glossary.find((t) => t.id === target!.id);
  await expect(page.locator(`#${target!.id} dt`)).toHaveText(term.term.en);
  await expect(page.locator(`#${target!.id}`)).toBeInViewport();
});

test("a before and an after self-assessment are saved and compared by competence", async ({ page }) => {
  const entry = catalog.modules[2];
  const module = read(`modules/${entry.id}.json`);
  await page.goto(`/module/${entry.id}/self-assessment`);
  await appReady(page);
  const finish = page.getByTestId("finish-self");
  await expect(finish).toBeDisabled();
  for (const [i, s] of module.self_assessment.entries()) {
    await page.getByRole("group", { name: s.text.en }).getByRole("radio").nth(i % 2).check();
  }
  await finish.click();
  await expect(page.getByText("Saved")).toBeVisible();
  // Every rating was saved as it was given: a reload finds them.
  await page.reload();
  await appReady(page);
  await page.getByRole("link", { name: "Before" }).click();
  await expect(page.getByRole("group", { name: module.self_assessment[0].text.en }).getByRole("radio").nth(0)).toBeChecked();
  await page.getByRole("link", { name: "After" }).click();
  for (const s of module.self_assessment) {
    await page.getByRole("group", { name: s.text.en }).getByRole("radio").nth(4).check();
  }
  await finish.click();
  const table = page.getByTestId("self-compare");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table.locator("tbody tr").first().locator("td").nth(1)).toHaveText("5.0");

  // Both runs appear on the competence profile: chart (bars on phones) and table.
  await page.goto("/progress");
  await appReady(page);
  const profile = page.getByTestId("profile-table");
  await expect(profile).toContainText("5.0");
  const framework = read("competences.json").competences;
  const first = module.self_assessment[0].competence;
  const name = framework.find((c) => c.id === first).name.en;
  const row = profile.locator("tbody tr", { has: page.getByRole("rowheader", { name }) });
  await expect(row.locator("td").nth(1)).toHaveText("5.0");
  await expect(row.locator("td").nth(0)).not.toHaveText("–");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow of the progress page").toBeLessThanOrEqual(0);
  const viewport = page.viewportSize()!;
  if (viewport.width > 640) {
    for (const series of ["series-before", "series-after"]) {
      const points = await page.locator(`svg.radar polygon.${series}`).getAttribute("points");
      expect(new Set(points!.split(" ")).size, `${series} is drawn`).toBeGreaterThan(1);
    }
  } else {
    await expect(page.locator(".competence-bars")).toBeVisible();
  }
});
