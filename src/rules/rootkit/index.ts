import type { Rule } from '../rule';
import cloakedFile from './cloaked-file';
import hiddenKernelModule from './hidden-kernel-module';
import hiddenPort from './hidden-port';
import hiddenProcess from './hidden-process';
import knownRootkitModule from './known-rootkit-module';
import packedExecutable from './packed-executable';
import scannerHooked from './scanner-hooked';
import strayKernelModule from './stray-kernel-module';
import unownedKernelModule from './unowned-kernel-module';

// Rules of the rootkit family, one import per rule file.
export const rules: Rule[] = [
  cloakedFile,
  hiddenKernelModule,
  hiddenPort,
  hiddenProcess,
  knownRootkitModule,
  packedExecutable,
  scannerHooked,
  strayKernelModule,
  unownedKernelModule,
];
