import { Command, Option } from 'commander';
import { detectLang } from '../i18n/lang';
import { safeText } from '../report/sanitize';
import { RULES } from '../rules/registry';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('List the detection rules with severity, ATT&CK techniques and description')
    .addOption(new Option('--lang <lang>', 'language of titles').choices(['en', 'zh-CN']))
    .option('--json', 'print rule metadata as JSON')
    .action((opts) => {
      const lang = detectLang(opts.lang);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            RULES.map((r) => r.meta),
            null,
            2,
          )}\n`,
        );
        return;
      }
      for (const { meta } of RULES) {
        const first = Object.values(meta.messages)[0][lang];
        process.stdout.write(
          `${meta.id.padEnd(36)} ${meta.severity.padEnd(8)} ${meta.attack.join(',').padEnd(20)} ${safeText(first.title)}\n`,
        );
      }
    });
}
