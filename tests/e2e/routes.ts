import { readFileSync } from "node:fs";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const first = read("catalog.json").modules[0];

/** Every main route of the app, one page of each kind, named for screenshots and test titles. */
export const mainRoutes: { name: string; path: string }[] = [
  { name: "catalog", path: "/" },
  { name: "module", path: `/module/${first.id}` },
  { name: "lesson", path: `/module/${first.id}/lesson/${first.lessons[0]}` },
  { name: "quiz", path: `/module/${first.id}/quiz` },
  { name: "self-assessment", path: `/module/${first.id}/self-assessment` },
  { name: "cases", path: "/cases" },
  { name: "case", path: `/cases/${read("cases.json").cases[0].id}` },
  { name: "blueprints", path: "/blueprints" },
  { name: "blueprint", path: `/blueprints/${read("blueprints.json").blueprints[0].id}` },
  { name: "glossary", path: "/glossary" },
  { name: "search", path: "/search?q=netzwerk" },
  { name: "saved", path: "/saved" },
  { name: "progress", path: "/progress" },
  { name: "profiles", path: "/profiles" },
  { name: "tools", path: "/tools" },
  { name: "tool-stakeholder-map", path: "/tools/stakeholder-map" },
  { name: "tool-action-plan", path: "/tools/action-plan" },
  { name: "tool-health-check", path: "/tools/health-check" },
  { name: "trainer", path: "/trainer" },
  { name: "settings", path: "/settings" },
  { name: "about", path: "/about" },
  { name: "not-found", path: "/no-such-page" },
];
