// Copies the screenshots of the last browser test run into docs/, where the README shows them.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS } from './harness.js';

const docs = new URL('../../../docs/', import.meta.url).pathname;
const pictures = {
  '08-reports-list-several.png': 'console-reports.png',
  '02-report-detail.png': 'console-report.png',
  '05-phone-reports-list.png': 'console-phone-reports.png',
  '06-phone-report-detail.png': 'console-phone-report.png',
};
for (const [from, to] of Object.entries(pictures)) {
  copyFileSync(join(SCREENSHOTS, from), join(docs, to));
  console.log(`docs/${to}`);
}
