import { writeFileSync } from "node:fs";
import { launchBrowser, watchConsole } from "../tests/e2e/browser";
import { startServer } from "../tests/e2e/server";
const server = await startServer();
const browser = await launchBrowser();
const bad = "indicator,area,month,value,numerator,denominator,survey_n,status,note\nda-incidents,Basildon,2025-10,231,,,,provisional,\nda-incidnts,Basildn,2025-13,-4,,,,,\nda-solved-rate,Essex,2025-10,101,450,400,,,\nsatisfaction-treatment,Essex,2025-10,90,360,400,400,final,wave 3\n";
const good = "indicator,area,month,value,numerator,denominator,survey_n,status,note\nda-incidents,Basildon,2025-10,231,,,,provisional,\nda-solved-rate,Essex,2025-10,25,100,400,,,\nsatisfaction-treatment,Essex,2025-10,90,360,400,400,final,wave 3\n";
writeFileSync("/tmp/shots/bad.csv", bad); writeFileSync("/tmp/shots/good.csv", good);
writeFileSync("/tmp/shots/good2.csv", good.replace("231,,,,provisional", "240,,,,final"));
try {
  for (const width of [1440, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchConsole(page);
    await page.goto(server.url + "/import");
    await page.getByLabel("Choose a file to check").setInputFiles("/tmp/shots/bad.csv");
    await page.getByTestId("preview-table").waitFor();
    await page.screenshot({ path: `/tmp/shots/import-bad-${width}.png`, fullPage: true });
    if (width === 1440) {
      await page.getByLabel("Choose a file to check").setInputFiles("/tmp/shots/good.csv");
      await page.getByRole("button", { name: /^Import/ }).click();
      await page.getByTestId("import-outcome").waitFor();
      await page.getByLabel("Choose a file to check").setInputFiles("/tmp/shots/good2.csv");
      await page.getByTestId("preview-table").waitFor();
      await page.screenshot({ path: `/tmp/shots/import-revise-${width}.png`, fullPage: true });
      await page.getByRole("button", { name: /^Import/ }).click();
      await page.getByTestId("import-outcome").waitFor();
      await page.goto(server.url + "/history?indicator=da-incidents&area=E07000066&month=2025-10");
      await page.getByTestId("revisions").waitFor();
      await page.screenshot({ path: `/tmp/shots/history-${width}.png`, fullPage: true });
    }
    await page.goto(server.url + "/status");
    await page.getByTestId("status-summary").waitFor();
    await page.screenshot({ path: `/tmp/shots/status-${width}.png`, fullPage: true });
    console.log(width, errors);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
