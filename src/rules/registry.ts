import type { Rule } from './rule';
import deletedExecutable from './process/deleted-executable';
import exeInHiddenDir from './process/exe-in-hidden-dir';
import exeInTempDir from './process/exe-in-temp-dir';
import fakeKernelThread from './process/fake-kernel-thread';
import highCpuUnowned from './process/high-cpu-unowned';
import knownMinerName from './process/known-miner-name';
import loaderEnvironment from './process/loader-environment';
import memfdExecutable from './process/memfd-executable';
import minerArguments from './process/miner-arguments';
import nameMismatch from './process/name-mismatch';
import randomName from './process/random-name';
import reverseShell from './process/reverse-shell';
import suspiciousMappedLibrary from './process/suspicious-mapped-library';
import egressFlood from './network/egress-flood';
import poolConnection from './network/pool-connection';
import poolDomain from './network/pool-domain';
import suspiciousListener from './network/suspicious-listener';
import { rules as persistence } from './persistence/index';
import { rules as hooks } from './hooks/index';
import { rules as accounts } from './accounts/index';
import { rules as ssh } from './ssh/index';
import { rules as files } from './files/index';
import { rules as logs } from './logs/index';
import { rules as rootkit } from './rootkit/index';

// Process and network rules are listed here; other families keep their own index.ts. test/rule-meta.test.ts fails when a rule file is missing here.
export const RULES: Rule[] = [
  // process
  deletedExecutable,
  exeInHiddenDir,
  exeInTempDir,
  fakeKernelThread,
  highCpuUnowned,
  knownMinerName,
  loaderEnvironment,
  memfdExecutable,
  minerArguments,
  nameMismatch,
  randomName,
  reverseShell,
  suspiciousMappedLibrary,
  // network
  egressFlood,
  poolConnection,
  poolDomain,
  suspiciousListener,
  ...persistence,
  ...hooks,
  ...accounts,
  ...ssh,
  ...files,
  ...logs,
  ...rootkit,
];
