import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { program } from '../src/cli/program';
import { helpLang, helpZh } from '../src/i18n/help';
import { englishWords } from './helpers/english-words';

// --help follows --lang and the locale, like every other word the tool prints.

function all(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(all)];
}

describe('--help in the user language', () => {
  it('--lang zh-CN (either spelling) and LANG=zh_CN choose Chinese; --lang en wins over LANG', () => {
    assert.equal(helpLang(['node', 'hostsweep', 'scan', '--lang', 'zh-CN', '--help'], {}), 'zh-CN');
    assert.equal(helpLang(['node', 'hostsweep', 'scan', '--lang=zh-CN', '--help'], {}), 'zh-CN');
    assert.equal(helpLang(['node', 'hostsweep', '--help'], { LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(helpLang(['node', 'hostsweep', '--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(helpLang(['node', 'hostsweep', '--help'], {}), 'en');
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
