import { chromium } from "@playwright/test";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const p = await b.newPage({ viewport: { width: 360, height: 640 }, locale: "de-DE" });
await p.goto("http://127.0.0.1:4199" + process.argv[2]);
await p.waitForTimeout(3000);
if (process.argv[3]) await p.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
await p.waitForTimeout(500);
console.log(await p.evaluate(() => {
  const out = [];
  const W = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.left < -1 || r.right > W + 1)) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return [document.documentElement.scrollWidth - W, ...out.slice(0, 15)].join("\n");
}));
await b.close();
