import { format, type Lang } from './lang';

// Words of the response commands (plan, apply, undo, runs, collect). Kept apart from ui.ts so the
// scan's words and the response's words can grow independently.
const RESPOND_UI = {
  en: {
    planTitle: 'Plan for {target}: {count} actions',
    planEmpty: 'Nothing to do: no action answers a finding on {target}.',
    answers: 'answers',
    undoWith: 'undo',
    refusedTitle: '{count} actions refused',
    refusedWhy: 'why',
    dryRun: 'Dry run: nothing was changed. Run again with --yes to apply; every step is journaled and "hostsweep undo" reverts it.',
    applying: 'Applying {count} actions (run {run}, journal {dir})',
    stepApplied: '[{id}] done: {summary}',
    stepFailed: '[{id}] FAILED: {summary} — {error}',
    applySummary: '{applied} applied, {failed} failed. Undo with: hostsweep undo {run}{stateFlag}',
    undoTitle: 'Undoing run {run} ({command} on {target}, {time})',
    undoStep: '[{id}] undone: {summary}',
    undoFailed: '[{id}] UNDO FAILED: {summary} — {error}',
    undoSummary: '{undone} undone, {failed} failed, {skipped} already undone.',
    noRun: 'No run to undo for {target} in {state}.',
    runsEmpty: 'No runs in {state}.',
    runsHeader:
      'run                      command  target                               started               intents applied failed undone',
    collected: 'Evidence collected first: {file}',
    remaining: 'After cleaning, {count} findings at {floor} or above remain:',
    remainingNone: 'After cleaning, the scan finds nothing left to clean at {floor} or above (logs and histories are evidence and stay).',
    watchCheck: 'Checking again for what came back ({time})…',
    undoHint: 'Nothing to undo: give a run id (see "hostsweep runs").',
    collectDone:
      'Wrote {file}: {members} members, {bytes} bytes in {ms} ms; {gaps} things could not be collected (see manifest.json "gaps").',
    target: 'live system',
    targetRoot: 'root {root}',
  },
  'zh-CN': {
    planTitle: '{target} 的处置计划：共 {count} 个动作',
    planEmpty: '无需处置：{target} 上没有需要应对的发现。',
    answers: '对应发现',
    undoWith: '撤销方式',
    refusedTitle: '{count} 个动作被拒绝',
    refusedWhy: '原因',
    dryRun: '演练模式：没有做任何修改。加上 --yes 重新运行即可执行；每一步都会记入日志，可用 "hostsweep undo" 撤销。',
    applying: '正在执行 {count} 个动作（运行编号 {run}，日志目录 {dir}）',
    stepApplied: '[{id}] 已完成：{summary}',
    stepFailed: '[{id}] 失败：{summary} — {error}',
    applySummary: '已执行 {applied} 个，失败 {failed} 个。撤销命令：hostsweep undo {run}{stateFlag}',
    undoTitle: '正在撤销运行 {run}（{command}，目标 {target}，时间 {time}）',
    undoStep: '[{id}] 已撤销：{summary}',
    undoFailed: '[{id}] 撤销失败：{summary} — {error}',
    undoSummary: '已撤销 {undone} 个，失败 {failed} 个，{skipped} 个此前已撤销。',
    noRun: '状态目录 {state} 中没有可撤销的 {target} 运行记录。',
    runsEmpty: '状态目录 {state} 中没有运行记录。',
    runsHeader: '运行编号                 命令     目标                                 开始时间              意图 已执行 失败 已撤销',
    collected: '已先行采集证据：{file}',
    remaining: '清理后仍有 {count} 项 {floor} 及以上级别的发现：',
    remainingNone: '清理后重新扫描，没有 {floor} 及以上级别需要清理的内容（日志和历史记录作为证据保留）。',
    watchCheck: '再次检查是否有内容复活（{time}）…',
    undoHint: '没有可撤销的内容：请指定运行编号（见 "hostsweep runs"）。',
    collectDone: '已写入 {file}：{members} 个成员，{bytes} 字节，耗时 {ms} 毫秒；{gaps} 项无法采集（见 manifest.json 的 "gaps"）。',
    target: '在线系统',
    targetRoot: '根目录 {root}',
  },
} satisfies Record<Lang, Record<string, string>>;

export type RespondUiKey = keyof (typeof RESPOND_UI)['en'];

export function rui(lang: Lang, key: RespondUiKey, data: Record<string, string | number | undefined> = {}): string {
  return format(RESPOND_UI[lang][key], data);
}
