// Writes docs/rules.md from rule metadata: one line per rule (id, severity, ATT&CK, what it finds).
// `npm run docs` regenerates it; test/rule-meta.test.ts fails when it is stale.
import fs from 'node:fs';
import { reportJsonSchema } from '../src/model/report';
import { RULES } from '../src/rules/registry';

export function rulesMarkdown(): string {
  const lines = [
    '# Detection rules',
    '',
    'Generated from rule metadata by `npm run docs`. Each rule lives in `src/rules/<id>.ts` with its fixtures in `src/rules/<id>.test.ts`.',
    '',
    '| id | severity | ATT&CK | status | finds | 发现 | false positives |',
    '|---|---|---|---|---|---|---|',
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const { meta } of [...RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const zh = Object.values(meta.messages)[0]
      ['zh-CN'].title.replace(/[（(]?PID \{pid\}[）)]?/g, '')
      .replace(/\{\w+\}/g, '…');
    lines.push(
      `| \`${meta.id}\` | ${meta.severity} | ${meta.attack.join(', ')} | ${meta.status} | ${cell(meta.description)} | ${cell(zh)} | ${cell(meta.falsePositives.join(' '))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** docs/report.schema.json: the JSON Schema of `hostsweep report --format json`. */
export function reportSchemaJson(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('gen-docs.ts')) {
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('docs/rules.md', rulesMarkdown());
  console.log(`docs/rules.md: ${RULES.length} rules`);
  fs.writeFileSync('docs/report.schema.json', reportSchemaJson());
  console.log('docs/report.schema.json');
}
