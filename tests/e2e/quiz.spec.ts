import { expect, Locator, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, databaseContents, expectNoAxeViolations, watchConsole } from "./helpers";

const fixture = readFileSync("tests/e2e/fixtures/quiz-module.json", "utf8");

async function routeFixture(page: Page) {
  await page.route("**/content/modules/quiz-fixture.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: fixture }),
  );
}

/** Presses `key` until `target` has the focus (keyboard only, no clicks). */
async function pressUntilFocused(page: Page, target: Locator, key = "Tab", max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${target} with ${key}`);
}

async function chooseRadio(page: Page, label: string) {
  const radios = page.getByTestId("question").getByRole("radio");
  await pressUntilFocused(page, radios.first());
  const target = page.getByTestId("question").getByRole("radio", { name: label });
  // Arrow keys move through a radio group and select as they go.
  await pressUntilFocused(page, target, "ArrowDown", 10);
  // Tab lands on the first radio without selecting it; Space selects the focused one.
  if (!(await target.isChecked())) await page.keyboard.press("Space");
  await expect(target).toBeChecked();
}

async function pressButton(page: Page, name: string | RegExp) {
  await pressUntilFocused(page, page.getByRole("button", { name }));
  await page.keyboard.press("Enter");
}

test("a quiz done with the keyboard only survives a reload and scores as computed by hand", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await routeFixture(page);
  await page.goto("/module/quiz-fixture/quiz");
  await appReady(page);
  await pressButton(page, "Start the quiz");

  // Q1 (single choice): right → 1 point.
  await expect(page.getByText("Question 1 of 4")).toBeVisible();
  await chooseRadio(page, "The power/interest grid");
  await pressButton(page, "Check answer");
  await expect(page.getByTestId("feedback")).toContainText("Right: it places stakeholders by power and interest.");
  await expectNoAxeViolations(page);
  await pressButton(page, "Next question");

  // Q2 (multiple choice): one of two right options → 0.5 points.
  await expect(page.getByText("Question 2 of 4")).toBeVisible();
  const names = page.getByTestId("question").getByRole("checkbox", { name: "Names of organisations" });
  await pressUntilFocused(page, names);
  await page.keyboard.press("Space");
  await expect(names).toBeChecked();
  const orderBefore = await page.locator(".option span").allTextContents();
  await pressButton(page, "Check answer");
  await expect(page.getByTestId("feedback")).toContainText("Partly right");
  // The answer is stored in the background, within milliseconds; the reload waits for it.
  await expect
    .poll(async () => ((await databaseContents(page)).quiz_attempts ?? []).some((a) => "q2" in ((a as { answers?: object }).answers ?? {})))
    .toBe(true);

  // Reload in the middle: same question, same option order, the answer and its feedback kept.
  await page.reload();
  await appReady(page);
  await expect(page.getByText("Question 2 of 4")).toBeVisible();
  expect(await page.locator(".option span").allTextContents()).toEqual(orderBefore);
  await expect(page.getByTestId("question").getByRole("checkbox", { name: "Names of organisations" })).toBeChecked();
  await expect(page.getByTestId("feedback")).toContainText("Yes, the map lists them.");
  await pressButton(page, "Next question");

  // Q3 (true/false): wrong → 0 points.
  await chooseRadio(page, "False");
  await pressButton(page, "Check answer");
  await expect(page.getByTestId("feedback")).toContainText("Not right: a shared purpose holds the network together.");
  await pressButton(page, "Next question");

  // Q4 (short text), typed with different case and spaces: right → 1 point.
  const field = page.getByLabel("Your answer");
  await pressUntilFocused(page, field);
  await page.keyboard.type("  NETWORK ");
  await pressButton(page, "Check answer");
  await expect(page.getByTestId("feedback")).toContainText("Right: a network.");
  await pressButton(page, "See my results");

  // 1 + 0.5 + 0 + 1 = 2.5 of 4 points = 62.5 % → 63 %, below the pass mark of 70 %.
  await expect(page.getByTestId("score")).toHaveText("63% (2.5 of 4 points)");
  await expect(page.getByTestId("result")).toContainText("Not passed yet");
  await expectNoAxeViolations(page);

  // Retry only the wrong ones: Q2 (partly) and Q3.
  await pressButton(page, "Retry only the ones I got wrong");
  await expect(page.getByText("Question 1 of 2")).toBeVisible();
  await expect(page.getByTestId("question")).toContainText("Which belong to a stakeholder map?");
  for (const label of ["Names of organisations", "Relationships between actors"]) {
    const box = page.getByTestId("question").getByRole("checkbox", { name: label });
    await pressUntilFocused(page, box);
    await page.keyboard.press("Space");
  }
  await pressButton(page, "Check answer");
  await pressButton(page, "Next question");
  await expect(page.getByTestId("question")).toContainText("A network needs a shared purpose.");
  await chooseRadio(page, "True");
  await pressButton(page, "Check answer");
  await pressButton(page, "See my results");
  await expect(page.getByTestId("score")).toHaveText("100% (2.0 of 2 points)");
  // The module page shows the latest result, once the finished retry is stored (a learner does
  // not leave within the millisecond the save takes; a test can).
  await expect
    .poll(async () => ((await databaseContents(page)).quiz_attempts ?? []).filter((a) => (a as { finished_at?: number }).finished_at).length)
    .toBe(2);
  await page.goto("/module/quiz-fixture");
  await appReady(page);
  await expect(page.getByTestId("latest-result")).toContainText("Your latest result: 100%");
  consoleWatch.assertClean();
});

test("ordering and matching questions can be answered without a pointer", async ({ page }) => {
  const order = readFileSync("tests/e2e/fixtures/order-module.json", "utf8");
  await page.route("**/content/modules/order-fixture.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: order }),
  );
  await page.goto("/module/order-fixture/quiz");
  await appReady(page);
  await pressButton(page, "Start the quiz");

  const wanted = ["Analyse needs", "Set objectives", "Plan measures", "Review results"];
  for (let target = 0; target < wanted.length; target++) {
    for (let guard = 0; guard < wanted.length; guard++) {
      const texts = await page.locator(".ordering-text").allTextContents();
      if (texts.indexOf(wanted[target]) <= target) break;
      await pressButton(page, `Move up: ${wanted[target]}`);
    }
  }
  expect(await page.locator(".ordering-text").allTextContents()).toEqual(wanted);
  await pressButton(page, "Check answer");
  await expect(page.locator(".feedback-list li.right")).toHaveCount(4);
  await pressButton(page, "Next question");

  // Matching: each select chosen with the keyboard; one pair deliberately wrong.
  const choose = async (left: string, right: string) => {
    const select = page.getByLabel(left, { exact: true });
    await pressUntilFocused(page, select);
    for (let k = 0; k < 5 && (await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)) !== right; k++) {
      await page.keyboard.press("ArrowDown");
    }
    await expect(select.locator("option:checked")).toHaveText(right);
  };
  await choose("Output", "What the network delivers");
  await choose("Outcome", "The long-term effect in the region");
  await choose("Impact", "The long-term effect in the region");
  await pressButton(page, "Check answer");
  await expect(page.getByTestId("feedback")).toContainText("Partly right");
  await expect(page.locator(".feedback-list li.right")).toHaveCount(2);
  await pressButton(page, "See my results");
  // 1 + 2/3 = 1.67 of 2 points = 83 %.
  await expect(page.getByTestId("score")).toHaveText("83% (1.7 of 2 points)");
});
