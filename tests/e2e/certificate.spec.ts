import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, expectNoAxeViolations, screenshot, watchConsole } from "./helpers";

const fixture = JSON.parse(readFileSync("tests/e2e/fixtures/quiz-module.json", "utf8"));
const en = JSON.parse(readFileSync("content/i18n/en.json", "utf8"));

async function routeFixture(page: Page) {
  await page.route("**/content/modules/quiz-fixture.json", (route) => route.fulfill({ json: fixture }));
}

/** Clicks a button after bringing it to the middle of the screen (the quiz's sticky bar may cover the top). */
async function press(page: Page, id: string) {
  const button = page.getByTestId(id);
  await button.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await button.click();
}

test("a certificate of completion: first what is missing, then one A4 page with name, module, date and score", async ({ page }, testInfo) => {
  const console = watchConsole(page);
  await routeFixture(page);
  await page.goto("/module/quiz-fixture/certificate");
  await appReady(page);
  await expect(page.getByTestId("certificate-missing")).toContainText("Lessons done: 0 of 1");
  await expect(page.getByTestId("certificate")).toHaveCount(0);

  await page.goto(`/module/quiz-fixture/lesson/${fixture.lessons[0].id}`);
  await appReady(page);
  await page.getByTestId("mark-done").click();
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "true");

  // The quiz, every answer right.
  await page.goto("/module/quiz-fixture/quiz");
  await appReady(page);
  await page.getByRole("button", { name: en["quiz.start"] }).click();
  const q = page.getByTestId("question");
  const [q1, q2] = fixture.quiz.questions;
  const text = (question: { kind: Record<string, { options: { id: string; text: { en: string } }[] }> }, id: string) =>
    Object.values(question.kind)[0].options.find((o) => o.id === id)!.text.en;
  await q.getByRole("radio", { name: text(q1, "b") }).check();
  await press(page, "check");
  await press(page, "next");
  for (const id of ["a", "c"]) await q.getByRole("checkbox", { name: text(q2, id) }).check();
  await press(page, "check");
  await press(page, "next");
  await q.getByRole("radio", { name: en["quiz.true"] }).check();
  await press(page, "check");
  await press(page, "next");
  await q.getByRole("textbox").fill("network");
  await press(page, "check");
  await press(page, "next");
  await expect(page.getByTestId("score")).toContainText("100");

  await page.goto("/module/quiz-fixture/certificate");
  await appReady(page);
  const certificate = page.getByTestId("certificate");
  await expect(certificate).toContainText(fixture.title.en);
  await expect(page.getByTestId("certificate-score")).toHaveText("100 %");
  await page.getByLabel(en["certificate.name_label"]).fill("Amal Haddad");
  await expect(page.getByTestId("certificate-name")).toHaveText("Amal Haddad");
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "certificate");

  // Printed, it is one A4 page without the app's header and controls.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByLabel(en["certificate.name_label"])).toBeHidden();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? [];
  expect(pages).toHaveLength(1);
  console.assertClean();
});
