import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { program } from '../src/cli/program';
import { helpZh } from '../src/i18n/help';
import { argvLang, detectLang } from '../src/i18n/lang';
import { englishWords } from './helpers/english-words';

// --help follows --lang and the locale, like every other word the tool prints.

function all(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(all)];
}

describe('--help in the user language', () => {
  it('--lang zh-CN (either spelling) and LANG=zh_CN choose Chinese; --lang en wins over LANG', () => {
    assert.equal(argvLang(['node', 'hostsweep', 'scan', '--lang', 'zh-CN', '--help'], {}), 'zh-CN');
    assert.equal(argvLang(['node', 'hostsweep', 'scan', '--lang=zh-CN', '--help'], {}), 'zh-CN');
    assert.equal(argvLang(['node', 'hostsweep', '--help'], { LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(argvLang(['node', 'hostsweep', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(argvLang(['node', 'hostsweep', '--help'], {}), 'en');
  });

  it('help and parse errors read --lang as the commands do (detectLang), so "--lang zh" is Chinese for both', () => {
    assert.equal(argvLang(['node', 'hostsweep', 'scan', '--lang', 'zh', '--now', '1'], {}), detectLang('zh', {}));
    assert.equal(argvLang(['node', 'hostsweep', 'scan', '--lang', 'zh', '--now', '1'], {}), 'zh-CN');
    assert.equal(argvLang(['node', 'hostsweep', 'scan', '--lang'], { LC_ALL: 'zh_CN.UTF-8' }), 'zh-CN');
  });

  it('every command and option description has Chinese wording', () => {
    for (const cmd of all(program())) {
      assert.ok(helpZh(cmd.description()), `command "${cmd.name()}": "${cmd.description()}" has no Chinese wording`);
      for (const o of cmd.options) assert.ok(helpZh(o.description), `${cmd.name()} ${o.flags}: "${o.description}" has no Chinese wording`);
      for (const a of cmd.registeredArguments) assert.ok(helpZh(a.description), `${cmd.name()} <${a.name()}>: no Chinese wording`);
    }
  });

  it('the Chinese help of every command has no English words outside flags, values and commands', () => {
    for (const cmd of all(program('zh-CN'))) {
      const text = cmd.helpInformation();
      assert.match(text, /^用法: /);
      // Option terms ("--root <dir>") and the command synopsis are what the user types.
      const prose = text
        .split('\n')
        .map((l) =>
          l.replace(/^\s*(-\S+(, -\S+)?( <[^>]+>| \[[^\]]+\])?|\S+( \[options\])?( \[command\])?( <[^>]+>| \[[^\]]+\])?)\s{2,}/, ''),
        )
        .filter((l) => !l.startsWith('用法: '));
      for (const line of prose) assert.deepEqual(englishWords(line), [], `${cmd.name()}: ${line}`);
    }
  });

  it('the English help stays English', () => {
    const text =
      program('en')
        .commands.find((c) => c.name() === 'scan')
        ?.helpInformation() ?? '';
    assert.match(text, /^Usage: hostsweep scan/);
    assert.match(text, /examine an offline root/);
  });
});
